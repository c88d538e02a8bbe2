"""The main flows of a runner on a 375 px wide phone, in Chromium: log a run and see the
spike it makes; switch to Dutch and edit a session; import a Strava export and watch its
progress. Each leaves a screenshot (tests/e2e/shots.py)."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from logbook import services
from logbook.models import ImportJob, Session, TrainingWarning
from tests.e2e.shots import save_screenshot
from tests.e2e.test_signup_flow import check_page, in_language, open_menu
from tests.factories import PASSWORD, make_runner
from tests.logbook.test_hostile_imports import strava_rows

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page: Any, base: str, email: str) -> None:
    page.goto(base + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(base + "/dashboard/")


def ten_km_five_days_ago(runner: Any) -> Session:
    result = services.session_log(
        athlete=runner,
        start=timezone.now() - timedelta(days=5),
        kind="run",
        duration_s=3600,
        distance_m=10_000,
        rpe=5,
    )
    assert result.session is not None
    return result.session


def test_log_a_run_and_see_the_spike(page, live_server, browser_problems):
    runner = make_runner("erin@example.com", display_name="Erin")
    ten_km_five_days_ago(runner)
    sign_in(page, live_server.url, runner.email)
    page.goto(live_server.url + "/sessions/new/")
    check_page(page)
    page.locator("label[for=id_kind_0]").click()  # run
    page.locator("#id_date").fill((timezone.localdate() - timedelta(days=1)).isoformat())
    page.locator("#id_time").fill("07:00")
    page.locator("#id_duration").fill("80")
    page.locator("#id_distance_km").fill("14")
    page.locator("label[for=id_rpe_5]").click()  # 6, hard+
    page.locator("main form").get_by_role("button", name="Save").click()
    expect(page).to_have_url(re.compile(r"/sessions/\d+/$"))
    card = page.locator(".warning-card[data-rule=single_run_spike]")
    expect(card.first).to_be_visible()
    expect(card.first).to_contain_text("14.0 km against a longest run of 10.0 km")
    check_page(page)
    save_screenshot(page, "log-a-run-spike")
    assert TrainingWarning.objects.filter(athlete=runner, rule="single_run_spike").count() == 1
    assert browser_problems == []


def test_switch_to_dutch_and_edit_a_session(page, live_server, browser_problems):
    runner = make_runner("fenna@example.com", display_name="Fenna")
    session = ten_km_five_days_ago(runner)
    day = timezone.localtime(session.start).date().isoformat()
    sign_in(page, live_server.url, runner.email)
    open_menu(page)
    page.locator("nav").get_by_role("button", name="NL", exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")

    page.goto(f"{live_server.url}/sessions/{session.pk}/edit/")
    check_page(page)
    expect(page.locator("#id_date")).to_have_value(day)
    page.locator("#id_duration").fill("65")
    page.locator("#id_notes").fill("Rustig, met wind mee")
    page.locator("main form").get_by_role("button", name=in_language("nl", "Save")).click()
    expect(page).to_have_url(f"{live_server.url}/sessions/{session.pk}/")
    expect(page.locator("main")).to_contain_text("Rustig, met wind mee")
    check_page(page)
    save_screenshot(page, "dutch-edit-session")
    session.refresh_from_db()
    assert (session.duration_s, timezone.localtime(session.start).date().isoformat()) == (
        65 * 60,
        day,
    )
    assert browser_problems == []


@pytest.mark.services
def test_import_a_strava_export_and_watch_its_progress(
    page, live_server, browser_problems, celery_worker, tmp_path
):
    runner = make_runner("gijs@example.com", display_name="Gijs")
    export = tmp_path / "activities.csv"
    export.write_bytes(strava_rows(1200))
    sign_in(page, live_server.url, runner.email)
    page.goto(live_server.url + "/import/")
    check_page(page)
    page.locator("#id_file").set_input_files(str(export))
    page.locator("main form").get_by_role("button", name="Import").click()
    expect(page).to_have_url(re.compile(r"/import/\d+/$"))
    expect(page.locator("#job-progress")).to_have_attribute("value", "100", timeout=60_000)
    expect(page.locator("#job-counts")).to_contain_text("1200 added")
    check_page(page)
    save_screenshot(page, "strava-import-progress")
    job = ImportJob.objects.get(athlete=runner)
    assert (job.status, job.added) == (ImportJob.Status.DONE, 1200)
    assert browser_problems == []
