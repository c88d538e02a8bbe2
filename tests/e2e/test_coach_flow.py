"""A coach's morning, in a real browser on a 375 px phone screen: log in to the admin,
open the athlete at the top of the list, read the spike, write a note; the runner then
reads the note on the dashboard."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.shots import not_kept, save_screenshot
from tests.factories import PASSWORD, make_coach, make_runner
from tests.logbook.helpers import days_ago, log_run

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE_WIDTH = 375
NOTE = "Great long run, but keep next Sunday at 12 km."


def scrolls_sideways(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth") > PHONE_WIDTH)


def test_coach_reads_the_spike_and_the_runner_reads_the_note(
    page: Any, browser: Any, live_server: Any, browser_problems: list[str]
) -> None:
    bob = make_coach("bob@example.com", display_name="Bob")
    alice = make_runner("alice@example.com", display_name="Alice", coach=bob)
    carol = make_runner("carol@example.com", display_name="Carol", coach=bob)
    log_run(carol, days_ago(2), 8)
    log_run(alice, days_ago(20), 10)
    log_run(alice, days_ago(1), 25, minutes=150)  # +150 %: a large spike

    page.goto(live_server.url + "/admin/")
    page.get_by_label("E-mail address").fill(bob.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Athletes").first.click()
    expect(page.locator("#result_list")).to_be_visible()
    assert not scrolls_sideways(page)
    shots = [save_screenshot(page, "coach-athlete-list")]

    first = page.locator("#result_list tbody tr").first
    expect(first).to_contain_text("Alice")
    expect(first).to_contain_text("Single run longer than usual: large")
    first.get_by_role("link", name="Alice").click()

    warnings = page.locator("#training_warnings-group")
    expect(warnings).to_contain_text("Single run longer than usual: large")
    expect(warnings).to_contain_text("+150.0 %, more than 100 %")
    expect(page.locator("#load-chart")).to_be_visible()
    page.wait_for_function("() => !!window.Chart && !!window.Chart.getChart('load-chart')")
    assert not scrolls_sideways(page)
    page.get_by_role("textbox", name="Note:").fill(NOTE)
    shots.append(save_screenshot(page, "coach-athlete-page"))
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_be_visible()

    runner = browser.new_context(viewport={"width": PHONE_WIDTH, "height": 812}, locale="en-GB")
    try:
        alice_page = runner.new_page()
        alice_page.goto(live_server.url + "/accounts/login/")
        alice_page.get_by_label("Email").fill(alice.email)
        alice_page.get_by_label("Password").fill(PASSWORD)
        alice_page.locator("main").get_by_role("button", name="Sign In").click()
        alice_page.goto(live_server.url + "/dashboard/")
        notes = alice_page.locator("#coach-notes")
        expect(notes).to_contain_text(NOTE)
        expect(notes).to_contain_text("Bob")
        assert not scrolls_sideways(alice_page)
        shots.append(save_screenshot(alice_page, "runner-dashboard-coach-note"))
    finally:
        runner.close()
    assert browser_problems == []
    assert len(shots) == 3 and not_kept(shots) == []
