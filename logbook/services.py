"""Writes and side effects of the training log, one function per use case.

What happens when a session is saved: `session_log` / `session_update` / `session_delete`
write the session, recompute the runner's warnings for the days it affects (D to D + 30)
in the same transaction, and mark new alarms of the last 7 days as due for e-mail
(`TrainingWarning.email_due`). Logbook never sends: the outbox's sweeper
(notifications/) finds the marked warnings and sends each alarm once.
"""

from __future__ import annotations

import bisect
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime, time, timedelta, tzinfo
from functools import partial
from typing import TypedDict, Unpack

from django.db import transaction
from django.db.models import Min, Q
from django.utils import timezone

from accounts.models import AthleteProfile, User
from accounts.versions import version_bump
from logbook import load, tracks
from logbook.alarms import alarms_due_announce
from logbook.day_loads import day_loads_refresh
from logbook.imports import ImportedActivity
from logbook.models import ImportJob, Kind, Session, SessionExercise, Source, TrainingWarning

logger = logging.getLogger(__name__)

# A session whose start lies within this of another of the same kind is the same session.
DUPLICATE_WINDOW = timedelta(seconds=60)
# Alarms about sessions older than this are stored but never e-mailed.
ALARM_EMAIL_MAX_AGE = timedelta(days=7)
# Recompute in slices so the cost of one slice never depends on the length of the history.
RECOMPUTE_SLICE_DAYS = 31


def thresholds() -> load.Thresholds:
    """The thresholds in force (LOAD_THRESHOLDS and each LOAD_RULES entry's OPTIONS)."""
    return load.active().thresholds


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


def _local_day(moment: datetime, tz: tzinfo) -> date:
    return load.local_day(moment, tz)


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
    day = _local_day(values.start, tz)
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
    old_day = _local_day(session.start, tz)
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
    new_day = _local_day(session.start, tz)
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
    day = _local_day(session.start, athlete.profile.tz)
    session.delete()
    warnings_recompute(athlete=athlete, first_day=day, last_day=day)


def pain_data_erase(*, athlete: User) -> int:
    """Erase every stored pain score of a runner (consent withdrawn), and the pain
    warnings that rested on them."""
    with transaction.atomic():
        TrainingWarning.objects.filter(athlete=athlete, rule=load.PAIN).delete()
        erased = (
            Session.objects.filter(athlete=athlete)
            .filter(Q(pain__isnull=False) | Q(sharp_pain=True) | ~Q(pain_location=""))
            .update(pain=None, sharp_pain=False, pain_location="")
        )
        version_bump(athlete_id=athlete.pk)
        return erased


# Warnings -----------------------------------------------------------------------------


def _local_midnight(day: date, tz: tzinfo) -> datetime:
    return datetime.combine(day, time.min, tzinfo=tz)


# The columns session_facts reads: load only these where sessions become rule facts.
SESSION_FACT_FIELDS = (
    "pk",
    "start",
    "kind",
    "duration_s",
    "distance_m",
    "backward_s",
    "backward_m",
    "load",
    "pain",
    "sharp_pain",
)


def session_facts(session: Session) -> load.SessionFacts:
    """The plain values of a session that the load rules read."""
    return load.SessionFacts(
        id=session.pk,
        start=session.start,
        kind=session.kind,
        duration_s=session.duration_s,
        distance_m=session.distance_m,
        backward_s=session.backward_s,
        backward_m=session.backward_m,
        load=session.load,
        pain=session.pain,
        sharp_pain=session.sharp_pain,
    )


def _key(rule: str, day: date, session_id: int | None) -> tuple[str, object]:
    return (rule, session_id) if session_id is not None else (rule, day)


def session_facts_between(
    *,
    athlete: User,
    first_day: date,
    last_day: date,
    tz: tzinfo,
    kinds: Sequence[str] | None = None,
) -> list[load.SessionFacts]:
    """The facts of a runner's sessions on the local days [first_day, last_day]."""
    rows = Session.objects.filter(
        athlete=athlete,
        start__gte=_local_midnight(first_day, tz),
        start__lt=_local_midnight(last_day + timedelta(days=1), tz),
    )
    if kinds is not None:
        rows = rows.filter(kind__in=kinds)
    rows = rows.only(*SESSION_FACT_FIELDS)
    return [session_facts(s) for s in rows.order_by("start")]


