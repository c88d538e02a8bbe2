"""The plan calendar: one athlete's week, or four at a glance, each day's planned sessions
beside what was done, built in one place (coaching.plan_calendar) for the coach's admin
page and the runner's plan page."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from coaching import plan_calendar, selectors, services
from coaching.models import PlannedSession
from logbook import services as logbook_services
from logbook.models import Session
from tests.coaching.conftest import Club

AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=AMS)  # Wednesday of ISO week 48
MONDAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield
    translation.activate("en")


def plan(athlete: User, day: date, kind: str = "run", **values: Any) -> PlannedSession:
    return services.plan_session_save(
        athlete=athlete,
        planned_by=None,
        values=services.PlanValues(day=day, kind=kind, **values),
    )


def log(athlete: User, start: datetime, kind: str = "run", **values: Any) -> Session:
    values = {"duration_s": 2820, "distance_m": 8240, "rpe": 6, **values}
    result = logbook_services.session_log(athlete=athlete, start=start, kind=kind, **values)
    assert result.session is not None
    return result.session


def coach_url(athlete: User, week: date = MONDAY, view: str = "") -> str:
    url = reverse("admin:coaching_athlete_plan", args=[athlete.pk]) + f"?week={week}"
    return url + (f"&view={view}" if view else "")


def entry(html: str, planned: PlannedSession) -> str:
    match = re.search(rf'<article[^>]*id="planned-{planned.pk}".*?</article>', html, re.S)
    assert match, f"planned session {planned.pk} not on the page"
    return match.group(0)


def day_cell(html: str, day: date) -> str:
    match = re.search(
        rf'<li class="cal-day[^"]*" id="day-{day.isoformat()}">.*?</h3>(.*?)</li>\s*(<li class="cal-day|</ol>)',
        html,
        re.S,
    )
    assert match, f"{day} not on the page"
    return match.group(1)


# The selector ------------------------------------------------------------------------


def test_the_calendar_puts_each_session_done_beside_what_was_planned(club: Club) -> None:
    alice = club.alice
    monday_run = plan(alice, MONDAY, duration_s=2700, distance_m=8000, rpe=5)
    plan(alice, MONDAY + timedelta(days=1), duration_s=1800)  # Tuesday: missed
    friday = plan(alice, MONDAY + timedelta(days=4), "strength", duration_s=1200)
    done = log(alice, datetime(2026, 11, 23, 7, 30, tzinfo=AMS))
    walk = log(alice, datetime(2026, 11, 23, 18, 0, tzinfo=AMS), "walk", distance_m=3000)
    (week,) = plan_calendar.plan_calendar(athlete=alice, first_monday=MONDAY).weeks
    monday, tuesday, *_rest = week.days
    (monday_entry,) = monday.entries
    assert monday_entry.planned == monday_run and monday_entry.session == done
    assert monday_entry.status == "done"  # 47 of 45 minutes
    assert monday_entry.planned_load == 225  # 45 min x RPE 5
    assert monday.unplanned == (walk,)
    assert [e.status for e in tuesday.entries] == ["missed"]
    assert [d.is_today for d in week.days] == [False, False, True, False, False, False, False]
    assert week.days[4].entries[0].planned == friday and week.days[4].entries[0].status == "planned"
    # Planned: 45 + 30 + 20 minutes, 8 km, load 225 (only the one with an RPE).
    assert (week.planned.count, week.planned.duration_s, week.planned.distance_m) == (3, 5700, 8000)
    assert week.planned.load == 225
    # Done: both sessions of Monday, planned or not.
    assert (week.done.count, week.done.duration_s, week.done.distance_m) == (2, 5640, 11240)
    assert week.done.load == done.load + walk.load
    assert week.compliance_pct == 50  # Monday done, Tuesday missed


def test_four_weeks_and_their_plan_check_come_in_constant_queries(
    club: Club, django_assert_num_queries: Any
) -> None:
    alice = club.alice
    plan(alice, MONDAY, duration_s=1800)
    log(alice, datetime(2026, 11, 23, 7, tzinfo=AMS))
    with django_assert_num_queries(5):
        few = plan_calendar.plan_calendar(athlete=alice, first_monday=MONDAY, weeks=4)
    for n in range(27):
        plan(alice, MONDAY + timedelta(days=n), duration_s=1800 + n, exercise_ids=[1])
        log(alice, datetime(2026, 11, 23, 6, tzinfo=AMS) + timedelta(days=n % 3, minutes=n))
    with django_assert_num_queries(5):
        many = plan_calendar.plan_calendar(athlete=alice, first_monday=MONDAY, weeks=4)
    assert [len(w.days) for w in many.weeks] == [7, 7, 7, 7]
    assert sum(len(w.entries) for w in few.weeks) == 1
    assert sum(len(w.entries) for w in many.weeks) == 28


# The coach's page ----------------------------------------------------------------------


def test_the_coach_sees_planned_beside_done_with_status_and_figures(
    bob_client: Any, club: Club
) -> None:
    planned = plan(club.alice, MONDAY, duration_s=2700, distance_m=8000, rpe=5, notes="easy")
    log(club.alice, datetime(2026, 11, 23, 7, 30, tzinfo=AMS), pain=3)
    log(club.alice, datetime(2026, 11, 24, 7, 30, tzinfo=AMS), "walk", distance_m=3000)
    html = bob_client.get(coach_url(club.alice)).content.decode()
    card = entry(html, planned)
    assert 'data-status="done"' in card and ">done<" in card
    planned_line = re.search(r'class="cal-planned">(.*?)</div>', card, re.S)
    done_line = re.search(r'class="cal-done">(.*?)</div>', card, re.S)
    assert planned_line and done_line
    assert "45 min · 8 km · RPE 5 · load 225" in planned_line.group(1)
    assert "07:30 · 47 min · 8.2 km · RPE 6 · load 282" in done_line.group(1)
    assert "pain 3/10" in done_line.group(1)
    # Tuesday's walk was not planned: it shows as done, marked so.
    tuesday = day_cell(html, MONDAY + timedelta(days=1))
    assert 'data-status="unplanned"' in tuesday and "not planned" in tuesday
    assert "3 km" in tuesday
    # Sunday, still to come, has nothing planned; the week's figures head the grid.
    assert "Nothing planned" in day_cell(html, MONDAY + timedelta(days=6))
    assert re.search(r"<dt>Compliance</dt><dd[^>]*><strong>100 %</strong>", html)


def test_the_plan_check_mark_names_its_rule_and_numbers(bob_client: Any, club: Club) -> None:
    log(club.alice, datetime(2026, 11, 22, 8, tzinfo=AMS), distance_m=10000)
    spike = plan(club.alice, date(2026, 11, 26), distance_m=16000)
    (warning,) = selectors.plan_check_for(athlete=club.alice)[spike.pk].warnings
    html = bob_client.get(coach_url(club.alice)).content.decode()
    mark = re.search(
        r'<details class="cal-check plan-check".*?</details>', entry(html, spike), re.S
    )
    assert mark, "no plan check mark on the planned run"
    assert 'data-rules="single_run_spike"' in mark.group(0)
    assert warning.title() in mark.group(0)
    assert warning.message() in mark.group(0)  # the numbers: 16 km against 10 km
    assert "+60.0 %" in mark.group(0)


def test_four_weeks_at_a_glance_link_each_day_to_its_week(bob_client: Any, club: Club) -> None:
    later = plan(club.alice, MONDAY + timedelta(days=20), duration_s=1800)
    html = bob_client.get(coach_url(club.alice, view="4w")).content.decode()
    assert html.count('class="cal-week"') == 4
    assert len(re.findall(r'<li class="cal-day[ "]', html)) == 28
    assert f'id="planned-{later.pk}"' in html
    assert "?week=2026-12-07#day-2026-12-13" in html
    assert "cal-add" not in html  # planning happens in the week
    assert 'id="plan-view-4w" aria-current="page"' in html
    nxt = re.search(r'href="([^"]+)" id="plan-next"', html)
    assert nxt and nxt.group(1).endswith("?week=2026-12-21&amp;view=4w")


def test_the_four_week_page_costs_the_same_queries_for_few_and_many(
    bob_client: Any, club: Club
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    plan(club.alice, MONDAY, duration_s=1800)
    log(club.alice, datetime(2026, 11, 23, 7, tzinfo=AMS))
    with CaptureQueriesContext(connection) as few:
        assert bob_client.get(coach_url(club.alice, view="4w")).status_code == 200
    for n in range(27):
        plan(club.alice, MONDAY + timedelta(days=n), duration_s=1800 + n, exercise_ids=[1, 2])
        log(club.alice, datetime(2026, 11, 23, 6, tzinfo=AMS) + timedelta(days=n % 5, minutes=n))
    with CaptureQueriesContext(connection) as many:
        html = bob_client.get(coach_url(club.alice, view="4w")).content.decode()
    assert html.count("<article") == 28
    assert len(many.captured_queries) == len(few.captured_queries)


def test_numbers_and_days_read_in_dutch(bob_client: Any, club: Club) -> None:
    club.bob.profile.language = "nl"
    club.bob.profile.save()
    planned = plan(club.alice, MONDAY, duration_s=2700, distance_m=8500, rpe=5)
    log(club.alice, datetime(2026, 11, 23, 7, 30, tzinfo=AMS))
    html = bob_client.get(coach_url(club.alice)).content.decode()
    card = entry(html, planned)
    assert "8,5 km" in card and "8,2 km" in card and "8.2" not in card
    assert ">gedaan<" in card
    assert "maandag" in day_cell(html, MONDAY) or "maandag" in html
    assert "Training toevoegen" in html
