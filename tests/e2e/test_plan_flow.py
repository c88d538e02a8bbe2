"""A coach plans a week in the admin; the runner, on a 375 px phone, finds today's planned
session first on the dashboard, logs it from the plan with "Log this" and a save, and the
plan shows it done."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from coaching import plans, services
from coaching.models import PlannedSession
from logbook import load
from logbook.models import Session
from tests.e2e.pages import PHONE, WIDE, browsing
from tests.e2e.shots import save_screenshot
from tests.factories import PASSWORD, make_coach, make_runner
from tests.logbook.helpers import days_ago, log_run

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def scrolls_sideways(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth") > PHONE)


def test_coach_plans_a_week_and_the_runner_logs_todays_session_from_the_plan(
    page: Any, browser: Any, live_server: Any, browser_problems: list[str]
) -> None:
    bob = make_coach("bob@example.com", display_name="Bob")
    alice = make_runner("alice@example.com", display_name="Alice", coach=bob)
    today = load.local_day(timezone.now(), alice.profile.tz)
    monday = plans.week_monday(today)
    other_day = monday + timedelta(days=6) if today != monday + timedelta(days=6) else monday

    coach_opens_the_plan(page, live_server.url, bob, today)
    planned = coach_plans_two_sessions(page, alice, bob, today, other_day)
    runner_logs_todays_session_from_the_plan(browser, live_server.url, alice)
    coach_sees_done_beside_planned(page, planned)
    assert browser_problems == []
    free_day = next(
        day
        for day in (monday + timedelta(days=n) for n in range(7))
        if day not in (today, other_day)
    )
    coach_plans_and_copies_the_week_in_dutch(
        browser, live_server.url, bob, alice, planned, free_day
    )


def coach_opens_the_plan(page: Any, url: str, bob: Any, today: date) -> None:
    """The coach, on his phone: the athlete list, Alice, her plan."""
    page.goto(url + "/admin/")
    page.get_by_label("E-mail address").fill(bob.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#home-attention, #content-main").first).to_be_visible()
    page.goto(url + reverse("admin:coaching_athlete_changelist"))
    page.locator("#result_list").get_by_role("link", name="Alice").click()
    page.locator("#athlete-plan-link").click()
    expect(page.locator("#plan-week-title")).to_contain_text(f"Week {today.isocalendar().week}")


def coach_plans_two_sessions(
    page: Any, alice: Any, bob: Any, today: date, other_day: date
) -> PlannedSession:
    """Today's cell: its small form opens from the keyboard, its fields have real labels."""
    todays_cell = page.locator(f"#day-{today.isoformat()}")
    todays_cell.locator("summary", has_text="Add a session").focus()
    page.keyboard.press("Enter")
    todays_cell.get_by_label("Kind").select_option("run")
    todays_cell.get_by_label("Target duration").fill("40")
    todays_cell.get_by_label("Target distance (km)").fill("7.5")
    todays_cell.get_by_label("Target effort (RPE 1-10)").select_option("4")
    todays_cell.get_by_label("Note").fill("Easy, chatting pace")
    assert not scrolls_sideways(page)
    save_screenshot(page, "coach-plan-week")
    todays_cell.get_by_role("button", name="Add to the plan").click()
    expect(page.locator(".messagelist")).to_contain_text("Planned: Run on")
    other_cell = page.locator(f"#day-{other_day.isoformat()}")
    other_cell.locator("summary", has_text="Add a session").click()
    other_cell.get_by_label("Kind").select_option("strength")
    other_cell.get_by_label("Target duration").fill("20")
    other_cell.get_by_role("button", name="Add to the plan").click()
    expect(page.locator(".messagelist")).to_contain_text("Planned: Strength")
    planned = PlannedSession.objects.get(athlete=alice, day=today)
    assert planned.planned_by == bob
    assert PlannedSession.objects.filter(athlete=alice).count() == 2
    expect(page.locator(f"#planned-{planned.pk} .plan-status")).to_have_text("planned")
    return planned


