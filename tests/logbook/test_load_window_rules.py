"""The weekly, acwr, backward-minutes, monotony and pain rules on small, hand-computed
histories (no database)."""

from __future__ import annotations

from datetime import UTC

from tests.logbook.load_helpers import (
    DAY,
    acwr_history,
    at,
    days_before,
    monotonous,
    pains,
    ratio,
    retro,
    run,
    strength,
    walk,
    weekly,
)

# --- weekly_increase ----------------------------------------------------------------------


def test_weekly_increase_over_ten_percent_is_caution() -> None:
    [w] = weekly([run(days_before(10), 10000), run(days_before(2), 11001)])
    assert (w.rule, w.severity, w.day, w.session_id) == ("weekly_increase", "caution", DAY, None)
    assert w.numbers == {"last7_m": 11001, "prev7_m": 10000, "increase_pct": 10.1}


def test_weekly_increase_of_exactly_ten_percent_does_not_warn() -> None:
    assert weekly([run(days_before(10), 10000), run(days_before(2), 11000)]) == []


def test_weekly_increase_of_exactly_thirty_percent_is_caution() -> None:
    [w] = weekly([run(days_before(10), 10000), run(days_before(2), 13000)])
    assert w.severity == "caution"


def test_weekly_increase_over_thirty_percent_is_warning() -> None:
    [w] = weekly([run(days_before(10), 10000), run(days_before(2), 13001)])
    assert w.severity == "warning"


def test_weekly_increase_needs_five_km_in_the_week_before() -> None:
    assert weekly([run(days_before(10), 4999), run(days_before(2), 9000)]) == []
    [w] = weekly([run(days_before(10), 5000), run(days_before(2), 9000)])
    assert w.severity == "warning"


def test_weekly_increase_counts_backward_metres_at_the_factor() -> None:
    # 12.0 km by the watch would be +9 %, under the line; 10 km forward + 2 km backward is
    # 12.6 km equivalent, +14.54... %, quoted as 14.6 (rounded away from the 10 % line).
    sessions = [run(days_before(10), 11000), run(days_before(2), 12000, backward_m=2000)]
    [w] = weekly(sessions)
    assert (w.severity, w.numbers["last7_m"], w.numbers["increase_pct"]) == (
        "caution",
        12600,
        14.6,
    )


def test_weekly_increase_ignores_walks() -> None:
    sessions = [run(days_before(10), 10000), run(days_before(2), 10000), walk(DAY, 8000)]
    assert weekly(sessions) == []


def test_weekly_increase_after_a_gap_does_not_warn() -> None:
    assert weekly([run(days_before(20), 10000), run(days_before(2), 20000)]) == []


def test_weekly_windows_follow_local_days_across_midnight() -> None:
    # 00:30 on the first day of the last 7 days is still the day before in UTC.
    first_of_last7 = days_before(6)
    early = run(first_of_last7, 12000, start=at(first_of_last7, 0, 30).astimezone(UTC))
    late = run(days_before(7), 10000, hour=23, minute=50)
    [w] = weekly([late, early])
    assert (w.numbers["last7_m"], w.numbers["prev7_m"]) == (12000, 10000)


# --- acwr ---------------------------------------------------------------------------------


def test_acwr_above_1_3_is_caution() -> None:
    [w] = ratio(acwr_history(400.0), first_session_day=days_before(27))
    assert (w.rule, w.severity, w.day) == ("acwr", "caution", DAY)
    assert w.numbers == {"acute_load": 400.0, "chronic_weekly_load": 300.0, "ratio": 1.34}


def test_acwr_of_exactly_1_3_does_not_warn() -> None:
    assert ratio(acwr_history(390.0), first_session_day=days_before(27)) == []


def test_acwr_of_exactly_1_5_is_caution() -> None:
    [w] = ratio(acwr_history(450.0), first_session_day=days_before(27))
    assert w.severity == "caution"


def test_acwr_above_1_5_is_high() -> None:
    [w] = ratio(acwr_history(451.0), first_session_day=days_before(27))
    # 451 / 300 = 1.50333...: above 1.5, so quoted as 1.51, never as the line itself.
    assert (w.severity, w.numbers["ratio"]) == ("high", 1.51)


def test_acwr_needs_28_days_since_the_first_session() -> None:
    assert ratio(acwr_history(600.0), first_session_day=days_before(26)) == []


