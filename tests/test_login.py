"""Logging in: good and bad passwords, throttling of repeated failures, argon2 hashes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.cache import cache

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

URL = "/login/"
THROTTLED = "Too many failed logins. Please wait 15 minutes and try again."


@pytest.fixture(autouse=True)
def _fresh_throttle() -> Iterator[None]:
    """The failure counters live in the (process-wide) locmem cache."""
    cache.clear()
    yield
    cache.clear()


def log_in(
    client: Any, username: str, password: str, address: str = "127.0.0.1", **extra: Any
) -> Any:
    """Post the login form from a client address."""
    return client.post(
        URL, {"username": username, "password": password, **extra}, REMOTE_ADDR=address
    )


def is_logged_in(client: Any) -> bool:
    return "_auth_user_id" in client.session


def test_a_good_password_logs_in_and_opens_the_dashboard(cast: Any, client: Any) -> None:
    response = log_in(client, "rep", PASSWORD)
    assert response.status_code == 302
    assert response.url == "/"
    assert is_logged_in(client)
    assert int(client.session["_auth_user_id"]) == cast.rep.pk


def test_login_returns_to_the_page_asked_for(cast: Any, client: Any) -> None:
    response = log_in(client, "rep", PASSWORD, next="/buyers/?grade=A")
    assert response.status_code == 302
    assert response.url == "/buyers/?grade=A"


def test_login_does_not_redirect_to_another_site(cast: Any, client: Any) -> None:
    response = log_in(client, "rep", PASSWORD, next="https://evil.example/phish")
    assert response.status_code == 302
    assert response.url == "/"


def test_a_wrong_password_is_refused_with_a_message(cast: Any, client: Any) -> None:
    response = log_in(client, "rep", "not-the-password")
    assert response.status_code == 200
    assert not is_logged_in(client)
    assert "alert-danger" in response.content.decode()
    assert THROTTLED not in response.content.decode()


def test_an_inactive_user_cannot_log_in(cast: Any, client: Any) -> None:
    cast.rep.is_active = False
    cast.rep.save()
    response = log_in(client, "rep", PASSWORD)
    assert response.status_code == 200
    assert not is_logged_in(client)


def test_after_five_failures_even_the_right_password_is_refused(cast: Any, client: Any) -> None:
    assert settings.LOGIN_FAILURE_LIMIT == 5
    for _ in range(5):
        assert log_in(client, "rep", "wrong-password").status_code == 200

    response = log_in(client, "rep", PASSWORD)

    assert response.status_code == 200
    assert THROTTLED in response.content.decode()
    assert not is_logged_in(client)


def test_four_failures_still_let_the_right_password_in(cast: Any, client: Any) -> None:
    for _ in range(4):
        log_in(client, "rep", "wrong-password")
    response = log_in(client, "rep", PASSWORD)
    assert response.status_code == 302
    assert is_logged_in(client)


def test_the_username_throttle_ignores_case_and_holds_from_another_address(
    cast: Any, client: Any
) -> None:
    for i in range(5):
        log_in(client, "REP", "wrong-password", address=f"10.0.0.{i + 1}")

    response = log_in(client, "rep", PASSWORD, address="192.0.2.50")

    assert THROTTLED in response.content.decode()
    assert not is_logged_in(client)


def test_the_address_throttle_holds_for_every_username_from_that_address(
    cast: Any, client: Any
) -> None:
    # An office shares one address, so it gets four times a username's tries (5 × 4 = 20).
    for i in range(20):
        log_in(client, f"user{i}", "guess", address="203.0.113.7")

    blocked = log_in(client, "manager", PASSWORD, address="203.0.113.7")
    assert THROTTLED in blocked.content.decode()

    elsewhere = log_in(client, "manager", PASSWORD, address="198.51.100.1")
    assert elsewhere.status_code == 302


def test_a_good_login_forgets_the_usernames_earlier_failures(cast: Any, client: Any) -> None:
    for i in range(4):
        log_in(client, "rep", "wrong-password", address=f"10.0.1.{i + 1}")
    assert log_in(client, "rep", PASSWORD, address="10.0.1.9").status_code == 302
    client.logout()
    for i in range(4):
        log_in(client, "rep", "wrong-password", address=f"10.0.2.{i + 1}")

    response = log_in(client, "rep", PASSWORD, address="10.0.2.9")

    assert response.status_code == 302


def test_the_project_prefers_argon2() -> None:
    from exportdesk import settings as project_settings

    assert project_settings.PASSWORD_HASHERS[0] == (
        "django.contrib.auth.hashers.Argon2PasswordHasher"
    )


def test_passwords_are_stored_as_argon2_hashes(cast: Any) -> None:
    for user in (cast.owner, cast.rep):
        user.refresh_from_db()
        assert user.password.startswith("argon2")
        assert PASSWORD not in user.password
        assert user.check_password(PASSWORD)


def test_an_older_hash_is_upgraded_to_argon2_at_login(
    cast: Any, client: Any, settings: Any
) -> None:
    settings.PASSWORD_HASHERS = [
        *settings.PASSWORD_HASHERS,
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    user_model = get_user_model()
    user_model.objects.filter(pk=cast.viewer.pk).update(
        password=make_password(PASSWORD, hasher="pbkdf2_sha256")
    )
    assert log_in(client, "viewer", PASSWORD).status_code == 302
    assert user_model.objects.get(pk=cast.viewer.pk).password.startswith("argon2")


def test_a_few_failures_from_a_shared_office_address_do_not_lock_out_a_colleague(
    cast: Any, client: Any
) -> None:
    for name in ("alice", "bob", "carol", "dave", "erin"):
        log_in(client, name, "guess", address="203.0.113.9")
    response = log_in(client, "manager", PASSWORD, address="203.0.113.9")
    assert response.status_code == 302
