"""The runner's plan page, the dashboard and week blocks, "Log this", and the calendar feed."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
import time_machine
from django.urls import reverse

from accounts.deletion import account_delete
from accounts.versions import version_bump
from coaching import services
from coaching.models import PlannedSession
from exercises.models import Exercise
from logbook import services as logbook_services
from logbook.models import Session
from tests.factories import make_runner
from tests.logbook.dashboard_world import CACHED_QUERIES

AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 3, 11, 12, 0, tzinfo=AMS)  # a Wednesday
TODAY = NOW.date()
MONDAY = date(2026, 3, 9)
PLAN = reverse("coaching:plan")

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


def plan(athlete: Any, day: date, kind: str = "run", **values: Any) -> PlannedSession:
    return services.plan_session_save(
        athlete=athlete,
        planned_by=athlete,
        values=services.PlanValues(day=day, kind=kind, **values),
    )


def log(athlete: Any, start: datetime, kind: str = "run", minutes: int = 40) -> Session:
    result = logbook_services.session_log(
        athlete=athlete, start=start, kind=kind, duration_s=minutes * 60, distance_m=7000, rpe=5
    )
    assert result.session is not None
    return result.session


def card(html: str, planned: PlannedSession) -> str:
    match = re.search(rf'<article[^>]*id="planned-{planned.pk}".*?</article>', html, re.S)
    assert match, f"planned session {planned.pk} not on the page"
    return match.group(0)


def test_plan_page_shows_each_status_and_the_weeks_compliance(
    runner: Any, runner_client: Any
) -> None:
    done = plan(runner, MONDAY, duration_s=2400)
    missed = plan(runner, MONDAY + timedelta(days=1), duration_s=2400)
    today = plan(runner, TODAY, duration_s=2400)
    log(runner, datetime(2026, 3, 9, 7, tzinfo=AMS))
    html = runner_client.get(PLAN).content.decode()
    assert 'data-status="done"' in card(html, done) and ">done<" in card(html, done)
    assert ">missed<" in card(html, missed)
    assert ">planned<" in card(html, today)
    assert "Log this" in card(html, today)
    assert "<strong>50 %</strong>" in html  # 1 of the 2 days passed


def test_plan_page_takes_the_same_queries_for_one_planned_session_or_thirty(
    runner: Any, runner_client: Any, django_assert_num_queries: Any
) -> None:
    exercises = list(Exercise.objects.values_list("pk", flat=True)[:2])
    plan(runner, MONDAY, "strength", duration_s=1500, exercise_ids=exercises)
    log(runner, datetime(2026, 3, 9, 7, tzinfo=AMS), kind="strength")
    runner_client.get(PLAN)  # warm up the session
    with django_assert_num_queries(QUERIES := _count(runner_client)):
        runner_client.get(PLAN)
    for n in range(29):
        plan(
            runner,
            MONDAY + timedelta(days=n % 7),
            ["run", "walk", "strength"][n % 3],
            duration_s=1800,
            exercise_ids=exercises,
        )
        log(runner, datetime(2026, 3, 9 + n % 3, 6, n, tzinfo=AMS), kind="run")
    with django_assert_num_queries(QUERIES):
        response = runner_client.get(PLAN)
    assert response.content.decode().count("<article") == 30


def _count(client: Any) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(PLAN)
    return len(queries)


def test_a_runner_plans_for_themselves(runner: Any, runner_client: Any) -> None:
    response = runner_client.post(
        PLAN,
        {
            "day": "2026-03-13",
            "kind": "run",
            "duration": "45",
            "distance_km": "8.5",
            "rpe": "6",
            "surface": "forest_path",
            "backward": "1:00",
            "notes": "easy",
        },
    )
    assert response.status_code == 302
    planned = PlannedSession.objects.get(athlete=runner)
    assert (planned.day, planned.duration_s, planned.distance_m, planned.backward_s) == (
        date(2026, 3, 13),
        2700,
        8500,
        60,
    )
    assert planned.planned_by == runner


def test_bad_input_says_what_is_wrong_and_saves_nothing(runner: Any, runner_client: Any) -> None:
    response = runner_client.post(
        PLAN, {"day": "2026-03-13", "kind": "run", "duration": "30", "backward": "45"}
    )
    assert response.status_code == 200
    assert "The backward part cannot be longer than the whole." in response.content.decode()
    assert not PlannedSession.objects.exists()


def test_another_runners_planned_session_is_a_404(runner: Any, runner_client: Any) -> None:
    bob = make_runner("bob@example.com")
    bobs = plan(bob, TODAY, duration_s=1800)
    for name in ("coaching:plan_edit", "coaching:plan_delete", "coaching:plan_match"):
        url = reverse(name, args=[bobs.pk])
        assert runner_client.post(url, {"match": "none"}).status_code == 404
    assert runner_client.get(reverse("coaching:plan_edit", args=[bobs.pk])).status_code == 404
    bobs.refresh_from_db()
    assert not bobs.match_declined
    assert "bob" not in runner_client.get(PLAN).content.decode().lower()


def test_the_runner_changes_the_match_with_a_post(runner: Any, runner_client: Any) -> None:
    planned = plan(runner, MONDAY, duration_s=2400)
    log(runner, datetime(2026, 3, 9, 7, tzinfo=AMS), minutes=20)
    evening = log(runner, datetime(2026, 3, 9, 19, tzinfo=AMS), minutes=40)
    html = runner_client.get(PLAN).content.decode()
    assert ">partly<" in card(html, planned)  # the morning's 20 minutes of 40
    url = reverse("coaching:plan_match", args=[planned.pk])
    runner_client.post(url, {"match": str(evening.pk)})
    assert ">done<" in card(runner_client.get(PLAN).content.decode(), planned)
    runner_client.post(url, {"match": "none"})
    assert ">missed<" in card(runner_client.get(PLAN).content.decode(), planned)
    # A session of another day is refused.
    other = log(runner, datetime(2026, 3, 10, 7, tzinfo=AMS))
    runner_client.post(url, {"match": str(other.pk)})
    planned.refresh_from_db()
    assert planned.match_declined and planned.match_session is None


def test_log_this_opens_the_session_form_filled_in_from_the_plan(
    runner: Any, runner_client: Any
) -> None:
    exercise = Exercise.objects.order_by("pk").first()
    assert exercise is not None
    planned = plan(
        runner,
        MONDAY,
        "strength",
        duration_s=1500,
        rpe=4,
        exercise_ids=[exercise.pk],
        notes="hip level 1",
    )
    html = runner_client.get(PLAN).content.decode()
    url = re.search(r'href="([^"]+)">Log this<', card(html, planned))
    assert url
    form = runner_client.get(url.group(1).replace("&amp;", "&")).context["form"]
    formset = runner_client.get(url.group(1).replace("&amp;", "&")).context["formset"]
    assert form.initial["kind"] == "strength"
    assert form.initial["date"] == MONDAY
    assert form.initial["duration"] == 1500
    assert form.initial["rpe"] == 4
    assert form.initial["notes"] == "hip level 1"
    assert formset.initial[0]["exercise"] == exercise.pk


def test_dashboard_puts_todays_plan_first_in_this_week(runner: Any, runner_client: Any) -> None:
    plan(runner, MONDAY, duration_s=2400, notes="monday run")
    plan(runner, TODAY, "walk", duration_s=1800, notes="walk of today")
    html = runner_client.get(reverse("logbook:dashboard")).content.decode()
    this_week = html[html.index('id="this-week"') :]
    assert this_week.index('id="plan-today"') < this_week.index('id="week-headline"')
    today_block = this_week[this_week.index('id="plan-today"') : this_week.index("</details>")]
    assert "walk of today" in today_block.split('id="plan-rest-of-week"')[0]
    assert "Log this" in today_block


def test_dashboard_plan_costs_the_same_queries_for_one_or_many(
    runner: Any, runner_client: Any, django_assert_num_queries: Any
) -> None:
    from tests.logbook.dashboard_world import DASHBOARD_QUERIES

    plan(runner, TODAY, duration_s=2400)
    # The week's plan (two) and the plan check of the upcoming sessions (two).
    with django_assert_num_queries(DASHBOARD_QUERIES + 4):
        runner_client.get(reverse("logbook:dashboard"))
    for n in range(20):
        plan(runner, MONDAY + timedelta(days=n % 7), duration_s=1800, exercise_ids=[1])
    with django_assert_num_queries(DASHBOARD_QUERIES + 4):
        runner_client.get(reverse("logbook:dashboard"))


def test_week_view_shows_the_weeks_plan(runner: Any, runner_client: Any) -> None:
    planned = plan(runner, MONDAY, duration_s=2400)
    html = runner_client.get(reverse("logbook:week")).content.decode()
    assert 'id="week-plan"' in html
    assert ">missed<" in card(html, planned)


def test_copying_a_week_forward_from_the_plan_page(runner: Any, runner_client: Any) -> None:
    plan(runner, MONDAY, duration_s=2400)
    plan(runner, TODAY, duration_s=1800)
    response = runner_client.post(reverse("coaching:plan_copy_week"), {"week": "2026-03-09"})
    assert response.status_code == 302
    assert sorted(
        PlannedSession.objects.filter(day__gte=date(2026, 3, 16)).values_list("day", flat=True)
    ) == [date(2026, 3, 16), date(2026, 3, 18)]


def _feed_url(client: Any) -> str:
    html = client.get(PLAN).content.decode()
    match = re.search(r'id="feed-url" type="text" readonly value="([^"]+)"', html)
    assert match
    return match.group(1).replace("http://testserver", "")


def test_calendar_feed_parses_as_rfc_5545_all_day_events(runner: Any, runner_client: Any) -> None:
    tomorrow = plan(runner, TODAY + timedelta(days=1), duration_s=2700, distance_m=8000)
    plan(runner, TODAY + timedelta(weeks=8, days=1), duration_s=2700)  # beyond 8 weeks
    plan(runner, MONDAY, duration_s=2700)  # past
    url = _feed_url(runner_client)
    from django.test import Client

    response = Client().get(url)  # a calendar app: not signed in
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    (event,) = events
    assert str(event["UID"]) == f"planned-session-{tomorrow.pk}@runningcoach"
    assert event["DTSTAMP"].dt.utcoffset() == timedelta(0)
    assert event.decoded("DTSTART") == TODAY + timedelta(days=1)
    assert "VALUE=DATE" in response.content.decode().replace("\r\n ", "")
    assert str(event["SUMMARY"]) == "Run · 45 min · 8 km"
    assert calendar["VERSION"] == "2.0" and "PRODID" in calendar


def test_calendar_summary_is_in_the_runners_language(runner: Any, runner_client: Any) -> None:
    runner.profile.language = "nl"
    runner.profile.save()
    plan(runner, TODAY, "walk", duration_s=1800)
    from django.test import Client

    body = Client().get(_feed_url(runner_client)).content
    (event,) = icalendar.Calendar.from_ical(body).walk("VEVENT")
    assert str(event["SUMMARY"]).startswith("Wandelen · 30 min")


def test_resetting_the_calendar_link_stops_the_old_one(runner: Any, runner_client: Any) -> None:
    from django.test import Client

    old = _feed_url(runner_client)
    assert Client().get(old).status_code == 200
    assert runner_client.post(reverse("coaching:plan_feed_reset")).status_code == 302
    new = _feed_url(runner_client)
    assert new != old
    assert Client().get(old).status_code == 404
    assert Client().get(new).status_code == 200


def test_a_forged_calendar_link_is_a_404(runner: Any) -> None:
    from django.test import Client

    assert Client().get(reverse("coaching:plan_feed", args=["x:y:z"])).status_code == 404


def test_deleting_the_account_removes_its_plans(runner: Any, runner_client: Any) -> None:
    plan(runner, TODAY, duration_s=1800)
    services.plan_feed_reset(athlete=runner)
    account_delete(user=runner)
    assert not PlannedSession.objects.exists()
    from coaching.models import CalendarFeed

    assert not CalendarFeed.objects.exists()


def test_done_as_planned_logs_todays_session_with_one_tap(runner: Any, runner_client: Any) -> None:
    exercise = Exercise.objects.order_by("pk").first()
    assert exercise is not None
    planned = plan(
        runner, TODAY, "strength", duration_s=1500, rpe=4, exercise_ids=[exercise.pk], notes="hip"
    )
    html = runner_client.get(reverse("logbook:dashboard")).content.decode()
    today_block = html[html.index('id="plan-today"') :]
    action = reverse("coaching:plan_log", args=[planned.pk])
    assert f'action="{action}"' in today_block.split("</article>")[0]
    response = runner_client.post(action)
    session = Session.objects.get(athlete=runner)
    assert response["Location"] == reverse("logbook:session_detail", args=[session.pk])
    assert (session.kind, session.duration_s, session.rpe, session.notes) == (
        "strength",
        1500,
        4,
        "hip",
    )
    assert session.start == NOW - timedelta(minutes=25)
    assert [e.exercise_id for e in session.exercises.all()] == [exercise.pk]
    planned.refresh_from_db()
    assert planned.match_session == session
    assert ">done<" in card(runner_client.get(PLAN).content.decode(), planned)


def test_done_as_planned_on_an_earlier_day_starts_at_noon(runner: Any, runner_client: Any) -> None:
    planned = plan(runner, MONDAY, duration_s=2400, distance_m=7000)
    runner_client.post(reverse("coaching:plan_log", args=[planned.pk]))
    session = Session.objects.get(athlete=runner)
    assert session.start == datetime(2026, 3, 9, 12, tzinfo=AMS)
    assert session.distance_m == 7000


def test_a_day_still_to_come_cannot_be_logged_as_planned(runner: Any, runner_client: Any) -> None:
    planned = plan(runner, TODAY + timedelta(days=1), duration_s=2400)
    runner_client.post(reverse("coaching:plan_log", args=[planned.pk]))
    assert not Session.objects.exists()


def test_week_view_takes_the_same_queries_for_one_planned_session_or_twenty(
    runner: Any, runner_client: Any, django_assert_num_queries: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    week = reverse("logbook:week")
    plan(runner, MONDAY, duration_s=2400, exercise_ids=[1])
    log(runner, datetime(2026, 3, 9, 7, tzinfo=AMS))
    runner_client.get(week)
    version_bump(athlete_id=runner.pk)  # rendered anew both times, not served from the cache
    with CaptureQueriesContext(connection) as one:
        runner_client.get(week)
    assert len(one) > CACHED_QUERIES
    for n in range(19):
        plan(runner, MONDAY + timedelta(days=n % 7), duration_s=1800, exercise_ids=[1, 2])
    with django_assert_num_queries(len(one)):
        html = runner_client.get(week).content.decode()
    assert html.count('class="planned-session') == 20


def test_a_calendar_app_may_ask_for_the_feed_with_head(runner: Any, runner_client: Any) -> None:
    from django.test import Client

    assert Client().head(_feed_url(runner_client)).status_code == 200