def warnings_recompute(
    *, athlete: User, first_day: date, last_day: date, now: datetime | None = None
) -> list[TrainingWarning]:
    """Evaluate every rule again for the local days first_day .. last_day + 30 (capped at
    today) and store the difference; rebuild the kept daily loads and fitness from
    first_day on (logbook/day_loads.py). Every write of sessions ends with this. Returns
    the warnings that are new."""
    now = now or timezone.now()
    tz = athlete.profile.tz
    today = _local_day(now, tz)
    registry = load.active()
    rules = registry.thresholds
    end_day = max(min(last_day + timedelta(days=rules.spike_window_days), today), last_day)
    first_start = Session.objects.filter(athlete=athlete).aggregate(first=Min("start"))["first"]
    first_session_day = _local_day(first_start, tz) if first_start else None

    window_start, _ = load.window_needed(first_day, end_day, rules, registry.rules)
    facts = session_facts_between(athlete=athlete, first_day=window_start, last_day=end_day, tz=tz)
    fact_days = [_local_day(f.start, tz) for f in facts]
    earlier = [
        w.as_load_warning()
        for w in TrainingWarning.objects.filter(
            athlete=athlete,
            session__isnull=True,
            day__gte=first_day - timedelta(days=rules.window_repeat_days - 1),
            day__lt=first_day,
        )
    ]
    computed: list[load.LoadWarning] = []
    slice_first = first_day
    while slice_first <= end_day:
        slice_last = min(slice_first + timedelta(days=RECOMPUTE_SLICE_DAYS - 1), end_day)
        needed_first, _ = load.window_needed(slice_first, slice_last, rules, registry.rules)
        lo = bisect.bisect_left(fact_days, needed_first)
        hi = bisect.bisect_right(fact_days, slice_last)
        found = load.evaluate(
            facts[lo:hi],
            first_day=slice_first,
            last_day=slice_last,
            tz=tz,
            thresholds=rules,
            first_session_day=first_session_day,
            earlier=earlier,
            rules=registry.rules,
        )
        computed.extend(found)
        earlier = [*earlier, *(w for w in found if load.is_window_rule(w.rule))]
        slice_first = slice_last + timedelta(days=1)

    new = _store_warnings(
        athlete=athlete,
        computed=computed,
        first_day=first_day,
        last_day=end_day,
        facts={f.id: f for f in facts},
        now=now,
    )
    # Every caller changed sessions (or the zone they fall in): the kept days from
    # first_day on are rebuilt, and cached pages are out of date, raised after the writes
    # (logbook/versions.py).
    day_loads_refresh(athlete=athlete, first_day=first_day, last_day=last_day)
    version_bump(athlete_id=athlete.pk)
    if any(w.email_due for w in new):
        alarms_due_announce()
    return new


def warnings_reevaluate_all(
    *, athlete: User, old_tz: tzinfo, now: datetime | None = None
) -> list[TrainingWarning]:
    """Evaluate every rule again over the runner's whole history, after their time zone
    changed from `old_tz`: their sessions fall on other local days, and so do the weeks."""
    now = now or timezone.now()
    span = Session.objects.filter(athlete=athlete).aggregate(first=Min("start"))
    first_start = span["first"]
    tz = athlete.profile.tz
    stored_first = TrainingWarning.objects.filter(athlete=athlete).aggregate(first=Min("day"))
    days = [
        d
        for d in (
            _local_day(first_start, tz) if first_start else None,
            _local_day(first_start, old_tz) if first_start else None,
            stored_first["first"],
        )
        if d is not None
    ]
    if not days:
        return []
    today = _local_day(now, tz)
    return warnings_recompute(athlete=athlete, first_day=min(days), last_day=today, now=now)