def test_acwr_with_no_chronic_load_does_not_warn() -> None:
    sessions = [strength(days_before(2), 500.0)]
    assert ratio(sessions, first_session_day=days_before(90)) == []


def test_acwr_without_first_session_day_takes_it_from_the_sessions() -> None:
    [w] = ratio(acwr_history(600.0), first_session_day=None)
    assert w.severity == "high"


# --- retro_increase -----------------------------------------------------------------------


def test_retro_increase_over_ten_percent_is_caution() -> None:
    sessions = [walk(days_before(9), backward_s=600), run(days_before(1), 8000, backward_s=661)]
    [w] = retro(sessions)
    assert (w.rule, w.severity, w.day) == ("retro_increase", "caution", DAY)
    # 661 s against 600 s: +10.1666... %, quoted as 10.2.
    assert w.numbers == {"last7_min": 11.0, "prev7_min": 10.0, "increase_pct": 10.2}


def test_retro_increase_of_exactly_ten_percent_does_not_warn() -> None:
    sessions = [walk(days_before(9), backward_s=600), walk(days_before(1), backward_s=660)]
    assert retro(sessions) == []


def test_retro_increase_needs_five_minutes_in_the_week_before() -> None:
    sessions = [walk(days_before(9), backward_s=299), walk(days_before(1), backward_s=900)]
    assert retro(sessions) == []


def test_retro_increase_counts_runs_and_walks_together() -> None:
    sessions = [
        walk(days_before(9), backward_s=300),
        run(days_before(8), 8000, backward_s=300),
        walk(days_before(2), backward_s=400),
        run(days_before(1), 8000, backward_s=300),
    ]
    [w] = retro(sessions)
    assert (w.numbers["last7_min"], w.numbers["prev7_min"]) == (11.7, 10.0)


# --- monotony -----------------------------------------------------------------------------


def test_monotony_over_two_is_caution() -> None:
    # Six days of 200 and one rest day: mean 171.4, sd 70.0, monotony 2.45.
    [w] = monotonous([strength(days_before(n), 200.0) for n in range(6)])
    assert (w.rule, w.severity, w.day) == ("monotony", "caution", DAY)
    assert w.numbers == {"mean_load": 171.4, "sd_load": 70.0, "monotony": 2.45, "session_days": 6}


def test_monotony_of_two_rest_days_in_seven_does_not_warn() -> None:
    # Five days of 200: mean 142.9, sd 90.4, monotony 1.58.
    assert monotonous([strength(days_before(n), 200.0) for n in range(5)]) == []


def test_monotony_with_no_variation_at_all_warns_without_a_figure() -> None:
    [w] = monotonous([strength(days_before(n), 200.0) for n in range(7)])
    assert (w.numbers["monotony"], w.numbers["sd_load"], w.numbers["session_days"]) == (
        None,
        0.0,
        7,
    )


def test_monotony_needs_three_session_days() -> None:
    two_days = [strength(days_before(n), 600.0) for n in range(2)]
    three_days = [strength(days_before(n), 400.0) for n in range(3)]
    assert monotonous(two_days, monotony_caution=0.5) == []
    [w] = monotonous(three_days, monotony_caution=0.5)
    assert w.numbers["session_days"] == 3


# --- pain ---------------------------------------------------------------------------------


def test_sharp_pain_warns_sharp_whatever_the_score() -> None:
    s = run(DAY, 8000, pain=2, sharp_pain=True)
    [w] = pains([s])
    assert (w.rule, w.severity, w.session_id, w.numbers) == ("pain", "sharp", s.id, {"pain": 2})


def test_pain_five_of_ten_warns_high() -> None:
    [w] = pains([walk(DAY, 3000, pain=5)])
    assert (w.severity, w.numbers) == ("high", {"pain": 5})


def test_pain_four_of_ten_does_not_warn() -> None:
    assert pains([run(DAY, 8000, pain=4)]) == []


def test_sharp_and_high_pain_is_one_sharp_warning() -> None:
    assert [w.severity for w in pains([run(DAY, 8000, pain=8, sharp_pain=True)])] == ["sharp"]


def test_pain_not_recorded_does_not_warn() -> None:
    assert pains([run(DAY, 8000)]) == []


def test_pain_after_a_0030_start_belongs_to_the_local_day() -> None:
    s = run(DAY, 5000, pain=6, start=at(DAY, 0, 30).astimezone(UTC))
    assert [w.day for w in pains([s])] == [DAY]
    assert pains([s], day=days_before(1)) == []