def runner_logs_todays_session_from_the_plan(browser: Any, url: str, alice: Any) -> None:
    """The runner, on her phone: today's plan comes first on the dashboard; one tap from
    it opens the session form filled in as planned."""
    with browsing(browser, url, width=PHONE, user=alice) as b:
        b.goto("/dashboard/")
        todays = b.page.locator("#plan-today")
        expect(todays).to_contain_text("Run")
        expect(todays).to_contain_text("Easy, chatting pace")
        expect(todays.locator(".plan-status")).to_have_text("planned")
        first_card = b.page.locator("main section.card").first
        expect(first_card.locator("#plan-today")).to_have_count(1)
        assert todays.bounding_box()["y"] < b.page.locator("#week-headline").bounding_box()["y"]
        assert todays.bounding_box()["y"] < 812  # in view without scrolling
        assert b.scroll_width() <= PHONE
        save_screenshot(b.page, "runner-dashboard-todays-plan")

        todays.get_by_role("link", name="Log this").click()
        expect(b.page.locator("#id_duration")).to_have_value("40")
        expect(b.page.locator("#id_distance_km")).to_have_value("7.5")
        b.page.locator("#session-form button[type=submit]").click()
        expect(b.page).to_have_url(re.compile(r"/sessions/\d+/$"))
        session = Session.objects.get(athlete=alice)
        assert (session.kind, session.duration_s, session.distance_m) == ("run", 2400, 7500)

        b.goto("/dashboard/")
        expect(b.page.locator("#plan-today .plan-status")).to_have_text("done")
        expect(b.page.locator("#plan-today .done-as")).to_be_visible()
        save_screenshot(b.page, "runner-dashboard-plan-done")
        assert b.problems == []


def coach_sees_done_beside_planned(page: Any, planned: PlannedSession) -> None:
    """The coach, back on his phone: what was done stands beside what he planned."""
    page.reload()
    card = page.locator(f"#planned-{planned.pk}")
    expect(card.locator(".plan-status")).to_have_text("done")
    expect(card.locator(".cal-planned")).to_contain_text("40 min · 7.5 km · RPE 4 · load 160")
    expect(card.locator(".cal-done")).to_contain_text("40 min · 7.5 km")
    assert not scrolls_sideways(page)
    save_screenshot(page, "coach-plan-planned-beside-done")


def coach_plans_and_copies_the_week_in_dutch(
    browser: Any, url: str, bob: Any, alice: Any, planned: PlannedSession, free_day: date
) -> None:
    """The same in Dutch, on the phone: words and decimal commas; a run added with a
    distance typed with a comma, then the week copied to the next."""
    with browsing(browser, url, width=PHONE, user=bob, language="nl") as b:
        b.goto(reverse("admin:coaching_athlete_plan", args=[alice.pk]))
        card = b.page.locator(f"#planned-{planned.pk}")
        expect(card.locator(".plan-status")).to_have_text("gedaan")
        expect(card.locator(".cal-planned")).to_contain_text(
            "40 min · 7,5 km · RPE 4 · belasting 160"
        )
        expect(card.locator(".cal-done")).to_contain_text("40 min · 7,5 km")
        assert b.scroll_width() <= PHONE
        assert b.axe_violations() == []
        save_screenshot(b.page, "coach-plan-planned-beside-done-nl")

        cell = b.page.locator(f"#day-{free_day.isoformat()}")
        cell.locator("summary", has_text="Training toevoegen").click()
        cell.get_by_label("Soort").select_option("run")
        cell.get_by_label("Beoogde duur").fill("50")
        cell.get_by_label("Beoogde afstand (km)").press_sequentially("8,5")
        assert b.scroll_width() <= PHONE, b.widest()
        cell.get_by_role("button", name="Aan het schema toevoegen").click()
        expect(b.page.locator(".messagelist")).to_contain_text("Gepland: Hardlopen op")
        added = PlannedSession.objects.get(athlete=alice, day=free_day)
        assert (added.duration_s, added.distance_m) == (3000, 8500)
        expect(b.page.locator(f"#planned-{added.pk} .cal-planned")).to_contain_text(
            "50 min · 8,5 km"
        )

        b.page.get_by_role("button", name="Deze week naar de volgende week kopiëren").click()
        expect(b.page.locator(".messagelist")).to_contain_text(
            "3 geplande trainingen naar de volgende week gekopieerd."
        )
        next_week = free_day + timedelta(days=7)
        expect(b.page.locator("#plan-week-title")).to_contain_text(
            f"Week {next_week.isocalendar().week}"
        )
        copy = PlannedSession.objects.get(athlete=alice, day=next_week)
        expect(b.page.locator(f"#planned-{copy.pk} .cal-planned")).to_contain_text(
            "50 min · 8,5 km"
        )
        assert (copy.duration_s, copy.distance_m, copy.planned_by) == (3000, 8500, bob)
        assert b.scroll_width() <= PHONE, b.widest()
        save_screenshot(b.page, "coach-plan-week-copied-nl")
        assert b.problems == []


