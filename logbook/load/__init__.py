"""Training-load rules: pure functions of plain session values and an explicit day.

A rule is one module (spike, weekly, acwr, retro, monotony, pain): a small class with its
code, kind, severities (attention rank and word), options, look-back, `evaluate`, texts
and plan judgement, plus one LOAD_RULES line. `facts` holds what the rules read, `core`
what they share, `registry` builds the rules in force and runs them, `fitness` is the
descriptive fitness, fatigue and form. Nothing here touches the database or reads a clock.

This package's own names are the door the rest of the project uses; anything else is
imported from the module that owns it.
"""

from __future__ import annotations

from logbook.load.acwr import ACWR, break_note, returning_after_break_on
from logbook.load.core import ALARM_RULES, LoadWarning, severity_rank
from logbook.load.facts import SessionFacts, local_day, session_load
from logbook.load.monotony import MONOTONY
from logbook.load.pain import PAIN
from logbook.load.registry import (
    Thresholds,
    active,
    evaluate,
    is_window_rule,
    window_needed,
)
from logbook.load.retro import RETRO_INCREASE
from logbook.load.spike import (
    SINGLE_RUN_SPIKE,
    LongRunCap,
    long_run_cap_days_back,
    long_run_cap_from_days,
    long_run_cap_m,
    long_runs_by_day,
)
from logbook.load.weekly import WEEKLY_INCREASE

__all__ = [
    "ACWR",
    "ALARM_RULES",
    "MONOTONY",
    "PAIN",
    "RETRO_INCREASE",
    "SINGLE_RUN_SPIKE",
    "WEEKLY_INCREASE",
    "LoadWarning",
    "LongRunCap",
    "SessionFacts",
    "Thresholds",
    "active",
    "break_note",
    "evaluate",
    "is_window_rule",
    "local_day",
    "long_run_cap_days_back",
    "long_run_cap_from_days",
    "long_run_cap_m",
    "long_runs_by_day",
    "returning_after_break_on",
    "session_load",
    "severity_rank",
    "window_needed",
]
