"""Planned sessions: every write of a plan goes through one of these functions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.versions import version_bump
from coaching import plans
from coaching.models import PlannedSession
from logbook import load
from logbook import services as logbook_services
from logbook.models import Kind, Session


@dataclass(frozen=True)
class PlanValues:
    """What a coach or runner enters for one planned session."""

    day: date
    kind: str
    surface: str = ""
    duration_s: int | None = None
    distance_m: int | None = None
    rpe: int | None = None
    backward_s: int = 0
    notes: str = ""
    exercise_ids: Sequence[int] = ()
    progression_step_id: int | None = None


_PLAN_FIELDS = (
    "day",
    "kind",
    "surface",
    "duration_s",
    "distance_m",
    "rpe",
    "backward_s",
    "notes",
    "progression_step_id",
)


@transaction.atomic
def plan_session_save(
    *,
    athlete: User,
    values: PlanValues,
    planned_by: User | None,
    planned: PlannedSession | None = None,
    now: datetime | None = None,
) -> PlannedSession:
    """Create a planned session (planned is None) or change one of the athlete's. Moving it
    to another day or kind drops a match the runner pinned, which belonged to the old day."""
    now = now or timezone.now()
    if planned is None:
        planned = PlannedSession(athlete=athlete, planned_by=planned_by, created_at=now)
    elif planned.athlete_id != athlete.pk:
        raise ValueError("planned session of another athlete")
    elif planned.day != values.day:
        planned.match_session = None
        planned.match_declined = False
    for name in _PLAN_FIELDS:
        setattr(planned, name, getattr(values, name))
    planned.notes = values.notes.strip()
    planned.updated_at = now
    planned.save()
    planned.exercises.set(values.exercise_ids)
    version_bump(athlete_id=athlete.pk)  # the runner's and the coach's cached pages
    return planned


@transaction.atomic
def plan_session_delete(*, planned: PlannedSession) -> None:
    athlete_id = planned.athlete_id
    planned.delete()
    version_bump(athlete_id=athlete_id)


class PlanImportError(Exception):
    """A plan file with bad rows: nothing of it was saved."""

    def __init__(self, errors: Sequence[plans.LineError]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = tuple(errors)


@transaction.atomic
def plan_import(
    *, athlete: User, content: bytes | str, planned_by: User | None, now: datetime | None = None
) -> list[PlannedSession]:
    """Add every row of a plan file (DOMAIN.md section 4) to the athlete's plan, or, when
    any row is bad, nothing (PlanImportError names each bad line)."""
    parsed = plans.parse_plan(content)
    if not parsed.ok:
        raise PlanImportError(parsed.errors)
    now = now or timezone.now()
    created = PlannedSession.objects.bulk_create(
        PlannedSession(
            athlete=athlete,
            planned_by=planned_by,
            day=row.day,
            kind=row.kind,
            surface=row.surface,
            duration_s=row.duration_s,
            distance_m=row.distance_m,
            rpe=row.rpe,
            backward_s=row.backward_s,
            notes=row.notes,
            created_at=now,
            updated_at=now,
        )
        for row in parsed.rows
    )
    if created:
        version_bump(athlete_id=athlete.pk)
    return created


@transaction.atomic
def plan_week_copy(
    *,
    athlete: User,
    week_start: date,
    to_week_start: date | None = None,
    planned_by: User | None,
    now: datetime | None = None,
) -> list[PlannedSession]:
    """Copy the planned sessions of the ISO week starting on week_start (a Monday) to the
    same weekdays of another week, the next one by default. Matches are not copied; what is
    in the target week already stays, and a planned session it holds already (the same
    day, kind, targets and note) is not copied again."""
    if week_start.weekday() != 0:
        raise ValueError("week_start is not a Monday")
    target = to_week_start or week_start + timedelta(days=7)
    if target.weekday() != 0:
        raise ValueError("to_week_start is not a Monday")
    shift = target - week_start
    sources = _sources_not_copied_yet(athlete=athlete, week_start=week_start, target=target)
    copies = _copies_create(
        sources, athlete=athlete, shift=shift, planned_by=planned_by, now=now or timezone.now()
    )
    if copies:
        version_bump(athlete_id=athlete.pk)
    return copies


def _same(p: PlannedSession) -> tuple[object, ...]:
    """What makes two planned sessions of one day the same plan."""
    return (p.kind, p.duration_s, p.distance_m, p.rpe, p.backward_s, p.surface, p.notes)


def _sources_not_copied_yet(
    *, athlete: User, week_start: date, target: date
) -> list[PlannedSession]:
    """The week's planned sessions, less those the target week holds already (the button
    pressed twice makes no second copy)."""
    shift = target - week_start
    there = {
        (p.day, *_same(p))
        for p in PlannedSession.objects.filter(
            athlete=athlete, day__gte=target, day__lt=target + timedelta(days=7)
        )
    }
    return [
        source
        for source in PlannedSession.objects.filter(
            athlete=athlete, day__gte=week_start, day__lt=week_start + timedelta(days=7)
        )
        .prefetch_related("exercises")
        .order_by("day", "pk")
        if (source.day + shift, *_same(source)) not in there
    ]


def _copies_create(
    sources: list[PlannedSession],
    *,
    athlete: User,
    shift: timedelta,
    planned_by: User | None,
    now: datetime,
) -> list[PlannedSession]:
    """The copies, `shift` later, with their catalogue exercises; no match is copied."""
    copies = PlannedSession.objects.bulk_create(
        PlannedSession(
            athlete=athlete,
            planned_by=planned_by,
            day=source.day + shift,
            kind=source.kind,
            surface=source.surface,
            duration_s=source.duration_s,
            distance_m=source.distance_m,
            rpe=source.rpe,
            backward_s=source.backward_s,
            notes=source.notes,
            progression_step_id=source.progression_step_id,
            created_at=now,
            updated_at=now,
        )
        for source in sources
    )
    through = PlannedSession.exercises.through
    through.objects.bulk_create(
        through(plannedsession_id=copy.pk, exercise_id=exercise.pk)
        for source, copy in zip(sources, copies, strict=True)
        for exercise in source.exercises.all()
    )
    return copies


def plan_match_set(
    *,
    planned: PlannedSession,
    session: Session | None,
    declined: bool = False,
    now: datetime | None = None,
) -> PlannedSession:
    """Pin which session fulfils a planned one: `session` (of the same athlete), none of
    that day's (declined), or back to the automatic match (neither)."""
    if session is not None and (declined or session.athlete_id != planned.athlete_id):
        raise ValueError("a session of the same athlete, or declined, not both")
    planned.match_session = session
    planned.match_declined = declined
    planned.updated_at = now or timezone.now()
    with transaction.atomic():
        planned.save(update_fields=["match_session", "match_declined", "updated_at"])
        version_bump(athlete_id=planned.athlete_id)
    return planned


