"""Training-load rules: pure functions of plain session values and an explicit day.

One module per rule (spike, weekly, acwr, retro, monotony, pain), each a small class with
its code, severities, kind, look-back, `evaluate` and texts; `registry` builds the rules in
force from the LOAD_RULES setting and runs them; `fitness` is the descriptive fitness,
fatigue and form. Nothing here touches the database or reads a clock.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, tzinfo

from logbook.load.acwr import (
    ACWR,
    Acwr,
    break_note,
    returning_after_break,
    returning_after_break_on,
)
from logbook.load.core import (
    KINDS,
    RULE_CLASSES,
    RUN,
    STRENGTH,
    WALK,
    WEEK_DAYS,
    Facts,
    LoadWarning,
    Number,
    Rule,
    SessionFacts,
    Thresholds,
    backward_distance_m,
    daily_loads,
    equivalent_distance_m,
    is_wholly_backward,
    local_day,
    longest_run_before,
    session_load,
    severity_rank,
)
from logbook.load.fitness import (
    FitnessDay,
    FitnessState,
    fitness_days,
    fitness_fatigue_form,
    fitness_steps,
)
from logbook.load.monotony import MONOTONY, Monotony
from logbook.load.pain import PAIN, Pain
from logbook.load.registry import (
    ATTENTION_ORDER,
    BUILT_IN,
    DEFAULT_LOAD_RULES,
    Registry,
    active,
    evaluate,
    evaluate_day,
    is_window_rule,
    registry_build,
    select_window_warnings,
    window_needed,
)
from logbook.load.retro import RETRO_INCREASE, RetroIncrease
from logbook.load.spike import (
    SINGLE_RUN_SPIKE,
    LongRunCap,
    SingleRunSpike,
    long_run_cap,
    long_run_cap_days_back,
    long_run_cap_from_days,
    long_run_cap_m,
    long_runs_by_day,
    next_long_run_cap_m,
)
from logbook.load.weekly import WEEKLY_INCREASE, WeeklyIncrease

RULES: tuple[str, ...] = tuple(cls.code for cls in BUILT_IN)
SEVERITIES: dict[str, tuple[str, ...]] = {cls.code: cls.severities for cls in BUILT_IN}
ALARM_RULES = frozenset(cls.code for cls in BUILT_IN if cls.kind == "alarm")
WINDOW_RULES = frozenset(cls.code for cls in BUILT_IN if cls.kind == "window")
# The attention order under its earlier name.
RISK_ORDER = ATTENTION_ORDER


def _one(
    rule: Rule,
    sessions: Sequence[SessionFacts],
    day: date,
    tz: tzinfo,
    thresholds: Thresholds,
    first_session_day: date | None = None,
) -> list[LoadWarning]:
    facts = Facts(sessions, tz=tz, thresholds=thresholds, first_session_day=first_session_day)
    return rule.evaluate(facts, day)


def single_run_spike(
    sessions: Sequence[SessionFacts], *, day: date, tz: tzinfo, thresholds: Thresholds
) -> list[LoadWarning]:
    return _one(SingleRunSpike(), sessions, day, tz, thresholds)


def weekly_increase(
    sessions: Sequence[SessionFacts], *, day: date, tz: tzinfo, thresholds: Thresholds
) -> list[LoadWarning]:
    return _one(WeeklyIncrease(), sessions, day, tz, thresholds)


def acwr(
    sessions: Sequence[SessionFacts],
    *,
    day: date,
    tz: tzinfo,
    thresholds: Thresholds,
    first_session_day: date | None,
) -> list[LoadWarning]:
    return _one(Acwr(), sessions, day, tz, thresholds, first_session_day)


def retro_increase(
    sessions: Sequence[SessionFacts], *, day: date, tz: tzinfo, thresholds: Thresholds
) -> list[LoadWarning]:
    return _one(RetroIncrease(), sessions, day, tz, thresholds)


def monotony(
    sessions: Sequence[SessionFacts], *, day: date, tz: tzinfo, thresholds: Thresholds
) -> list[LoadWarning]:
    return _one(Monotony(), sessions, day, tz, thresholds)


def pain(
    sessions: Sequence[SessionFacts], *, day: date, tz: tzinfo, thresholds: Thresholds
) -> list[LoadWarning]:
    return _one(Pain(), sessions, day, tz, thresholds)


__all__ = [
    "ACWR",
    "ALARM_RULES",
    "ATTENTION_ORDER",
    "BUILT_IN",
    "DEFAULT_LOAD_RULES",
    "KINDS",
    "MONOTONY",
    "PAIN",
    "RETRO_INCREASE",
    "RISK_ORDER",
    "RULES",
    "RULE_CLASSES",
    "RUN",
    "SEVERITIES",
    "SINGLE_RUN_SPIKE",
    "STRENGTH",
    "WALK",
    "WEEKLY_INCREASE",
    "WEEK_DAYS",
    "WINDOW_RULES",
    "Acwr",
    "Facts",
    "FitnessDay",
    "FitnessState",
    "LoadWarning",
    "LongRunCap",
    "Monotony",
    "Number",
    "Pain",
    "Registry",
    "RetroIncrease",
    "Rule",
    "SessionFacts",
    "SingleRunSpike",
    "Thresholds",
    "WeeklyIncrease",
    "active",
    "acwr",
    "backward_distance_m",
    "break_note",
    "daily_loads",
    "equivalent_distance_m",
    "evaluate",
    "evaluate_day",
    "fitness_days",
    "fitness_fatigue_form",
    "fitness_steps",
    "is_wholly_backward",
    "is_window_rule",
    "local_day",
    "long_run_cap",
    "long_run_cap_days_back",
    "long_run_cap_from_days",
    "long_run_cap_m",
    "long_runs_by_day",
    "longest_run_before",
    "monotony",
    "next_long_run_cap_m",
    "pain",
    "registry_build",
    "retro_increase",
    "returning_after_break",
    "returning_after_break_on",
    "select_window_warnings",
    "session_load",
    "severity_rank",
    "single_run_spike",
    "weekly_increase",
    "window_needed",
]
