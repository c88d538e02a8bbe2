"""The dashboard: figures on a hand-computed history, in the runner's time zone, from a
fixed number of queries whatever the length of the history."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from exercises.models import Category, Exercise
from logbook import load, services
from logbook.dashboard import dashboard_build, rolling_average
from logbook.models import Kind, Session, SessionExercise, TrainingWarning
from tests.queries import SESSION_READS

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# Wednesday 11 June 2025, noon in Amsterdam (CEST, UTC+2). This ISO week is 9-15 June,
# last week 2-8 June; the 30 days of the long run are 13 May to 11 June.
NOW = datetime(2025, 6, 11, 12, 0, tzinfo=AMSTERDAM)
TODAY = date(2025, 6, 11)

DASHBOARD = reverse("logbook:dashboard")


def at(day: date, hour: int = 8, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=AMSTERDAM)


def hip_exercise(level: int, slug: str | None = None) -> Exercise:
    return Exercise.objects.create(
        slug=slug or f"hip-level-{level}",
        name=f"Hip exercise level {level}",
        category=Category.HIP,
        level=level,
        purpose="Keep the pelvis level.",
        how_to="Slowly.",
        cues="Knee over toes",
    )


def log(athlete: Any, start: datetime, kind: str, minutes: int, **fields: Any) -> Session:
    result = services.session_log(
        athlete=athlete, start=start, kind=kind, duration_s=minutes * 60, **fields
    )
    assert result.session is not None
    return result.session


@pytest.fixture
def frozen() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def history(runner: Any, other_runner: Any, frozen: None) -> Any:
    """A known history of Alice (hip level 1), loads in brackets (RPE x minutes).

    This week (9-15 June):
      Mon 00:30 local (Sunday 22:30 UTC): run 10 km, 60 min, RPE 5, 2 min backward  (300)
      Tue 23:30 local: walk 5 km, 60 min, RPE 2, 10 min backward                      (120)
      Wed: strength 30 min, RPE 4, a level-1 hip exercise: a hip session              (120)
      Wed: strength 20 min, RPE 3, only a level-2 hip exercise: not at her level      (60)
    Last week (2-8 June):
      Tue: run 8 km, 45 min, RPE 4, 5 min backward                                    (180)
      Thu: strength 30 min, RPE 5, a level-1 hip exercise                             (150)
      Sun 23:30 local: run 12 km, 70 min, RPE 6                                       (420)
    Before:
      Sun 1 June: wholly backward run 16 km, 120 min, RPE 5 (not a long run)          (600)
      Tue 13 May, the 30th day back: run 15 km, 90 min, RPE 5                         (450)
      Mon 12 May, the 31st day back: run 21 km, 120 min, RPE 5                        (600)
    Bob runs 30 km this week; none of it is Alice's.
    """
    level1 = hip_exercise(1)
    level2 = hip_exercise(2)
    log(runner, at(date(2025, 5, 12)), Kind.RUN, 120, distance_m=21000, rpe=5)
    log(runner, at(date(2025, 5, 13)), Kind.RUN, 90, distance_m=15000, rpe=5)
    log(
        runner,
        at(date(2025, 6, 1)),
        Kind.RUN,
        120,
        distance_m=16000,
        backward_s=120 * 60,
        backward_m=16000,
        rpe=5,
    )
    log(runner, at(date(2025, 6, 3)), Kind.RUN, 45, distance_m=8000, backward_s=300, rpe=4)
    log(
        runner,
        at(date(2025, 6, 5)),
        Kind.STRENGTH,
        30,
        rpe=5,
        exercises=[services.ExerciseDone(exercise_id=level1.pk, sets=3, reps=10)],
    )
    log(runner, at(date(2025, 6, 8), 23, 30), Kind.RUN, 70, distance_m=12000, rpe=6)
    log(runner, at(date(2025, 6, 9), 0, 30), Kind.RUN, 60, distance_m=10000, backward_s=120, rpe=5)
    log(
        runner, at(date(2025, 6, 10), 23, 30), Kind.WALK, 60, distance_m=5000, backward_s=600, rpe=2
    )
    log(
        runner,
        at(date(2025, 6, 11), 7),
        Kind.STRENGTH,
        30,
        rpe=4,
        exercises=[
            services.ExerciseDone(exercise_id=level1.pk, sets=3, reps=10),
            services.ExerciseDone(exercise_id=level2.pk, sets=3, reps=8),
        ],
    )
    log(
        runner,
        at(date(2025, 6, 11), 9),
        Kind.STRENGTH,
        20,
        rpe=3,
        exercises=[services.ExerciseDone(exercise_id=level2.pk, sets=3, reps=8)],
    )
    log(other_runner, at(date(2025, 6, 10)), Kind.RUN, 180, distance_m=30000, rpe=5)
    return runner


# Figures ------------------------------------------------------------------------------


def test_this_week_distance_time_and_load(history: Any) -> None:
    week = dashboard_build(athlete=history, now=NOW).this_week
    assert week.first_day == date(2025, 6, 9)
    assert (week.run_m, week.runs) == (10000, 1)  # the Monday 00:30 run is this week's
    assert (week.walk_m, week.walks) == (5000, 1)
    assert week.duration_s == (60 + 60 + 30 + 20) * 60
    assert week.duration_text == "2:50"
    assert week.load == 600.0
    assert week.sessions == 4


def test_last_week_distance_time_and_load(history: Any) -> None:
    week = dashboard_build(athlete=history, now=NOW).last_week
    assert week.first_day == date(2025, 6, 2)
    assert (week.run_m, week.runs) == (20000, 2)
    assert week.walk_m == 0
    assert week.duration_text == "2:25"
    assert week.load == 750.0


def test_longest_run_of_30_days_and_safe_next_long_run(history: Any) -> None:
    figures = dashboard_build(athlete=history, now=NOW)
    # 21 km is 31 days back; the 16 km was wholly backward.
    assert figures.longest_run_30d_m == 15000
    assert figures.next_long_run_cap_m == 16500


def test_long_run_cap_matches_the_load_rule(history: Any) -> None:
    tz = history.profile.tz
    facts = services.session_facts_between(
        athlete=history, first_day=date(2025, 4, 1), last_day=TODAY, tz=tz
    )
    expected = load.long_run_cap_m(facts, today=TODAY, tz=tz, thresholds=services.thresholds())
    figures = dashboard_build(athlete=history, now=NOW)
    assert (figures.longest_run_30d_m, figures.next_long_run_cap_m) == expected


def test_long_run_cap_is_shown_rounded_down(runner: Any, frozen: None) -> None:
    log(runner, at(date(2025, 6, 1)), Kind.RUN, 90, distance_m=14500, rpe=5)
    figures = dashboard_build(athlete=runner, now=NOW)
    assert figures.next_long_run_cap_m == 15950
    assert figures.next_long_run_cap_km == 15.9


def test_no_long_run_without_a_run(runner: Any) -> None:
    figures = dashboard_build(athlete=runner, now=NOW)
    assert figures.longest_run_30d_m is None
    assert figures.next_long_run_cap_m is None


def test_backward_minutes_per_week(history: Any) -> None:
    weeks = dashboard_build(athlete=history, now=NOW).backward_weeks
    assert [w.first_day for w in weeks[:3]] == [
        date(2025, 6, 9),
        date(2025, 6, 2),
        date(2025, 5, 26),
    ]
    assert [w.backward_min for w in weeks] == [12.0, 5.0, 120.0, 0.0, 0.0, 0.0]


def test_hip_sessions_count_only_the_runners_level(history: Any) -> None:
    figures = dashboard_build(athlete=history, now=NOW)
    assert figures.hip_level == 1
    assert figures.hip_sessions_this_week == 1
    assert figures.hip_sessions_target == 2
    assert figures.last_week.hip_sessions == 1


def test_hip_sessions_follow_a_level_change(history: Any) -> None:
    history.profile.hip_level = 2
    history.profile.save()
    assert dashboard_build(athlete=history, now=NOW).hip_sessions_this_week == 2


def test_daily_load_chart_with_rolling_averages(history: Any) -> None:
    chart = dashboard_build(athlete=history, now=NOW).load_chart
    assert len(chart.days) == len(chart.daily) == 28
    assert chart.days[0] == date(2025, 5, 15)
    assert chart.days[-1] == TODAY
    assert chart.daily[-3:] == [300.0, 120.0, 180.0]  # Mon, Tue, Wed (120 + 60)
    # 5-11 June: 150 + 0 + 0 + 420 + 300 + 120 + 180 = 1170, / 7
    assert chart.average_7d[-1] == 167.1
    # 15 May - 11 June: 600 + 180 + 150 + 420 + 300 + 120 + 180 = 1950, / 28
    assert chart.average_28d[-1] == 69.6
    # The first point looks back to 18 April: 600 (12 May) + 450 (13 May), / 28
    assert chart.average_28d[0] == 37.5


def test_rolling_average_counts_rest_days_as_zero() -> None:
    assert rolling_average([0, 0, 7, 0], 2) == [0.0, 3.5, 3.5]


def test_another_runners_sessions_do_not_count(history: Any, other_runner: Any) -> None:
    figures = dashboard_build(athlete=other_runner, now=NOW)
    assert figures.this_week.run_m == 30000
    assert figures.last_week.sessions == 0


def test_week_in_another_time_zone(runner: Any, frozen: None) -> None:
    runner.profile.time_zone = "America/New_York"
    runner.profile.save()
    # Monday 9 June 01:00 in Amsterdam is still Sunday 8 June in New York: last week.
    log(runner, at(date(2025, 6, 9), 1), Kind.RUN, 30, distance_m=5000, rpe=5)
    figures = dashboard_build(athlete=runner, now=NOW)
    assert figures.this_week.run_m == 0
    assert figures.last_week.run_m == 5000


def test_sessions_to_rate_counts_estimated_loads(runner: Any, frozen: None) -> None:
    log(runner, at(date(2025, 6, 10)), Kind.RUN, 30, distance_m=5000)
    log(runner, at(date(2025, 6, 9)), Kind.RUN, 30, distance_m=5000, rpe=4)
    assert dashboard_build(athlete=runner, now=NOW).sessions_to_rate == 1


# Warnings -----------------------------------------------------------------------------


def stored_warning(athlete: Any, rule: str, severity: str, day: date, **fields: Any) -> Any:
    numbers = {
        load.PAIN: {"pain": 6},
        load.MONOTONY: {"mean_load": 50.0, "sd_load": 10.0, "monotony": 5.0, "session_days": 5},
        load.WEEKLY_INCREASE: {"last7_m": 22000, "prev7_m": 16000, "increase_pct": 38},
    }[rule]
    facts = load.LoadWarning(rule, severity, day, None, numbers)
    return TrainingWarning.objects.create(
        athlete=athlete,
        rule=rule,
        severity=severity,
        risk_rank=facts.risk_rank,
        day=day,
        numbers=numbers,
        **fields,
    )


def test_open_warnings_by_risk_then_newest(runner: Any) -> None:
    monotony = stored_warning(runner, load.MONOTONY, "caution", date(2025, 6, 10))
    weekly_old = stored_warning(runner, load.WEEKLY_INCREASE, "warning", date(2025, 6, 1))
    weekly_new = stored_warning(runner, load.WEEKLY_INCREASE, "warning", date(2025, 6, 9))
    pain = stored_warning(runner, load.PAIN, "high", date(2025, 5, 20))
    shown = dashboard_build(athlete=runner, now=NOW).open_warnings
    assert [w.pk for w in shown] == [pain.pk, weekly_new.pk, weekly_old.pk, monotony.pk]


def test_acknowledged_and_old_warnings_are_not_open(runner: Any) -> None:
    stored_warning(runner, load.PAIN, "high", date(2025, 6, 10), acknowledged_at=NOW)
    stored_warning(runner, load.PAIN, "high", date(2025, 5, 12))  # 31 days back
    kept = stored_warning(runner, load.PAIN, "high", date(2025, 5, 13))
    assert [w.pk for w in dashboard_build(athlete=runner, now=NOW).open_warnings] == [kept.pk]


def test_warning_texts_are_rendered(runner: Any) -> None:
    stored_warning(runner, load.WEEKLY_INCREASE, "warning", date(2025, 6, 9))
    (shown,) = dashboard_build(athlete=runner, now=NOW).open_warnings
    assert shown.title == "Weekly distance up: warning"
    assert "22.0 km" in shown.message
    assert "16.0 km" in shown.message
    assert "22.0 km" in shown.advice
    assert "Nielsen" in shown.source


# The page -----------------------------------------------------------------------------


def test_dashboard_needs_login(client: Any) -> None:
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_page_greets_the_runner(runner_client: Any) -> None:
    response = runner_client.get(DASHBOARD)
    assert response.status_code == 200
    assert "Hello Alice" in response.content.decode()


def test_page_takes_now_from_the_clock(history: Any, runner_client: Any) -> None:
    response = runner_client.get(DASHBOARD)
    figures = response.context["d"]
    assert figures.today == TODAY
    assert figures.this_week.run_m == 10000
    assert figures.hip_sessions_this_week == 1


def test_page_shows_the_figures(history: Any, runner_client: Any) -> None:
    html = runner_client.get(DASHBOARD).content.decode()
    assert re.search(
        r'id="week-run-km">.*?<td[^>]*>10\.0 km</td>\s*<td[^>]*>20\.0 km</td>', html, re.S
    )
    assert re.search(
        r'id="week-walk-km">.*?<td[^>]*>5\.0 km</td>\s*<td[^>]*>0\.0 km</td>', html, re.S
    )
    assert re.search(r'id="week-time">.*?<td[^>]*>2:50 h</td>\s*<td[^>]*>2:25 h</td>', html, re.S)
    assert re.search(r'id="week-load">.*?<td[^>]*>600</td>\s*<td[^>]*>750</td>', html, re.S)
    assert re.search(r'id="longest-run">15\.0 km<', html)
    assert re.search(r'id="long-run-cap">16\.5 km<', html)
    assert re.search(r'id="hip-sessions">1 of 2<', html)


def test_page_links_log_and_import(runner_client: Any) -> None:
    html = runner_client.get(DASHBOARD).content.decode()
    assert f'href="{reverse("logbook:session_new")}"' in html
    assert f'href="{reverse("logbook:import")}"' in html


def test_page_links_sessions_to_rate(runner: Any, runner_client: Any, frozen: None) -> None:
    log(runner, at(date(2025, 6, 10)), Kind.RUN, 30, distance_m=5000)
    html = runner_client.get(DASHBOARD).content.decode()
    assert f'href="{reverse("logbook:sessions_to_rate")}"' in html
    assert "1 imported session has no effort rating yet" in html


def test_chart_data_and_scripts_without_inline_code(history: Any, runner_client: Any) -> None:
    html = runner_client.get(DASHBOARD).content.decode()
    match = re.search(r'<script id="chart-data" type="application/json">(.*?)</script>', html, re.S)
    assert match is not None
    data = json.loads(match.group(1))
    assert data["days"][-1] == "2025-06-11"
    assert data["daily"]["data"][-1] == 180.0
    assert data["average7"]["data"][-1] == 167.1
    assert "vendor/chartjs/chart.umd.min.js" in html
    assert "js/dashboard-chart.js" in html
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag
    assert "style=" not in html


def test_pain_warning_links_help_and_acknowledge(runner: Any, runner_client: Any) -> None:
    with time_machine.travel(NOW, tick=False):
        log(runner, at(date(2025, 6, 10)), Kind.RUN, 30, distance_m=5000, rpe=4, sharp_pain=True)
        html = runner_client.get(DASHBOARD).content.decode()
    warning = TrainingWarning.objects.get(athlete=runner, rule=load.PAIN)
    assert "Pain after a session: sharp" in html
    assert "Sharp pain recorded after this session" in html
    assert "physiotherapist" in html
    assert f'href="{reverse("exercises:seek_help")}"' in html
    assert f'action="{reverse("logbook:warning_acknowledge", args=[warning.pk])}"' in html
    assert "csrfmiddlewaretoken" in html


def test_showing_a_warning_marks_it_seen(runner: Any, runner_client: Any) -> None:
    warning = stored_warning(runner, load.PAIN, "high", timezone.localdate())
    runner_client.get(DASHBOARD)
    warning.refresh_from_db()
    assert warning.seen_at is not None


def test_warnings_beyond_three_fold_away(runner: Any, runner_client: Any) -> None:
    # The newest alarm has its own place; of the five others, three show in full.
    for days_back in range(6):
        stored_warning(runner, load.PAIN, "high", timezone.localdate() - timedelta(days=days_back))
    html = runner_client.get(DASHBOARD).content.decode()
    assert html.count('class="card mb-3 border-danger warning-card"') == 6
    folded = html.split('id="more-warnings"', 1)[1].split('id="next-steps"', 1)[0]
    assert "2 more open warnings" in folded
    assert folded.count("warning-card") == 2


def test_no_open_warnings_says_so(runner_client: Any) -> None:
    assert 'id="no-warnings"' in runner_client.get(DASHBOARD).content.decode()


# Queries ------------------------------------------------------------------------------

# Session (unless cached) and the user with their profile (middleware); one read of the
# recent weeks for every figure and the next steps (sessions with their alarms, hip level
# changes, and the hip exercises of the weeks' strength sessions when there are any); the
# kept days of the charts (logbook/day_loads.py); the sessions to rate; the open
# warnings; this week's plan (one query when nothing is planned; coaching's plan tests
# count it with plans) and the coach's notes, both read by the view. None from the
# template. The page is then kept in the cache until the runner's data changes: the next
# visit reads only the session (unless cached) and the user with their profile.
DASHBOARD_QUERIES = SESSION_READS + 8
HIP_EXERCISES_READ = 1  # when the recent weeks hold strength or mobility sessions
CACHED_QUERIES = SESSION_READS + 1


def long_history(athlete: Any, *, days: int, per_day: float) -> None:
    """About days x per_day sessions up to today, written in bulk, with warnings."""
    level1 = hip_exercise(1, slug="bulk-hip")
    tz = athlete.profile.tz
    today = timezone.localdate(timezone=tz)
    step = timedelta(days=1 / per_day)
    start = datetime.combine(today - timedelta(days=days), time(7), tzinfo=tz).astimezone(UTC)
    sessions = []
    for i in range(int(days * per_day)):
        kind = [Kind.RUN, Kind.RUN, Kind.WALK, Kind.STRENGTH][i % 4]
        minutes = 30 + (i * 7) % 60
        sessions.append(
            Session(
                athlete=athlete,
                start=start + i * step,
                kind=kind,
                duration_s=minutes * 60,
                distance_m=None if kind == Kind.STRENGTH else 4000 + (i * 733) % 12000,
                backward_s=60 if kind != Kind.STRENGTH else 0,
                rpe=None if i % 9 == 0 else 1 + i % 10,
                rpe_estimated=i % 9 == 0,
                load=minutes * (5 if i % 9 == 0 else 1 + i % 10),
            )
        )
    Session.objects.bulk_create(sessions)
    SessionExercise.objects.bulk_create(
        SessionExercise(session=s, exercise=level1, sets=3, reps=10)
        for s in sessions
        if s.kind == Kind.STRENGTH
    )
    services.warnings_recompute(
        athlete=athlete, first_day=today - timedelta(days=days), last_day=today
    )
    TrainingWarning.objects.filter(athlete=athlete).update(seen_at=timezone.now())


def test_query_count_without_history(runner_client: Any, django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(DASHBOARD_QUERIES):
        response = runner_client.get(DASHBOARD)
    assert response.status_code == 200


def test_query_count_with_two_years_of_history(
    runner: Any, runner_client: Any, django_assert_num_queries: Any
) -> None:
    long_history(runner, days=730, per_day=0.55)
    assert Session.objects.filter(athlete=runner).count() == 401
    assert TrainingWarning.objects.filter(
        athlete=runner, day__gte=timezone.localdate() - timedelta(days=29)
    ).exists()
    with django_assert_num_queries(DASHBOARD_QUERIES + HIP_EXERCISES_READ):
        response = runner_client.get(DASHBOARD)
    assert response.status_code == 200
    assert response.context["d"].open_warnings
    with django_assert_num_queries(CACHED_QUERIES):
        cached = runner_client.get(DASHBOARD)
    token = re.compile(rb'name="csrfmiddlewaretoken" value="\w+"')
    assert token.sub(b"", cached.content) == token.sub(b"", response.content)


def test_first_showing_of_new_warnings_costs_one_update(
    runner: Any, runner_client: Any, django_assert_num_queries: Any
) -> None:
    stored_warning(runner, load.PAIN, "high", timezone.localdate())
    # The UPDATE, and the version it raises (the warning now shows as seen).
    with django_assert_num_queries(DASHBOARD_QUERIES + 2):
        runner_client.get(DASHBOARD)


def test_long_run_card_after_a_spike_shows_the_spike_advice(
    runner: Any, runner_client: Any, frozen: None
) -> None:
    log(runner, at(date(2025, 6, 1)), Kind.RUN, 60, distance_m=10200, rpe=5)
    spike = log(runner, at(date(2025, 6, 10)), Kind.RUN, 90, distance_m=14000, rpe=5)
    warning = TrainingWarning.objects.get(session=spike, rule=load.SINGLE_RUN_SPIKE)
    html = runner_client.get(DASHBOARD).content.decode()
    # 14 km + 10 % = 15.4 km: the longest next run the spike rule would not flag, the same
    # figure in the advice and on the card (DOMAIN.md section 3).
    assert "at or under 15.4 km" in warning.as_load_warning().advice()
    assert re.search(r'id="long-run-cap">15\.4 km<', html)
    assert re.search(r'id="longest-run">14\.0 km<', html)


# Order on a phone -----------------------------------------------------------------------


def test_this_week_comes_before_any_warning(runner: Any, runner_client: Any) -> None:
    stored_warning(runner, load.PAIN, "high", timezone.localdate())
    html = runner_client.get(DASHBOARD).content.decode()
    assert (
        html.index('id="this-week"') < html.index('id="newest-alarm"') < html.index('id="warnings"')
    )


def test_newest_open_alarm_comes_right_after_this_week(runner: Any, runner_client: Any) -> None:
    today = timezone.localdate()
    stored_warning(runner, load.PAIN, "high", today - timedelta(days=3))
    newest = stored_warning(runner, load.PAIN, "high", today - timedelta(days=1))
    html = runner_client.get(DASHBOARD).content.decode()
    alarm = html.split('id="newest-alarm"', 1)[1].split("</section>", 1)[0]
    assert f"/warnings/{newest.pk}/acknowledge/" in alarm
    assert alarm.count("warning-card") == 1


def test_warnings_older_than_14_days_fold_into_history(runner: Any, runner_client: Any) -> None:
    old = stored_warning(runner, load.PAIN, "high", timezone.localdate() - timedelta(days=20))
    html = runner_client.get(DASHBOARD).content.decode()
    history = html.split('id="warning-history"', 1)[1].split("</details>", 1)[0]
    assert "History: 1 open warning older than 14 days" in history
    assert "warning-card" not in history
    assert f"/warnings/{old.pk}/acknowledge/" not in html