# A planned session of an earlier day, logged as planned, starts at this local hour.
PAST_DAY_START_HOUR = 12


def plan_session_log_as_planned(
    *, planned: PlannedSession, now: datetime
) -> logbook_services.SessionResult:
    """One tap: log the planned session as a session, as planned (its duration, distance,
    backward part, surface, target RPE and catalogue exercises at their starting doses),
    and pin it as the match. Today's ends now; an earlier day's starts at noon. A planned
    session without a duration, or of a day still to come, cannot be logged this way."""
    athlete = planned.athlete
    tz = athlete.profile.tz
    today = load.local_day(now, tz)
    if planned.duration_s is None or planned.day > today:
        raise ValueError("needs a duration and a day that has come")
    midnight = datetime.combine(planned.day, time.min, tzinfo=tz)
    if planned.day == today:
        start = max(now - timedelta(seconds=planned.duration_s), midnight)
    else:
        start = midnight.replace(hour=PAST_DAY_START_HOUR)
    with transaction.atomic():
        result = logbook_services.session_log(
            athlete=athlete,
            exercises=[
                logbook_services.ExerciseDone(
                    exercise_id=e.pk, sets=e.dose_sets, reps=e.dose_reps, seconds=e.dose_seconds
                )
                for e in planned.exercises.all()
            ]
            if planned.kind == Kind.STRENGTH
            else [],
            start=start,
            kind=planned.kind,
            duration_s=planned.duration_s,
            distance_m=planned.distance_m,
            backward_s=planned.backward_s,
            surface=planned.surface,
            rpe=planned.rpe,
            notes=planned.notes,
        )
        assert result.session is not None
        plan_match_set(planned=planned, session=result.session, now=now)
    return result
