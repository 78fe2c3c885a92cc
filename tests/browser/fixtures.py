"""Browser tests: Playwright (sync API) driving Debian's Chromium against the live server.

The browser is launched once per session from ``/usr/bin/chromium``; Playwright's own browser
downloads are never used. Without Chromium the tests are skipped, except on CI (``CI=true``),
where a missing browser fails the run: CI must exercise these tests.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.factories import PASSWORD

# Playwright's sync API keeps an asyncio loop running in the test thread (for the whole session,
# since the browser is session-scoped); Django's async-safety guard would then refuse every ORM
# call made from the test body. This is the usual pytest-django + Playwright arrangement.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
VIEWPORT = {"width": 1440, "height": 900}
SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def _browser_unavailable(reason: str) -> None:
    """Skip locally; fail on CI, which must run the browser tests."""
    if os.environ.get("CI", "").strip().lower() == "true":
        pytest.fail(f"{reason}. CI=true, so the browser tests must run.", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the whole session."""
    if not CHROMIUM.exists():
        _browser_unavailable(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _browser_unavailable("The playwright Python package is not installed")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    """A fresh browser context and page at 1440x900, English, pointed at the live server.

    JavaScript errors and Content-Security-Policy violations fail the test: they would mean
    HTMX or Bootstrap is broken for real users even when the HTML looks right.
    """
    from playwright.sync_api import expect

    expect.set_options(timeout=10_000)
    context = browser.new_context(
        base_url=live_server.url, viewport=VIEWPORT, locale="en-US", timezone_id="Asia/Seoul"
    )
    context.set_default_timeout(10_000)
    problems: list[str] = []
    new_page = context.new_page()
    new_page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    new_page.on(
        "console",
        lambda message: (
            problems.append(f"console: {message.text}")
            if message.type == "error" and "Failed to load resource" not in message.text
            else None
        ),
    )
    new_page.on(
        "response",
        lambda response: (
            problems.append(f"static file {response.status}: {response.url}")
            if "/static/" in response.url and response.status >= 400
            else None
        ),
    )
    yield new_page
    context.close()
    assert not problems, "The browser reported errors:\n" + "\n".join(problems)


@pytest.fixture
def log_in(page: Any) -> Callable[[Any], Any]:
    """Log a user in through the login form: ``log_in(cast.owner)``; returns the page."""
    from playwright.sync_api import expect

    def login(user: Any) -> Any:
        page.goto("/login/")
        page.locator("#id_username").fill(user.username)
        page.locator("#id_password").fill(PASSWORD)
        page.locator("form.card button[type=submit]").click()
        expect(page).not_to_have_url(re.compile(r"/login/"))
        expect(page.locator("nav.app-sidebar")).to_be_visible()
        page.wait_for_load_state("load")
        assert page.evaluate("() => typeof window.htmx") == "object", (
            "HTMX did not load: are the vendored static files served?"
        )
        return page

    return login


@pytest.fixture
def screenshot_dir() -> Path:
    """``var/screenshots/`` in the repository (git-ignored), created on demand."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    return SCREENSHOT_DIR
