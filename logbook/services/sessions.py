"""What happens when a session is saved.

`session_log` / `session_update` / `session_delete` write the session, recompute the
runner's warnings for the days it affects (D to D + 30) in the same transaction
(logbook/services/warnings.py), and mark new alarms of the last 7 days as due for e-mail
(`TrainingWarning.email_due`). Logbook never sends: the outbox's sweeper
(notifications/) finds the marked warnings and sends each alarm once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import TypedDict, Unpack

from django.db import transaction

from accounts.models import User
from logbook import load
from logbook.models import Kind, Session, SessionExercise, Source, TrainingWarning
from logbook.services.common import local_day, thresholds
from logbook.services.warnings import warnings_recompute


@dataclass(frozen=True)
class ExerciseDone:
    exercise_id: int
    sets: int | None = None
    reps: int | None = None
    seconds: int | None = None


@dataclass
class SessionResult:
    session: Session | None
    new_warnings: list[TrainingWarning] = field(default_factory=list)


@dataclass(frozen=True)
class SessionValues:
    """What a runner enters for one session: the form hands this to session_log/update."""

    start: datetime
    kind: str
    duration_s: int
    distance_m: int | None = None
    surface: str = ""
    backward_s: int = 0
    backward_m: int | None = None
    elevation_gain_m: int | None = None
    rpe: int | None = None
    pain: int | None = None
    sharp_pain: bool = False
    pain_location: str = ""
    notes: str = ""


class SessionChanges(TypedDict, total=False):
    """The same fields as keyword arguments, each optional (imports, demo data, tests)."""

    start: datetime
    kind: str
    duration_s: int
    distance_m: int | None
    surface: str
    backward_s: int
    backward_m: int | None
    elevation_gain_m: int | None
    rpe: int | None
    pain: int | None
    sharp_pain: bool
    pain_location: str
    notes: str


SESSION_FIELDS = tuple(f.name for f in fields(SessionValues))


def _apply_load(session: Session) -> None:
    rules = thresholds()
    session.load, estimated = load.session_load(
        duration_s=session.duration_s, rpe=session.rpe, default_rpe=rules.default_rpe
    )
    session.rpe_estimated = estimated


def _strip_pain_without_consent(session: Session, athlete: User) -> None:
    if not athlete.profile.has_health_consent:
        session.pain = None
        session.sharp_pain = False
        session.pain_location = ""


def _save_exercises(session: Session, exercises: Sequence[ExerciseDone]) -> None:
    session.exercises.all().delete()
    SessionExercise.objects.bulk_create(
        SessionExercise(
            session=session,
            exercise_id=done.exercise_id,
            sets=done.sets,
            reps=done.reps,
            seconds=done.seconds,
        )
        for done in exercises
    )


@transaction.atomic
def session_log(
    *,
    athlete: User,
    values: SessionValues | None = None,
    source: str = Source.MANUAL,
    external_id: str = "",
    exercises: Sequence[ExerciseDone] = (),
    **fields_: Unpack[SessionChanges],
) -> SessionResult:
    """Log a session from `values`, or from its fields as keywords."""
    if values is None:
        values = SessionValues(**fields_)
    elif fields_:
        raise TypeError("session_log takes values or fields, not both")
    session = Session(athlete=athlete, source=source, external_id=external_id, **_as_fields(values))
    _strip_pain_without_consent(session, athlete)
    _apply_load(session)
    session.full_clean(exclude=["athlete"], validate_unique=False, validate_constraints=False)
    session.save()
    if values.kind == Kind.STRENGTH:
        _save_exercises(session, exercises)
    tz = athlete.profile.tz
    day = local_day(values.start, tz)
    new = warnings_recompute(athlete=athlete, first_day=day, last_day=day)
    return SessionResult(session=session, new_warnings=new)


def _as_fields(values: SessionValues) -> dict[str, object]:
    return {name: getattr(values, name) for name in SESSION_FIELDS}


@transaction.atomic
def session_update(
    *,
    session: Session,
    values: SessionValues | None = None,
    exercises: Sequence[ExerciseDone] | None = None,
    **changes: Unpack[SessionChanges],
) -> SessionResult:
    """Replace every field with `values`, or change only the fields given as keywords."""
    if values is not None and changes:
        raise TypeError("session_update takes values or changes, not both")
    updates: dict[str, object] = _as_fields(values) if values is not None else dict(changes)
    unknown = set(updates) - set(SESSION_FIELDS)
    if unknown:
        raise TypeError(f"session_update got unknown fields: {sorted(unknown)}")
    athlete = session.athlete
    tz = athlete.profile.tz
    old_day = local_day(session.start, tz)
    for name, value in updates.items():
        setattr(session, name, value)
    _strip_pain_without_consent(session, athlete)
    _apply_load(session)
    session.full_clean(exclude=["athlete"], validate_unique=False, validate_constraints=False)
    session.save()
    if session.kind != Kind.STRENGTH:
        session.exercises.all().delete()
    elif exercises is not None:
        _save_exercises(session, exercises)
    new_day = local_day(session.start, tz)
    new = warnings_recompute(
        athlete=athlete, first_day=min(old_day, new_day), last_day=max(old_day, new_day)
    )
    return SessionResult(session=session, new_warnings=new)


def session_rate(*, session: Session, rpe: int) -> SessionResult:
    """The runner rates an imported session: its load is no longer an estimate."""
    return session_update(session=session, rpe=rpe)


@transaction.atomic
def session_delete(*, session: Session) -> None:
    athlete = session.athlete
    day = local_day(session.start, athlete.profile.tz)
    session.delete()
    warnings_recompute(athlete=athlete, first_day=day, last_day=day)
