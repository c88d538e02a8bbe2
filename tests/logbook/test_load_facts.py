"""Session facts, days, distances and the long-run cap, on small hand-computed histories."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from logbook.load.facts import (
    SessionFacts,
    daily_loads,
    equivalent_distance_m,
    is_wholly_backward,
    local_day,
    longest_run_before,
    session_load,
)
from logbook.load.spike import SpikeOptions, long_run_cap_m
from tests.logbook.load_helpers import AMS, DAY, at, days_before, run, strength, walk

DEFAULT = SpikeOptions()


# --- session_load, days, distances --------------------------------------------------------


def test_session_load_is_rpe_times_minutes() -> None:
    assert session_load(duration_s=45 * 60, rpe=6, default_rpe=5) == (270.0, False)


def test_session_load_without_rpe_uses_default_and_is_estimated() -> None:
    assert session_load(duration_s=45 * 60, rpe=None, default_rpe=5) == (225.0, True)


def test_session_load_rounds_to_one_decimal() -> None:
    assert session_load(duration_s=100, rpe=7, default_rpe=5) == (11.7, False)


def test_session_load_rejects_rpe_outside_cr10_scale() -> None:
    with pytest.raises(ValueError):
        session_load(duration_s=600, rpe=11, default_rpe=5)


def test_session_facts_reject_naive_start() -> None:
    with pytest.raises(ValueError):
        SessionFacts(id=1, start=datetime(2025, 6, 1, 9), kind="run", duration_s=60, distance_m=1)


def test_start_at_2350_local_is_on_that_local_day() -> None:
    start = datetime(2025, 1, 10, 23, 50, tzinfo=AMS).astimezone(UTC)
    assert local_day(start, AMS) == date(2025, 1, 10)


def test_start_at_0030_local_is_on_the_next_day_though_utc_date_is_earlier() -> None:
    start = at(DAY, 0, 30).astimezone(UTC)
    assert start.date() == days_before(1)
    assert local_day(start, AMS) == DAY


def test_wholly_backward_by_time_or_by_metres() -> None:
    assert is_wholly_backward(run(DAY, 1000, duration_s=400, backward_s=400))
    assert is_wholly_backward(run(DAY, 1000, duration_s=400, backward_s=0, backward_m=1000))


def test_backward_finisher_is_not_wholly_backward() -> None:
    assert not is_wholly_backward(run(DAY, 10000, duration_s=3600, backward_s=40))


def test_equivalent_distance_counts_backward_metres_at_the_factor() -> None:
    ten_forward_two_backward = run(DAY, 12000, backward_s=900, backward_m=2000)
    assert equivalent_distance_m(ten_forward_two_backward, 1.3) == pytest.approx(12600)


def test_equivalent_distance_estimates_backward_metres_from_backward_time() -> None:
    tenth_backward = run(DAY, 10000, duration_s=3000, backward_s=300)
    assert equivalent_distance_m(tenth_backward, 1.3) == pytest.approx(9000 + 1300)


def test_daily_loads_has_every_day_and_rest_days_are_zero() -> None:
    sessions = [
        strength(days_before(2), 100.0),
        strength(days_before(2), 50.5, hour=18),
        strength(DAY, 30.0, start=at(DAY, 0, 30).astimezone(UTC)),
    ]
    loads = daily_loads(sessions, first_day=days_before(3), last_day=DAY, tz=AMS)
    assert loads == {days_before(3): 0, days_before(2): 150.5, days_before(1): 0, DAY: 30.0}


# --- longest run and the long-run cap ----------------------------------------------------


def test_longest_run_before_counts_earlier_the_same_day() -> None:
    morning = run(DAY, 5000, hour=7)
    found = longest_run_before(
        [morning], before=at(DAY, 18), window_days=30, backward=False, exclude_id=None
    )
    assert found == morning


def test_longest_run_before_includes_exactly_30_times_24_hours_earlier() -> None:
    edge = run(days_before(30), 5000, hour=9)
    too_old = run(days_before(30), 9000, hour=8, minute=59)
    found = longest_run_before(
        [edge, too_old], before=at(DAY, 9), window_days=30, backward=False, exclude_id=None
    )
    assert found == edge


def test_longest_run_before_skips_excluded_session_and_other_direction() -> None:
    same = run(days_before(1), 9000)
    backward = run(days_before(2), 12000, backward_s=3600)
    found = longest_run_before(
        [same, backward], before=at(DAY), window_days=30, backward=False, exclude_id=same.id
    )
    assert found is None


def test_long_run_cap_is_longest_of_30_days_plus_ten_percent_rounded_down() -> None:
    sessions = [run(days_before(29), 10001), run(days_before(3), 8000)]
    assert long_run_cap_m(sessions, today=DAY, tz=AMS, thresholds=DEFAULT) == (10001, 11001)


def test_long_run_cap_ignores_runs_older_than_30_days_walks_and_backward_runs() -> None:
    sessions = [
        run(days_before(30), 20000),
        walk(days_before(1), 25000),
        run(days_before(2), 3000, backward_s=3600),
        run(days_before(4), 8000),
    ]
    assert long_run_cap_m(sessions, today=DAY, tz=AMS, thresholds=DEFAULT) == (8000, 8800)


def test_long_run_cap_without_runs_is_unknown() -> None:
    assert long_run_cap_m([], today=DAY, tz=AMS, thresholds=DEFAULT) == (None, None)
