"""The dashboard: figures on a hand-computed history, in the runner's time zone, from a
fixed number of queries whatever the length of the history."""

from __future__ import annotations

from datetime import date
from typing import Any

from logbook import load, services
from logbook.dashboard import dashboard_build, rolling_average
from logbook.models import Kind
from tests.logbook.dashboard_world import (
    NOW,
    TODAY,
    at,
    log,
    stored_warning,
)

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
