"""Browser tests: Playwright's Python package drives the system's Chromium (CHROMIUM_PATH,
set by scripts/run_tests.py). No browser is ever downloaded; without Chromium the tests
marked `browser` are skipped loudly (a failure under REQUIRE_SERVICES=1, see tests/conftest.py).

The app runs in pytest-django's live_server, in this process: mail goes to the locmem
backend, so django.core.mail.outbox holds what the app sent."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.signals import request_finished, request_started

# Playwright's sync API runs an asyncio event loop in this thread; Django's ORM calls made
# by the test itself (and its fixtures) would otherwise refuse to run next to it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

MOBILE = {"width": 375, "height": 812}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# Requests the live server is still answering. A test's data is emptied (TRUNCATE) when it
# ends; a request still running then (a page's late fetch, the service worker keeping a
# page) holds locks the TRUNCATE waits for, and PostgreSQL ends one of the two as a deadlock.
_IN_FLIGHT = [0]
_IN_FLIGHT_LOCK = threading.Lock()


_TEST_CLIENTS = ("ClientHandler", "AsyncClientHandler")  # Django's test client, not a server


def _request_started(sender: Any, **_kwargs: Any) -> None:
    if getattr(sender, "__name__", "") not in _TEST_CLIENTS:
        with _IN_FLIGHT_LOCK:
            _IN_FLIGHT[0] += 1


def _request_finished(sender: Any, **_kwargs: Any) -> None:
    if getattr(sender, "__name__", "") not in _TEST_CLIENTS:
        with _IN_FLIGHT_LOCK:
            _IN_FLIGHT[0] = max(0, _IN_FLIGHT[0] - 1)


request_started.connect(_request_started, dispatch_uid="e2e-in-flight-started")
request_finished.connect(_request_finished, dispatch_uid="e2e-in-flight-finished")


@pytest.fixture(autouse=True)
def _server_answered_everything(live_server: Any) -> Iterator[None]:
    """After the test (its pages closed first), wait until the live server has answered
    every request it took, before the test's data is emptied. At most 10 s: a request that
    never ends fails its own test, not the next."""
    yield
    for _ in range(100):  # polled
        if _IN_FLIGHT[0] == 0:
            return
        time.sleep(0.1)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    executable = os.environ.get("CHROMIUM_PATH")
    if not executable:
        pytest.skip("SKIPPED: NEEDS CHROMIUM (CHROMIUM_PATH is not set)")
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()
    finally:
        playwright.stop()


@pytest.fixture
def browser_problems() -> list[str]:
    """Console errors, uncaught exceptions and failed or 4xx/5xx requests seen by `page`."""
    return []


@pytest.fixture
def page(browser: Any, browser_problems: list[str]) -> Iterator[Any]:
    """A phone-sized page (375 x 812) in a fresh context: no cookies from other tests."""
    context = browser.new_context(viewport=MOBILE, device_scale_factor=2, locale="en-GB")
    context.set_default_timeout(15_000)
    page = context.new_page()

    def on_console(message: Any) -> None:
        url = (message.location or {}).get("url", "")
        if message.type == "error":
            browser_problems.append(f"console {message.type}: {message.text} ({url})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: browser_problems.append(f"page error: {error}"))
    # A request still on its way when the page navigates (a reload, a link) is cancelled by
    # the browser with net::ERR_ABORTED: the page left, nothing failed. The cancellation can
    # come just before the new page commits, so it counts as a problem until then, and is
    # forgotten if the main frame does commit a new page. Any other failure stays.
    commits = [0]
    started: dict[Any, int] = {}
    provisional: list[str] = []

    def on_navigated(frame: Any) -> None:
        if frame != page.main_frame:
            return
        commits[0] += 1
        for problem in provisional:
            if problem in browser_problems:
                browser_problems.remove(problem)
        provisional.clear()

    def on_request_failed(request: Any) -> None:
        problem = f"request failed: {request.method} {request.url} ({request.failure})"
        if "ERR_ABORTED" in (request.failure or ""):
            if started.pop(request, commits[0]) != commits[0]:
                return
            provisional.append(problem)
        browser_problems.append(problem)

    page.on("framenavigated", on_navigated)
    page.on("request", lambda request: started.__setitem__(request, commits[0]))
    page.on("requestfinished", lambda request: started.pop(request, None))
    page.on("requestfailed", on_request_failed)
    page.on(
        "response",
        lambda response: (
            browser_problems.append(f"HTTP {response.status}: {response.url}")
            if response.status >= 400
            else None
        ),
    )
    try:
        yield page
    finally:
        context.close()


@pytest.fixture(autouse=True)
def _migration_data(live_server: Any, migration_data: None) -> None:
    """The live server's tests are transactional: put back what data migrations made."""
