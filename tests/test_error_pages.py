"""Friendly 403/404/500 pages from our templates, and the login wall for anonymous visitors.

This module doubles as a URLconf (``pytest.mark.urls``) that adds a view which always fails,
so the 500 handler can be exercised end to end.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import path

from exportdesk.urls import urlpatterns as app_urlpatterns

pytestmark = pytest.mark.django_db


def _always_fails(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("boom: this view fails on purpose")


urlpatterns = [path("test-only/fails/", _always_fails), *app_urlpatterns]
handler403 = "exportdesk.accounts.views.permission_denied"
handler404 = "exportdesk.accounts.views.page_not_found"
handler500 = "exportdesk.accounts.views.server_error"


def template_names(response: Any) -> list[str]:
    return [t.name for t in response.templates]


def test_the_tests_run_with_debug_off() -> None:
    # Otherwise Django would show its technical pages instead of ours.
    assert settings.DEBUG is False


@pytest.mark.parametrize("url", ["/no-such-page/", "/buyers/999999/", "/buyers/not-a-number/"])
def test_an_unknown_address_shows_our_not_found_page(cast: Any, client_for: Any, url: str) -> None:
    response = client_for(cast.manager).get(url)
    html = response.content.decode()
    assert response.status_code == 404
    assert "errors/404.html" in template_names(response)
    assert "Page not found" in html
    assert "Back to the dashboard" in html
    assert 'class="app-sidebar' in html  # the signed-in layout, with navigation
    assert "Traceback" not in html
    assert "Using the URLconf" not in html  # Django's technical 404


def test_an_anonymous_visitor_gets_the_public_not_found_page(client: Any) -> None:
    response = client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "errors/404.html" in template_names(response)
    assert "Page not found" in html
    assert 'class="app-sidebar' not in html


def test_a_viewer_posting_settings_gets_our_forbidden_page(cast: Any, client_for: Any) -> None:
    response = client_for(cast.viewer).post("/settings/", {"timezone": "Europe/Budapest"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "errors/403.html" in template_names(response)
    assert "You do not have access to this page" in html
    assert 'class="app-sidebar' in html


def test_a_permission_error_raised_in_a_view_shows_our_forbidden_page(
    cast: Any, client_for: Any
) -> None:
    response = client_for(cast.viewer).get("/buyers/new/")
    assert response.status_code == 403
    assert "errors/403.html" in template_names(response)
    assert "You do not have access to this page" in response.content.decode()


@pytest.mark.urls(__name__)
def test_a_failing_view_shows_our_server_error_page(cast: Any, client_for: Any) -> None:
    client = client_for(cast.manager)
    client.raise_request_exception = False
    response = client.get("/test-only/fails/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in html
    assert "fails on purpose" not in html  # no exception details leak
    assert "RuntimeError" not in html
    assert "Traceback" not in html


@pytest.mark.parametrize(
    "url",
    ["/", "/buyers/", "/buyers/1/", "/buyers/new/", "/buyers/1/edit/", "/settings/", "/inbox/"],
)
def test_an_anonymous_visitor_is_sent_to_the_login_page(client: Any, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == f"/login/?next={url}"


@pytest.mark.parametrize("url", ["/settings/", "/buyers/new/", "/buyers/1/tags/add/"])
def test_an_anonymous_post_changes_nothing_and_goes_to_login(client: Any, url: str) -> None:
    response = client.post(url, {"name": "x", "company": "x", "country": "US"})
    assert response.status_code == 302
    assert response.url.startswith("/login/")


def test_the_login_page_itself_is_public(client: Any) -> None:
    response = client.get("/login/")
    assert response.status_code == 200
    assert 'id="id_username"' in response.content.decode()
