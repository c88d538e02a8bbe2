"""Unit tests of the pure load rules on small, hand-computed histories (no database)."""

import itertools
import json
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.utils import translation

from logbook.load import (
    RISK_ORDER,
    RULES,
    SEVERITIES,
    LoadWarning,
    SessionFacts,
    Thresholds,
    acwr,
    daily_loads,
    equivalent_distance_m,
    evaluate,
    evaluate_day,
    is_wholly_backward,
    local_day,
    long_run_cap_m,
    longest_run_before,
    monotony,
    pain,
    retro_increase,
    select_window_warnings,
    session_load,
    severity_rank,
    single_run_spike,
    weekly_increase,
    window_needed,
)

# Lets the texts render when the project's settings are not in play (pytest -p no:django).
if not settings.configured:
    settings.configure(USE_I18N=False)

AMS = ZoneInfo("Europe/Amsterdam")
DAY = date(2025, 6, 16)  # a Monday, weeks away from a daylight-saving change
DEFAULT = Thresholds()

_ids = itertools.count(1)


def days_before(n: int) -> date:
    return DAY - timedelta(days=n)


def at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=AMS)


def session(kind: str, day: date, distance_m: int | None = None, **kw: Any) -> SessionFacts:
    start = kw.pop("start", None) or at(day, kw.pop("hour", 9), kw.pop("minute", 0))
    kw.setdefault("duration_s", 3600)
    return SessionFacts(id=next(_ids), start=start, kind=kind, distance_m=distance_m, **kw)


def run(day: date, distance_m: int | None, **kw: Any) -> SessionFacts:
    return session("run", day, distance_m, **kw)


def walk(day: date, distance_m: int | None = None, **kw: Any) -> SessionFacts:
    return session("walk", day, distance_m, **kw)


def strength(day: date, load: float, **kw: Any) -> SessionFacts:
    return session("strength", day, None, load=load, **kw)


def spike(sessions: list[SessionFacts], day: date = DAY, **kw: Any) -> list[LoadWarning]:
    return single_run_spike(sessions, day=day, tz=AMS, thresholds=Thresholds(**kw))


def weekly(sessions: list[SessionFacts], day: date = DAY) -> list[LoadWarning]:
    return weekly_increase(sessions, day=day, tz=AMS, thresholds=DEFAULT)


def ratio(sessions: list[SessionFacts], first_session_day: date | None) -> list[LoadWarning]:
    return acwr(sessions, day=DAY, tz=AMS, thresholds=DEFAULT, first_session_day=first_session_day)


def retro(sessions: list[SessionFacts]) -> list[LoadWarning]:
    return retro_increase(sessions, day=DAY, tz=AMS, thresholds=DEFAULT)


def monotonous(sessions: list[SessionFacts], **kw: Any) -> list[LoadWarning]:
    return monotony(sessions, day=DAY, tz=AMS, thresholds=Thresholds(**kw))


def pains(sessions: list[SessionFacts], day: date = DAY) -> list[LoadWarning]:
    return pain(sessions, day=day, tz=AMS, thresholds=DEFAULT)


def warning(rule: str, severity: str, day: date, session_id: int | None = None) -> LoadWarning:
    return LoadWarning(rule=rule, severity=severity, day=day, session_id=session_id, numbers={})


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
    [w] = single_run_spike(
        sessions, day=DAY, tz=AMS, thresholds=Thresholds.from_mapping({"spike_small": 0.05})
    )
    assert (w.severity, w.numbers["cap_m"]) == ("small", 11130)


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


def chronic_load() -> list[SessionFacts]:
    """900 load over the 21 days before the last 7: 300 a week."""
    return [strength(days_before(n), 100.0) for n in (27, 24, 21, 17, 14, 11, 10, 8, 7)]


def acwr_history(acute_total: float) -> list[SessionFacts]:
    acute = [strength(days_before(3), acute_total / 2), strength(DAY, acute_total / 2)]
    return chronic_load() + acute


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


# --- select_window_warnings ---------------------------------------------------------------


def test_window_warning_is_not_repeated_within_seven_days() -> None:
    candidates = [warning("weekly_increase", "caution", days_before(n)) for n in (9, 8, 3, 2)]
    kept = select_window_warnings(candidates, earlier=[], repeat_days=7)
    assert [w.day for w in kept] == [days_before(9), days_before(2)]