@pytest.mark.parametrize(
    ("width", "language", "dark"),
    [
        pytest.param(PHONE, "nl", False, id="375-nl-light"),
        pytest.param(WIDE, "en", True, id="1280-en-dark"),
    ],
)
def test_the_coachs_plan_pages_and_the_plan_check_are_accessible_and_fit(
    browser: Any, live_server: Any, width: int, language: str, dark: bool
) -> None:
    bob = make_coach("bob@example.com", display_name="Bob")
    alice = make_runner("alice@example.com", display_name="Alice", coach=bob)
    log_run(alice, days_ago(3), 10)
    today = load.local_day(timezone.now(), alice.profile.tz)
    tomorrow = today + timedelta(days=1)
    services.plan_session_save(
        athlete=alice,
        planned_by=bob,
        values=services.PlanValues(day=tomorrow, kind="run", distance_m=16000),
    )
    log_run(alice, days_ago(0, hour=0), 5, minutes=30)
    plan_url = reverse("admin:coaching_athlete_plan", args=[alice.pk])
    # On a Sunday tomorrow is next week: each calendar opens on the planned session's week.
    week = f"week={tomorrow.isoformat()}"
    pages = [
        ("coach-plan", f"{plan_url}?{week}"),
        ("coach-plan-4-weeks", f"{plan_url}?view=4w&{week}"),
        ("coach-athlete-plan", reverse("admin:coaching_athlete_change", args=[alice.pk])),
    ]
    found: dict[str, list[str]] = {}
    with browsing(
        browser, live_server.url, width=width, user=bob, language=language, dark=dark
    ) as b:
        for name, path in pages:
            b.goto(path)
            expect(b.page.locator(".plan-check").first).to_be_visible()
            assert b.scroll_width() <= width, f"{path} scrolls sideways: {b.widest()}"
            if violations := b.axe_violations():
                found[path] = violations
            save_screenshot(b.page, f"{name}-{width}-{language}")
        # A form opened in place, keyboard first: still no finding, still no sideways scroll.
        b.goto(plan_url)
        b.page.locator("#plan-calendar .cal-add summary").first.focus()
        b.page.keyboard.press("Enter")
        expect(b.page.locator("#plan-calendar .cal-add[open] form")).to_be_visible()
        assert b.scroll_width() <= width, f"open form scrolls sideways: {b.widest()}"
        if violations := b.axe_violations():
            found[f"{plan_url} (form open)"] = violations
        save_screenshot(b.page, f"coach-plan-form-{width}-{language}")
        assert b.problems == []
    with browsing(
        browser, live_server.url, width=width, user=alice, language=language, dark=dark
    ) as b:
        b.goto(f"{reverse('coaching:plan')}?{week}")
        expect(b.page.locator("#plan-calendar .plan-check").first).to_be_visible()
        assert b.scroll_width() <= width, f"the runner's plan scrolls sideways: {b.widest()}"
        if violations := b.axe_violations():
            found["/coaching/plan/"] = violations
        save_screenshot(b.page, f"runner-plan-{width}-{language}")
        assert b.problems == []
    assert found == {}, "\n".join(f"{path}: {v}" for path, v in found.items())
