"""The single-run spike rule on small, hand-computed histories (no database)."""

from __future__ import annotations

from datetime import timedelta

from tests.logbook.load_helpers import DAY, days_before, run, spike, walk

# --- single_run_spike ---------------------------------------------------------------------


def test_spike_over_ten_percent_warns_small() -> None:
    today = run(DAY, 11001)
    [w] = spike([run(days_before(10), 10000), today])
    assert (w.rule, w.severity, w.day, w.session_id) == ("single_run_spike", "small", DAY, today.id)
    assert w.numbers == {
        "distance_m": 11001,
        "longest_m": 10000,
        "increase_pct": 10.1,
        # The longest next run the rule lets pass after this one: 11,001 m + 10 %.
        "cap_m": 12101,
        "direction": "forward",
    }


def test_spike_of_exactly_ten_percent_does_not_warn() -> None:
    assert spike([run(days_before(10), 10000), run(DAY, 11000)]) == []


def test_spike_of_exactly_thirty_percent_is_small() -> None:
    [w] = spike([run(days_before(10), 10000), run(DAY, 13000)])
    assert w.severity == "small"


def test_spike_over_thirty_percent_warns_moderate() -> None:
    [w] = spike([run(days_before(10), 10000), run(DAY, 13200)])
    assert (w.severity, w.numbers["increase_pct"]) == ("moderate", 32)


def test_spike_of_exactly_double_is_moderate() -> None:
    [w] = spike([run(days_before(10), 10000), run(DAY, 20000)])
    assert w.severity == "moderate"


def test_spike_over_double_warns_large() -> None:
    [w] = spike([run(days_before(10), 10000), run(DAY, 20001)])
    assert w.severity == "large"


def test_spike_compares_with_the_longest_run_not_the_latest() -> None:
    [w] = spike([run(days_before(20), 12000), run(days_before(3), 6000), run(DAY, 13500)])
    assert (w.severity, w.numbers["longest_m"]) == ("small", 12000)


def test_spike_without_earlier_run_does_not_warn() -> None:
    assert spike([run(DAY, 30000)]) == []


def test_spike_ignores_runs_before_a_gap_of_more_than_30_days() -> None:
    assert spike([run(days_before(31), 5000), run(DAY, 15000)]) == []


def test_spike_counts_a_shorter_run_earlier_the_same_day() -> None:
    morning, evening = run(DAY, 5000, hour=7), run(DAY, 8000, hour=19)
    [w] = spike([morning, evening])
    assert (w.session_id, w.severity, w.numbers["increase_pct"]) == (evening.id, "moderate", 60)


def test_wholly_backward_run_is_compared_only_with_backward_runs() -> None:
    sessions = [
        run(days_before(5), 10000),
        run(days_before(4), 1000, duration_s=420, backward_s=420),
        run(DAY, 1500, duration_s=630, backward_s=630),
    ]
    [w] = spike(sessions)
    assert (w.severity, w.numbers["longest_m"], w.numbers["direction"]) == (
        "moderate",
        1000,
        "backward",
    )


def test_first_wholly_backward_run_does_not_warn_against_forward_runs() -> None:
    assert spike([run(days_before(5), 1000), run(DAY, 2000, backward_m=2000)]) == []


def test_forward_run_is_not_compared_with_backward_runs() -> None:
    sessions = [run(days_before(5), 1000, backward_s=3600), run(DAY, 5000)]
    assert spike(sessions) == []


def test_spike_ignores_walks_and_runs_without_distance() -> None:
    sessions = [
        walk(days_before(5), 2000),
        run(days_before(4), None),
        run(DAY, 9000),
        walk(DAY, 9000),
    ]
    assert spike(sessions) == []


def test_run_starting_2350_local_is_judged_on_that_day_not_the_next() -> None:
    late = run(DAY, 11500, hour=23, minute=50)
    sessions = [run(days_before(5), 10000), late]
    assert [w.day for w in spike(sessions)] == [DAY]
    assert spike(sessions, day=DAY + timedelta(days=1)) == []


def test_spike_threshold_override_changes_behaviour() -> None:
    sessions = [run(days_before(10), 10000), run(DAY, 10600)]
    assert spike(sessions) == []
    [w] = spike(sessions, spike_small=0.05)
    assert (w.severity, w.numbers["cap_m"]) == ("small", 11130)