def test_window_warning_repeats_when_severity_rises() -> None:
    candidates = [
        warning("weekly_increase", "caution", days_before(5)),
        warning("weekly_increase", "warning", days_before(3)),
        warning("weekly_increase", "warning", days_before(2)),
        warning("weekly_increase", "caution", days_before(1)),
    ]
    kept = select_window_warnings(candidates, earlier=[], repeat_days=7)
    assert [(w.day, w.severity) for w in kept] == [
        (days_before(5), "caution"),
        (days_before(3), "warning"),
    ]


def test_window_warning_already_stored_earlier_blocks_a_repeat() -> None:
    earlier = [warning("acwr", "high", days_before(8))]
    candidates = [warning("acwr", "caution", days_before(3)), warning("acwr", "high", DAY)]
    kept = select_window_warnings(candidates, earlier=earlier, repeat_days=7)
    assert [(w.day, w.severity) for w in kept] == [(DAY, "high")]


def test_window_rules_are_thinned_independently() -> None:
    candidates = [
        warning("monotony", "caution", days_before(1)),
        warning("retro_increase", "caution", days_before(1)),
        warning("monotony", "caution", DAY),
        warning("retro_increase", "caution", DAY),
    ]
    kept = select_window_warnings(candidates, earlier=[], repeat_days=7)
    assert [(w.rule, w.day) for w in kept] == [
        ("monotony", days_before(1)),
        ("retro_increase", days_before(1)),
    ]


def test_session_rule_warnings_pass_through_unthinned() -> None:
    candidates = [
        warning("pain", "high", days_before(1), session_id=1),
        warning("pain", "high", DAY, session_id=2),
        warning("single_run_spike", "small", DAY, session_id=2),
    ]
    assert select_window_warnings(candidates, earlier=candidates, repeat_days=7) == candidates


# --- evaluate -----------------------------------------------------------------------------


def test_evaluate_day_collects_every_warning_at_once() -> None:
    today = run(DAY, 13200, pain=6)
    sessions = [run(days_before(10), 10000), today]
    found = evaluate_day(
        sessions, day=DAY, tz=AMS, thresholds=DEFAULT, first_session_day=days_before(10)
    )
    assert [(w.rule, w.severity, w.session_id) for w in found] == [
        ("single_run_spike", "moderate", today.id),
        ("weekly_increase", "warning", None),
        ("pain", "high", today.id),
    ]


def test_evaluate_stores_a_lasting_window_warning_once_a_week() -> None:
    every_day = [strength(days_before(n), 200.0) for n in range(-10, 21)]
    found = evaluate(
        every_day,
        first_day=DAY,
        last_day=DAY + timedelta(days=9),
        tz=AMS,
        thresholds=DEFAULT,
        first_session_day=days_before(20),
    )
    assert [(w.rule, w.day) for w in found] == [
        ("monotony", DAY),
        ("monotony", DAY + timedelta(days=7)),
    ]


def test_evaluate_respects_earlier_stored_window_warnings() -> None:
    every_day = [strength(days_before(n), 200.0) for n in range(21)]
    found = evaluate(
        every_day,
        first_day=DAY,
        last_day=DAY,
        tz=AMS,
        thresholds=DEFAULT,
        first_session_day=days_before(20),
        earlier=[warning("monotony", "caution", days_before(2))],
    )
    assert found == []


def test_window_needed_covers_thirty_days_and_a_daylight_saving_change() -> None:
    # Summer time starts 2025-03-30: 30 x 24 h before 00:30 on 5 April is 23:30 on 5 March.
    first_day = date(2025, 4, 5)
    old = run(date(2025, 3, 5), 10000, hour=23, minute=45)
    found = longest_run_before(
        [old], before=at(first_day, 0, 30), window_days=30, backward=False, exclude_id=None
    )
    since, until = window_needed(first_day, date(2025, 4, 9), DEFAULT)
    assert found == old
    assert since <= local_day(old.start, AMS)
    assert until == date(2025, 4, 9)


# --- thresholds ---------------------------------------------------------------------------


def test_thresholds_default_to_domain_values() -> None:
    t = Thresholds()
    assert (t.default_rpe, t.backward_factor, t.spike_window_days, t.weekly_min_base_m) == (
        5,
        1.3,
        30,
        5000,
    )


