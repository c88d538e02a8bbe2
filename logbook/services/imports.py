"""Activities from files (logbook/imports/ reads them into plain values) become sessions,
without logging one session twice: what counts as the same session is decided here."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo

from django.db import transaction

from accounts.models import User
from logbook import load, tracks
from logbook.imports import ImportedActivity
from logbook.models import Kind, Session
from logbook.services.common import local_day, local_midnight, thresholds
from logbook.services.warnings import warnings_recompute

# A session whose start lies within this of another of the same kind is the same session.
DUPLICATE_WINDOW = timedelta(seconds=60)
# A file whose times cover only part of its track has no start time to match by: it is the
# same session as one of the same kind on the same local day whose distance is this close.
SAME_DAY_DISTANCE_SHARE = 0.02
SAME_DAY_DISTANCE_MIN_M = 50

# The fields an import may change of a session already logged.
_UPDATED_FIELDS = [
    "distance_m",
    "elevation_gain_m",
    "surface",
    "track",
    "start",
    "duration_s",
    "load",
    "rpe_estimated",
    "start_entered",
]

# Sessions already logged of one kind, sorted by start: (their starts, the sessions).
_ByStart = tuple[list[datetime], list[Session]]


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
    lo = bisect.bisect_left(starts, local_midnight(day, tz))
    hi = bisect.bisect_left(starts, local_midnight(day + timedelta(days=1), tz))
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


def _sessions_near(*, athlete: User, pending: list[ImportedActivity]) -> dict[str, _ByStart]:
    """The runner's sessions around the files' times, by kind: a whole day either side,
    for the matches by local day."""
    earliest = min(a.start for a in pending) - timedelta(days=1)
    latest = max(a.start for a in pending) + timedelta(days=1)
    existing: dict[str, _ByStart] = {}
    for kind in Kind.values:
        rows = list(
            Session.objects.filter(
                athlete=athlete, kind=kind, start__gte=earliest, start__lte=latest
            ).order_by("start")
        )
        existing[kind] = ([s.start for s in rows], rows)
    return existing


def _insert_by_start(by_start: _ByStart, session: Session) -> None:
    starts, rows = by_start
    position = bisect.bisect_left(starts, session.start)
    starts.insert(position, session.start)
    rows.insert(position, session)


@dataclass
class _ImportRun:
    """One call of sessions_import: the sessions already logged near the files' times, and
    what the files add, update and touch (local days whose warnings are recomputed)."""

    athlete: User
    tz: tzinfo
    rules: load.Thresholds
    existing: dict[str, _ByStart]
    entered_start: EnteredStart | None
    duration_fallback_s: int | None
    counts: ImportCounts = field(default_factory=ImportCounts)
    to_create: list[Session] = field(default_factory=list)
    to_update: list[Session] = field(default_factory=list)
    touched: list[date] = field(default_factory=list)

    def import_one(self, activity: ImportedActivity) -> None:
        day = local_day(activity.start, self.tz)
        duplicate = self._same_session(activity, day)
        if duplicate is not None:
            self._merge(duplicate, activity)
            return
        start = self._start(activity, day)
        if start is not None:
            self._add(activity, start)

    def _same_session(self, activity: ImportedActivity, day: date) -> Session | None:
        """The session already logged (or added by this import) that the file records: by
        start within a minute, else by day and distance (see sessions_import)."""
        starts, rows = self.existing[activity.kind]
        tz = self.tz
        if not activity.start_known:
            duplicate = _find_same_day(
                starts, rows, day=day, tz=tz, distance_m=activity.distance_m, entered_only=False
            )
            if duplicate is not None:
                self.counts.same_by_day.append(duplicate)
            return duplicate
        duplicate = _find_duplicate(starts, rows, activity.start)
        if duplicate is None:
            duplicate = _find_same_day(
                starts, rows, day=day, tz=tz, distance_m=activity.distance_m, entered_only=True
            )
            if duplicate is not None:
                self.counts.retimed.append(duplicate)
                self.touched.append(local_day(duplicate.start, tz))
                position = rows.index(duplicate)
                del starts[position], rows[position]
                _take_recorded_start(duplicate, activity, self.rules)
                _insert_by_start((starts, rows), duplicate)
        return duplicate

    def _merge(self, duplicate: Session, activity: ImportedActivity) -> None:
        if _fill_missing(duplicate, activity) or duplicate in self.counts.retimed:
            self.counts.updated += 1
            if duplicate.pk is not None:
                self.to_update.append(duplicate)
            self.touched.append(local_day(duplicate.start, self.tz))
        else:
            self.counts.duplicates += 1

    def _start(self, activity: ImportedActivity, day: date) -> datetime | None:
        """The file's start, or the one the runner entered for a file without it; None (the
        file skipped) when there is neither."""
        if activity.start_known:
            return activity.start
        if self.entered_start is None:
            self.counts.skipped += 1
            self.counts.start_unknown_days.append(day)
            self.counts.skipped_details.append(f"{day:%Y-%m-%d}: no start time")
            return None
        return datetime.combine(
            self.entered_start.day or day, self.entered_start.time, tzinfo=self.tz
        )

    def _add(self, activity: ImportedActivity, start: datetime) -> None:
        duration = activity.duration_s or self.duration_fallback_s
        if not duration:
            self.counts.skipped += 1
            self.counts.skipped_details.append(f"{start:%Y-%m-%d %H:%M}: no duration")
            return
        session = Session(
            athlete=self.athlete,
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
            duration_s=duration, rpe=None, default_rpe=self.rules.default_rpe
        )
        self.to_create.append(session)
        _insert_by_start(self.existing[activity.kind], session)
        self.counts.added += 1
        self.touched.append(local_day(start, self.tz))


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
    pending = list(activities)
    if not pending:
        return ImportCounts()
    rules = thresholds()
    tz = athlete.profile.tz
    run = _ImportRun(
        athlete=athlete,
        tz=tz,
        rules=rules,
        existing=_sessions_near(athlete=athlete, pending=pending),
        entered_start=entered_start,
        duration_fallback_s=duration_fallback_s,
    )
    for index, activity in enumerate(pending, start=1):
        run.import_one(activity)
        if progress is not None and index % batch_size == 0:
            progress(index)
    Session.objects.bulk_create(run.to_create, batch_size=batch_size)
    if run.to_update:
        Session.objects.bulk_update(run.to_update, _UPDATED_FIELDS, batch_size=batch_size)
    if run.touched:
        warnings_recompute(athlete=athlete, first_day=min(run.touched), last_day=max(run.touched))
    if progress is not None:
        progress(len(pending))
    return run.counts