def _store_warnings(
    *,
    athlete: User,
    computed: Sequence[load.LoadWarning],
    first_day: date,
    last_day: date,
    facts: dict[int | None, load.SessionFacts],
    now: datetime,
) -> list[TrainingWarning]:
    stored = {
        _key(w.rule, w.day, w.session_id): w
        for w in TrainingWarning.objects.filter(
            athlete=athlete, day__gte=first_day, day__lte=last_day
        )
    }
    to_create: list[TrainingWarning] = []
    to_update: list[TrainingWarning] = []
    keep: set[int] = set()
    for warning in computed:
        existing = stored.get(_key(warning.rule, warning.day, warning.session_id))
        if existing is not None:
            keep.add(existing.pk)
            if existing.day != warning.day:
                # The runner's time zone changed: the session now falls on another local day.
                existing.day = warning.day
                to_update.append(existing)
            if existing.severity != warning.severity or existing.numbers != dict(warning.numbers):
                if load.severity_rank(warning.rule, warning.severity) > load.severity_rank(
                    existing.rule, existing.severity
                ):
                    # A rise deserves a fresh look from the runner.
                    existing.seen_at = None
                    existing.acknowledged_at = None
                existing.severity = warning.severity
                existing.risk_rank = warning.risk_rank
                existing.numbers = dict(warning.numbers)
                if not to_update or to_update[-1] is not existing:
                    to_update.append(existing)
            continue
        session_fact = facts.get(warning.session_id) if warning.session_id else None
        recent = session_fact is not None and now - session_fact.start <= ALARM_EMAIL_MAX_AGE
        to_create.append(
            TrainingWarning(
                athlete=athlete,
                rule=warning.rule,
                severity=warning.severity,
                risk_rank=warning.risk_rank,
                day=warning.day,
                session_id=warning.session_id,
                numbers=dict(warning.numbers),
                email_due=warning.is_alarm and recent,
            )
        )
    stale = [w.pk for w in stored.values() if w.pk not in keep]
    if stale:
        TrainingWarning.objects.filter(pk__in=stale).delete()
    if to_update:
        TrainingWarning.objects.bulk_update(
            to_update, ["day", "severity", "risk_rank", "numbers", "seen_at", "acknowledged_at"]
        )
    return TrainingWarning.objects.bulk_create(to_create)


def warnings_mark_seen(*, athlete: User, warning_ids: Iterable[int]) -> int:
    marked = TrainingWarning.objects.filter(
        athlete=athlete, pk__in=list(warning_ids), seen_at__isnull=True
    ).update(seen_at=timezone.now())
    if marked:
        version_bump(athlete_id=athlete.pk)
    return marked


def warning_acknowledge(*, warning: TrainingWarning) -> None:
    now = timezone.now()
    TrainingWarning.objects.filter(pk=warning.pk).update(
        acknowledged_at=now, seen_at=warning.seen_at or now
    )
    version_bump(athlete_id=warning.athlete_id)


# Imports ------------------------------------------------------------------------------


# A file whose times cover only part of its track has no start time to match by: it is the
# same session as one of the same kind on the same local day whose distance is this close.
SAME_DAY_DISTANCE_SHARE = 0.02
SAME_DAY_DISTANCE_MIN_M = 50


@dataclass(frozen=True)
class EnteredStart:
    """The start time the runner gave for a file without a reliable one, on `day` (the
    file's own local day when None)."""

    time: time
    day: date | None = None


@dataclass
class ImportCounts:
    added: int = 0
    updated: int = 0
    duplicates: int = 0
    skipped: int = 0
    skipped_details: list[str] = field(default_factory=list)
    # Sessions a file without a reliable start matched by day and distance: the import
    # says it was the same session.
    same_by_day: list[Session] = field(default_factory=list)
    # Sessions whose entered start a recording with times replaced (matched the same way).
    retimed: list[Session] = field(default_factory=list)
    # Local days of files without a reliable start that matched nothing: ask for the start.
    start_unknown_days: list[date] = field(default_factory=list)


def _find_duplicate(
    starts: list[datetime], by_start: list[Session], start: datetime
) -> Session | None:
    i = bisect.bisect_left(starts, start - DUPLICATE_WINDOW)
    if i < len(starts) and starts[i] <= start + DUPLICATE_WINDOW:
        return by_start[i]
    return None


