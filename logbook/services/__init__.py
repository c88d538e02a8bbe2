"""Writes and side effects of the training log, one module per concern:

- sessions.py: what happens when a session is saved (log, update, rate, delete);
- warnings.py: the stored warnings, evaluated again after every write, seen, acknowledged;
- imports.py: activities from files become sessions, duplicates recognised;
- erasure.py: what logbook erases when accounts asks (consent withdrawn, account deleted);
- facts.py and common.py: the sessions' facts for the load rules, the shared helpers.

Other apps import the public names from here; modules of logbook import them from the
module that owns them.
"""

from logbook.services.common import thresholds
from logbook.services.erasure import account_data_erase, pain_data_erase
from logbook.services.facts import SESSION_FACT_FIELDS, session_facts, session_facts_between
from logbook.services.imports import (
    DUPLICATE_WINDOW,
    SAME_DAY_DISTANCE_MIN_M,
    SAME_DAY_DISTANCE_SHARE,
    EnteredStart,
    ImportCounts,
    same_distance,
    sessions_import,
)
from logbook.services.sessions import (
    SESSION_FIELDS,
    ExerciseDone,
    SessionChanges,
    SessionResult,
    SessionValues,
    session_delete,
    session_log,
    session_rate,
    session_update,
)
from logbook.services.warnings import (
    ALARM_EMAIL_MAX_AGE,
    RECOMPUTE_SLICE_DAYS,
    warning_acknowledge,
    warnings_mark_seen,
    warnings_recompute,
    warnings_reevaluate_all,
)

__all__ = [
    "ALARM_EMAIL_MAX_AGE",
    "DUPLICATE_WINDOW",
    "RECOMPUTE_SLICE_DAYS",
    "SAME_DAY_DISTANCE_MIN_M",
    "SAME_DAY_DISTANCE_SHARE",
    "SESSION_FACT_FIELDS",
    "SESSION_FIELDS",
    "EnteredStart",
    "ExerciseDone",
    "ImportCounts",
    "SessionChanges",
    "SessionResult",
    "SessionValues",
    "account_data_erase",
    "pain_data_erase",
    "same_distance",
    "session_delete",
    "session_facts",
    "session_facts_between",
    "session_log",
    "session_rate",
    "session_update",
    "sessions_import",
    "thresholds",
    "warning_acknowledge",
    "warnings_mark_seen",
    "warnings_recompute",
    "warnings_reevaluate_all",
]
