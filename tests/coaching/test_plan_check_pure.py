"""coaching.plan_check on hand-computed plans: which planned session the load rules flag,
with which numbers, and which they leave alone."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from coaching.plan_check import hypothetical, plan_check, plan_rules
from logbook.load.core import Shared
from logbook.load.facts import PlannedFacts, SessionFacts
from logbook.load.registry import default_rules

AMS = ZoneInfo("Europe/Amsterdam")
DAY0 = date(2026, 11, 2)  # a Monday, away from daylight-saving changes
T = Shared()
RULES = default_rules()


def day(n: int) -> date:
    return DAY0 + timedelta(days=n)


def run(n: int, km: float, *, minutes: int = 60, backward_min: int = 0) -> SessionFacts:
    return SessionFacts(
        id=1000 + n,
        start=datetime.combine(day(n), datetime.min.time(), tzinfo=AMS).replace(hour=8),
        kind="run",
        duration_s=minutes * 60,
        distance_m=round(km * 1000),
        backward_s=backward_min * 60,
        load=5.0 * minutes,
    )


def walk(n: int, minutes: int, backward_min: int) -> SessionFacts:
    return SessionFacts(
        id=2000 + n,
        start=datetime.combine(day(n), datetime.min.time(), tzinfo=AMS).replace(hour=8),
        kind="walk",
        duration_s=minutes * 60,
        distance_m=None,
        backward_s=backward_min * 60,
        load=3.0 * minutes,
    )


def plan(pk: int, n: int, *, kind: str = "run", km: float | None = None, **kw: int) -> PlannedFacts:
    return PlannedFacts(
        id=pk, day=day(n), kind=kind, distance_m=None if km is None else round(km * 1000), **kw
    )


def check(history: list[SessionFacts], planned: list[PlannedFacts]) -> dict[int, list]:
    return plan_check(history, planned, tz=AMS, shared=T, rules=RULES)


def test_a_planned_run_40_percent_over_the_longest_is_a_moderate_spike() -> None:
    found = check([run(0, 10)], [plan(1, 7, km=14, duration_s=4800, rpe=6)])
    warning, weekly = found[1]
    assert (warning.rule, warning.severity, warning.day) == ("single_run_spike", "moderate", day(7))
    assert warning.session_id == -1
    # 14 km against 10 km: +40 %; the next long run's cap is 14 km + 10 % = 15.4 km.
    assert dict(warning.numbers) == {
        "distance_m": 14000,
        "longest_m": 10000,
        "increase_pct": 40.0,
        "cap_m": 15400,
        "direction": "forward",
    }
    # Days 1-7 hold the plan's 14 km, days -6-0 the 10 km run: +40 %, over 30 %.
    assert (weekly.rule, weekly.severity) == ("weekly_increase", "warning")
    assert dict(weekly.numbers) == {"last7_m": 14000, "prev7_m": 10000, "increase_pct": 40}


def test_exactly_10_percent_more_is_not_flagged() -> None:
    assert check([run(0, 10)], [plan(1, 7, km=11)]) == {1: []}


def test_week_one_of_the_plan_counts_for_week_two() -> None:
    history = [run(0, 10)]
    # 11 km (+10 %) then 12.1 km: +10 % over the planned 11 km, though +21 % over history.
    assert check(history, [plan(1, 7, km=11), plan(2, 14, km=12.1)]) == {1: [], 2: []}
    found = check(history, [plan(1, 7, km=11), plan(2, 14, km=12.2)])
    assert found[1] == []
    (warning,) = found[2]
    assert warning.severity == "small"
    assert (warning.numbers["longest_m"], warning.numbers["increase_pct"]) == (11000, 11)


def test_a_run_more_than_30_days_after_the_longest_is_not_a_spike() -> None:
    assert check([run(0, 10)], [plan(1, 31, km=14)]) == {1: []}


def test_a_weekly_rise_over_30_percent_marks_the_runs_of_that_day() -> None:
    # History: 5 km every other day up to day 6 (days 2, 4, 6 are the 7 days before day 13).
    history = [run(n, 5) for n in range(-20, 7, 2)]
    # The plan: 5 km on each of days 7 to 13 (35 km), no single run longer than before.
    planned = [plan(100 + n, n, km=5) for n in range(7, 14)]
    found = check(history, planned)
    weekly = [w for w in found[113] if w.rule == "weekly_increase"]
    (warning,) = weekly
    # Day 13: days 7-13 hold 35 km, days 0-6 hold 5 km on days 0, 2, 4 and 6: 20 km; +75 %.
    assert warning.severity == "warning"
    assert dict(warning.numbers) == {"last7_m": 35000, "prev7_m": 20000, "increase_pct": 75}
    assert all(w.rule != "single_run_spike" for ws in found.values() for w in ws)


def test_a_weekly_rise_of_up_to_30_percent_is_not_flagged() -> None:
    # 20 km in days 0-6; the plan's 26 km in days 7-13 is +30 % exactly.
    history = [run(n, 5) for n in range(-20, 7, 2)]
    planned = [plan(100 + n, n, km=6.5) for n in (8, 10, 12, 13)]
    found = check(history, planned)
    assert all(w.rule != "weekly_increase" for w in found[113])


def test_backward_minutes_up_more_than_10_percent() -> None:
    # 10 backward minutes on day 3; the plan's 12 on day 10: days 4-10 against days -3-3.
    found = check(
        [walk(3, 40, 10)], [plan(1, 10, kind="walk", duration_s=2400, backward_s=12 * 60)]
    )
    (warning,) = found[1]
    assert (warning.rule, warning.severity) == ("retro_increase", "caution")
    assert dict(warning.numbers) == {"last7_min": 12.0, "prev7_min": 10.0, "increase_pct": 20}


def test_a_planned_run_without_a_distance_adds_nothing_to_the_distance_rules() -> None:
    history = [run(n, 5) for n in range(-20, 7, 2)]
    planned = [plan(100 + n, n, duration_s=7200) for n in range(7, 14)]
    assert all(ws == [] for ws in check(history, planned).values())


def test_only_the_rules_about_load_rising_apply() -> None:
    assert {r.code for r in plan_rules(RULES)} == {
        "single_run_spike",
        "weekly_increase",
        "retro_increase",
    }
    # With the rules switched off nothing is flagged.
    found = plan_check([run(0, 10)], [plan(1, 7, km=30)], tz=AMS, shared=T, rules=[])
    assert found == {1: []}


def test_a_logged_spike_in_the_history_marks_no_planned_session() -> None:
    # A +150 % run already logged on day 7 (stored as a warning when it was logged); too
    # little running in the week before for the weekly rule.
    history = [run(0, 4), run(7, 10)]
    assert check(history, [plan(1, 7, km=4)]) == {1: []}


def test_planned_sessions_become_sessions_at_noon_a_minute_apart() -> None:
    facts = hypothetical(
        [plan(2, 1, km=5, duration_s=1800, rpe=8), plan(1, 1, km=3)], tz=AMS, default_rpe=5
    )
    assert [(f.id, f.start.hour, f.start.minute) for f in facts] == [(-1, 12, 0), (-2, 12, 1)]
    # Load = target minutes x target RPE: 30 x 8; without a duration nothing.
    assert [f.load for f in facts] == [0.0, 240.0]