def same_distance(first_m: int | None, second_m: int | None) -> bool:
    """Two distances of one session measured by two files (within 2 %, or 50 m)."""
    if first_m is None or second_m is None:
        return False
    tolerance = max(SAME_DAY_DISTANCE_MIN_M, SAME_DAY_DISTANCE_SHARE * max(first_m, second_m))
    return abs(first_m - second_m) <= tolerance


def _find_same_day(
    starts: list[datetime],
    by_start: list[Session],
    *,
    day: date,
    tz: tzinfo,
    distance_m: int | None,
    entered_only: bool,
) -> Session | None:
    """A session on the local day with (nearly) the same distance; with entered_only, only
    one whose start the runner entered."""
    lo = bisect.bisect_left(starts, _local_midnight(day, tz))
    hi = bisect.bisect_left(starts, _local_midnight(day + timedelta(days=1), tz))
    for session in by_start[lo:hi]:
        if entered_only and not session.start_entered:
            continue
        if same_distance(session.distance_m, distance_m):
            return session
    return None


def _take_recorded_start(
    session: Session, activity: ImportedActivity, rules: load.Thresholds
) -> None:
    """A recording with times replaces the start and duration the runner had to enter."""
    session.start = activity.start
    if activity.duration_s:
        session.duration_s = activity.duration_s
        session.load, session.rpe_estimated = load.session_load(
            duration_s=session.duration_s, rpe=session.rpe, default_rpe=rules.default_rpe
        )
    session.start_entered = False


def _fill_missing(session: Session, activity: ImportedActivity) -> bool:
    """A second source may know what the first did not (distance, climb, duration)."""
    changed = False
    if session.distance_m is None and activity.distance_m is not None:
        session.distance_m = activity.distance_m
        changed = True
    if session.elevation_gain_m is None and activity.elevation_gain_m is not None:
        session.elevation_gain_m = activity.elevation_gain_m
        changed = True
    if not session.surface and activity.surface_hint:
        session.surface = activity.surface_hint
        changed = True
    if session.track is None and activity.track:
        session.track = tracks.track_to_store(activity.track)
        changed = session.track is not None or changed
    return changed