def test_thresholds_from_mapping_overrides_and_accepts_whole_numbers_for_factors() -> None:
    t = Thresholds.from_mapping({"acwr_high": 2, "pain_high": 6})
    assert (t.acwr_high, t.pain_high, t.acwr_caution) == (2.0, 6, 1.3)


def test_thresholds_from_mapping_rejects_unknown_keys() -> None:
    with pytest.raises(ValueError, match="spike_smal"):
        Thresholds.from_mapping({"spike_smal": 0.2})


def test_thresholds_from_mapping_rejects_non_numbers() -> None:
    with pytest.raises(ValueError):
        Thresholds.from_mapping({"pain_high": "5"})
    with pytest.raises(ValueError):
        Thresholds.from_mapping({"pain_high": 5.5})


def test_pain_threshold_override_changes_behaviour() -> None:
    sessions = [run(DAY, 8000, pain=5)]
    thresholds = Thresholds.from_mapping({"pain_high": 6})
    assert pain(sessions, day=DAY, tz=AMS, thresholds=thresholds) == []


# --- warnings: order, alarms, texts -------------------------------------------------------


def test_rules_are_in_table_order() -> None:
    assert RULES == (
        "single_run_spike",
        "weekly_increase",
        "acwr",
        "retro_increase",
        "monotony",
        "pain",
    )


def test_risk_order_covers_every_severity_once() -> None:
    pairs = {(rule, severity) for rule in RULES for severity in SEVERITIES[rule]}
    assert sorted(RISK_ORDER) == sorted(pairs)
    assert len(RISK_ORDER) == len(pairs)


def test_risk_rank_puts_sharp_pain_first_and_monotony_last() -> None:
    ranked = sorted(
        [
            warning("monotony", "caution", DAY),
            warning("single_run_spike", "small", DAY),
            warning("pain", "sharp", DAY),
            warning("retro_increase", "caution", DAY),
            warning("pain", "high", DAY),
        ],
        key=lambda w: w.risk_rank,
    )
    assert [(w.rule, w.severity) for w in ranked] == [
        ("pain", "sharp"),
        ("pain", "high"),
        ("single_run_spike", "small"),
        ("retro_increase", "caution"),
        ("monotony", "caution"),
    ]


def test_severity_rank_counts_from_the_lowest() -> None:
    assert severity_rank("single_run_spike", "small") == 0
    assert severity_rank("single_run_spike", "large") == 2


def test_unknown_severity_is_rejected() -> None:
    with pytest.raises(ValueError):
        warning("acwr", "warning", DAY)


def test_spike_and_pain_are_alarms_window_rules_are_not() -> None:
    alarms = {rule for rule in RULES if warning(rule, SEVERITIES[rule][0], DAY).is_alarm}
    assert alarms == {"single_run_spike", "pain"}


def test_spike_message_and_advice_quote_the_numbers() -> None:
    [w] = spike([run(days_before(10), 10000), run(DAY, 13200)])
    with translation.override("en"):
        assert w.message() == (
            "13.2 km against a longest run of 10.0 km in the 30 days before: +32.0 %, "
            "more than 30 %"
        )
        assert w.advice().startswith("Keep your next long run at or under 14.5 km")
        assert "10.1136/bjsports-2024-109380" in w.source()


def sample_warnings() -> list[LoadWarning]:
    history = [
        *chronic_load(),
        run(days_before(10), 10000),
        walk(days_before(9), backward_s=600),
        run(days_before(2), 2000, backward_s=900),
        run(DAY, 20001, pain=5),
        walk(DAY, 3000, pain=1, sharp_pain=True),
        *[strength(days_before(n), 200.0) for n in range(7)],
    ]
    return evaluate_day(
        history, day=DAY, tz=AMS, thresholds=DEFAULT, first_session_day=days_before(27)
    )


def test_every_rule_renders_title_message_advice_and_source() -> None:
    found = sample_warnings()
    assert {w.rule for w in found} == set(RULES)
    with translation.override("en"):
        for w in found:
            assert w.title() and w.message() and w.advice() and w.source()


def test_warning_numbers_are_json_serialisable() -> None:
    for w in sample_warnings():
        assert json.loads(json.dumps(w.numbers)) == dict(w.numbers)
