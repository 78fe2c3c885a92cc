"""The shared cast: an owner, a manager, a senior rep, a rep, a viewer and an outsider rep."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from exportdesk.accounts.roles import Role
from tests.factories import make_user

# The Playwright fixtures (browser, page, log_in …) serve tests/browser and every other folder
# with a browser test; one plugin keeps one browser per session.
pytest_plugins = ["tests.browser.fixtures"]


@dataclass
class Cast:
    owner: Any
    manager: Any
    senior_rep: Any
    rep: Any
    viewer: Any
    outsider: Any


@pytest.fixture
def cast(db: None) -> Cast:
    """One user per role; `outsider` is another rep who owns none of the test's buyers."""
    return Cast(
        owner=make_user(Role.OWNER, username="owner"),
        manager=make_user(Role.MANAGER, username="manager"),
        senior_rep=make_user(Role.SENIOR_REP, username="senior"),
        rep=make_user(Role.REP, username="rep"),
        viewer=make_user(Role.VIEWER, username="viewer"),
        outsider=make_user(Role.REP, username="outsider"),
    )


@pytest.fixture
def client_for(client: Client):  # type: ignore[no-untyped-def]
    """Log the test client in as a user: ``client_for(cast.rep).get(...)``."""

    def login(user: Any) -> Client:
        client.force_login(user)
        return client

    return login


@pytest.fixture(autouse=True)
def _test_settings(settings: Any) -> None:
    """English messages unless a test asks for Korean; a cheap Argon2 so the cast logs in fast."""
    settings.LANGUAGE_CODE = "en"
    settings.PASSWORD_HASHERS = ["tests.hashers.FastArgon2PasswordHasher"]
    # Messages received in tests are triaged on lexical cues; tests/assistant covers embeddings.
    settings.EXPORTDESK_TRIAGE_EMBEDDINGS = False
    # Pages cache slow-moving figures (the inbox's 30-day KPIs); every test starts cold.
    from django.core.cache import cache

    cache.clear()