@transaction.atomic
def sessions_import(
    *,
    athlete: User,
    activities: Iterable[ImportedActivity],
    duration_fallback_s: int | None = None,
    entered_start: EnteredStart | None = None,
    progress: Callable[[int], None] | None = None,
    batch_size: int = 500,
) -> ImportCounts:
    """Import activities as sessions; one already logged (same kind, start within 60 s)
    is not added again. Warnings are recomputed once, for all the days touched.

    A file whose times cover only part of its track (`start_known` False) has a day but no
    start: it is the same session as one of its kind that day with the same distance
    (either way round: a later recording with times matches a session whose start the
    runner entered, and gives it the recorded start and duration). Otherwise it needs
    `entered_start`, and is counted in `start_unknown_days` without it."""
    counts = ImportCounts()
    pending = list(activities)
    if not pending:
        return counts
    rules = thresholds()
    tz = athlete.profile.tz
    # A whole day either side, for the matches by local day.
    earliest = min(a.start for a in pending) - timedelta(days=1)
    latest = max(a.start for a in pending) + timedelta(days=1)
    existing: dict[str, tuple[list[datetime], list[Session]]] = {}
    for kind in Kind.values:
        rows = list(
            Session.objects.filter(
                athlete=athlete, kind=kind, start__gte=earliest, start__lte=latest
            ).order_by("start")
        )
        existing[kind] = ([s.start for s in rows], rows)

    to_create: list[Session] = []
    to_update: list[Session] = []
    touched: list[date] = []

    def import_one(activity: ImportedActivity) -> None:
        starts, rows = existing[activity.kind]
        day = _local_day(activity.start, tz)
        if not activity.start_known:
            duplicate = _find_same_day(
                starts, rows, day=day, tz=tz, distance_m=activity.distance_m, entered_only=False
            )
            if duplicate is not None:
                counts.same_by_day.append(duplicate)
        else:
            duplicate = _find_duplicate(starts, rows, activity.start)
            if duplicate is None:
                duplicate = _find_same_day(
                    starts, rows, day=day, tz=tz, distance_m=activity.distance_m, entered_only=True
                )
                if duplicate is not None:
                    counts.retimed.append(duplicate)
                    touched.append(_local_day(duplicate.start, tz))
                    position = rows.index(duplicate)
                    del starts[position], rows[position]
                    _take_recorded_start(duplicate, activity, rules)
                    position = bisect.bisect_left(starts, duplicate.start)
                    starts.insert(position, duplicate.start)
                    rows.insert(position, duplicate)
        if duplicate is not None:
            if _fill_missing(duplicate, activity) or duplicate in counts.retimed:
                counts.updated += 1
                if duplicate.pk is not None:
                    to_update.append(duplicate)
                touched.append(_local_day(duplicate.start, tz))
            else:
                counts.duplicates += 1
            return
        start = activity.start
        if not activity.start_known:
            if entered_start is None:
                counts.skipped += 1
                counts.start_unknown_days.append(day)
                counts.skipped_details.append(f"{day:%Y-%m-%d}: no start time")
                return
            start = datetime.combine(entered_start.day or day, entered_start.time, tzinfo=tz)
        duration = activity.duration_s or duration_fallback_s
        if not duration:
            counts.skipped += 1
            counts.skipped_details.append(f"{start:%Y-%m-%d %H:%M}: no duration")
            return
        session = Session(
            athlete=athlete,
            start=start,
            kind=activity.kind,
            surface=activity.surface_hint,
            duration_s=duration,
            distance_m=activity.distance_m if activity.kind != Kind.STRENGTH else None,
            elevation_gain_m=activity.elevation_gain_m,
            backward_s=0,
            source=activity.source,
            external_id=activity.external_id,
            notes=activity.name,
            track=tracks.track_to_store(activity.track),
            start_entered=not activity.start_known,
        )
        session.load, session.rpe_estimated = load.session_load(
            duration_s=duration, rpe=None, default_rpe=rules.default_rpe
        )
        to_create.append(session)
        position = bisect.bisect_left(starts, start)
        starts.insert(position, start)
        rows.insert(position, session)
        counts.added += 1
        touched.append(_local_day(start, tz))

    for index, activity in enumerate(pending, start=1):
        import_one(activity)
        if progress is not None and index % batch_size == 0:
            progress(index)
    Session.objects.bulk_create(to_create, batch_size=batch_size)
    if to_update:
        Session.objects.bulk_update(
            to_update,
            [
                "distance_m",
                "elevation_gain_m",
                "surface",
                "track",
                "start",
                "duration_s",
                "load",
                "rpe_estimated",
                "start_entered",
            ],
            batch_size=batch_size,
        )
    if touched:
        warnings_recompute(athlete=athlete, first_day=min(touched), last_day=max(touched))
    if progress is not None:
        progress(len(pending))
    return counts


# Account ------------------------------------------------------------------------------


@transaction.atomic
def account_delete(*, user: User) -> None:
    """Delete a user with everything that is theirs (sessions, warnings, imports, profile,
    what other apps registered as theirs, their cached pages). Coaches' athletes keep their
    own data; they just lose the coach, whose pages stop showing the runner."""
    for job in user.import_jobs.all():
        job.upload.delete(save=False)
    from accounts.erasure import erasers_run
    from accounts.services import account_traces_delete
    from logbook.page_cache import pages_forget

    version_bump(athlete_id=user.pk)  # the coach's pages list this runner
    erasers_run(user=user)
    transaction.on_commit(partial(pages_forget, user_id=user.pk))

    account_traces_delete(
        user=user,
        owned={
            AthleteProfile: list(
                AthleteProfile.objects.filter(user=user).values_list("pk", flat=True)
            ),
            Session: list(user.sessions.values_list("pk", flat=True)),
            ImportJob: list(user.import_jobs.values_list("pk", flat=True)),
        },
    )
    user.delete()
