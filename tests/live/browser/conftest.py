"""Browser tier: the cart page in Debian's Chromium, driven headless by Playwright.

Playwright never downloads a browser here: it launches ``CHROMIUM`` (default
``/usr/bin/chromium``, installed by ``make browser``). Each test gets a fresh browser
context, so a fresh demo shopper and conversation; its screenshots go to
``test-artifacts/browser/``.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from bot.config import PROJECT_ROOT
from tests.live.browser.cart_page import CartPage
from tests.live.helpers import Live

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = PROJECT_ROOT / "test-artifacts" / "browser"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",  # the tests run as root in CI
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",  # no calls to Google's hosts on a closed network
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


@pytest.fixture(scope="package")  # stopped after the browser tests: it runs an event loop
def playwright() -> Iterator[Playwright]:
    """The Playwright driver (its own Node process; no browser download)."""
    if not CHROMIUM.exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: run `make browser` (make test does)")
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="package")  # stopped after the browser tests: it runs an event loop
def browser(playwright: Playwright) -> Iterator[Browser]:
    """Debian's Chromium, headless."""
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
    yield browser
    browser.close()


def _artifact_name(request: pytest.FixtureRequest) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)


@pytest.fixture
def cart_page(browser: Browser, live: Live, request: pytest.FixtureRequest) -> Iterator[CartPage]:
    """The cart page in a new browser context (desktop size), with every request recorded."""
    yield from _open(browser, live, request, {"width": 1200, "height": 860})


@pytest.fixture
def phone_page(browser: Browser, live: Live, request: pytest.FixtureRequest) -> Iterator[CartPage]:
    """The cart page at 375 px wide, as on a phone."""
    yield from _open(browser, live, request, {"width": 375, "height": 812})


def _open(
    browser: Browser, live: Live, request: pytest.FixtureRequest, viewport: dict[str, int]
) -> Iterator[CartPage]:
    context = browser.new_context(viewport=viewport)  # type: ignore[arg-type]
    page: Page = context.new_page()
    hosts: set[str] = set()
    page.on("request", lambda r: hosts.add(urlsplit(r.url).hostname or r.url))
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    artifacts = ARTIFACTS / _artifact_name(request)
    shutil.rmtree(artifacts, ignore_errors=True)
    cart = CartPage(page, live, artifacts)
    cart.open()
    try:
        yield cart
    finally:
        cart.screenshot("end")
        context.close()
    assert hosts <= LOCAL_HOSTS, f"the page reached beyond this machine: {hosts - LOCAL_HOSTS}"
    assert not errors, f"JavaScript errors on the page: {errors}"
