"""The browser tests' own watcher: what counts as a problem and what does not."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser


def test_a_request_cut_off_by_the_page_going_away_is_not_a_problem(
    page: Any, live_server: Any, browser_problems: list[str]
) -> None:
    # The import page reloads itself when the job ends; a favicon still on its way is then
    # cancelled by the browser (net::ERR_ABORTED). That is the page leaving, not a fault.
    page.route("**/favicon.svg", lambda route: None)  # held: never answered
    page.goto(live_server.url + "/accounts/login/")
    page.reload()
    assert browser_problems == []


def test_a_request_that_fails_on_a_page_that_stays_is_a_problem(
    page: Any, live_server: Any, browser_problems: list[str]
) -> None:
    page.route("**/favicon.svg", lambda route: route.abort("failed"))
    # The favicon may be asked for after the load event: wait for its failure itself.
    with page.expect_event("requestfailed", lambda request: "favicon.svg" in request.url):
        page.goto(live_server.url + "/accounts/login/")
    assert [p for p in browser_problems if "favicon.svg" in p and "ERR_FAILED" in p]
