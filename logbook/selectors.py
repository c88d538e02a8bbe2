"""Reads of the training log that several pages and e-mails share.

`next_steps` is the one place that turns a runner's recent ISO weeks into the next step of
each progression they are on (exercises.progressions, DOMAIN.md section 3): the dashboard's
next-steps block, the weekly reminder and the coach's page all show its answer.
`recent_training_for` reads a whole batch of runners in a fixed number of queries (four),
so the weekly reminder costs the same per chunk however many runners or sessions it holds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from django.db.models import Count, OuterRef, Q, Subquery

from accounts.hip_levels import LevelChange, hip_level_changes_since, level_throughout
from accounts.models import User
from exercises import progressions
from exercises.models import Category
from logbook import dashboard, load
from logbook.models import OFF_ROAD_SURFACES, Kind, Session, SessionExercise, TrainingWarning
from logbook.services.common import thresholds
from logbook.services.facts import SESSION_FACT_FIELDS, session_facts

# Completed ISO weeks read for the progressions: the hip gate needs three in a row, and a
# longer look back cannot change any suggestion. Five weeks also hold the long run's 30 days.
WEEKS_BACK = 5
# The long-run cap looks at the runs of this many local days up to today.
LONG_RUN_DAYS = 30


@dataclass
class RecentTraining:
    """One runner's sessions of the last few ISO weeks, summed the ways the e-mails and
    the dashboard need them."""

    today: date
    hip_level: int
    days: dict[date, dashboard.DayFigures] = field(default_factory=dict)
    weeks: list[progressions.WeekFacts] = field(default_factory=list)
    ran_backward: bool = False
    walked_backward: bool = False
    ran_off_road: bool = False

    def week(self, monday: date) -> dashboard.WeekFigures:
        return dashboard.week_figures(self.days, monday)

    def long_run(self) -> progressions.Suggestion:
        """The next long run's cap: the one figure the dashboard shows too."""
        found = dashboard.long_run_cap(self.days, today=self.today)
        return progressions.long_run_suggestion(
            found.longest_m, base_m=found.base_m, cap_m=found.cap_m
        )


def _cap_days_back() -> int:
    return load.long_run_cap_days_back(thresholds())


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


@dataclass
class _WeekSums:
    hip_sessions: int = 0
    max_pain: int | None = None
    backward_walk_s: int = 0
    backward_run_s: int = 0
    longest_backward_walk_s: int = 0
    off_road_runs: int = 0
    hardest_surface_step: int | None = None
    alarms: int = 0


@dataclass
class _DaySums:
    sessions: int = 0
    load: float = 0.0
    duration_s: int = 0
    runs: int = 0
    run_m: int = 0
    walks: int = 0
    walk_m: int = 0
    backward_s: int = 0
    hip_sessions: int = 0


def recent_training_for(*, athletes: Sequence[User], today: date) -> dict[int, RecentTraining]:
    """The recent training of each athlete (profiles loaded), keyed by user id.

    `today` is the local day the answer is for; the weeks read are the WEEKS_BACK complete
    ISO weeks before today's week, and today's week so far."""
    if not athletes:
        return {}
    first_monday = _monday(today) - timedelta(weeks=WEEKS_BACK)
    end = _monday(today) + timedelta(days=7)
    # One window for the whole batch, wide enough for every zone; each runner's own local
    # days are cut out below.
    # The long-run cap reads the runs of the 30 days up to today and the spike rule's window
    # before those (logbook.load.spike.long_runs_by_day).
    first_day = min(first_monday, today - timedelta(days=LONG_RUN_DAYS - 1 + _cap_days_back()))
    earliest = datetime.combine(first_day - timedelta(days=1), time.min, tzinfo=UTC)
    latest = datetime.combine(end + timedelta(days=1), time.min, tzinfo=UTC)
    ids = [a.pk for a in athletes]
    sessions = _sessions_with_alarms(ids, earliest, latest)
    alarms: dict[int, int] = {s.pk: s.alarm_count for s in sessions if s.alarm_count}
    hip_levels = _hip_levels(sessions)

    # The hip gate counts a week at the level the runner was on all that week: the level
    # before the window follows from the changes after its start and today's level.
    level_changes = hip_level_changes_since(athlete_ids=ids, since=earliest)

    by_athlete: dict[int, list[Session]] = defaultdict(list)
    for session in sessions:
        by_athlete[session.athlete_id].append(session)
    return {
        athlete.pk: _summarise(
            athlete,
            by_athlete[athlete.pk],
            _Extras(hip_levels, alarms, level_changes.get(athlete.pk, [])),
            today,
            first_monday,
            end,
        )
        for athlete in athletes
    }


def _sessions_with_alarms(ids: list[int], earliest: datetime, latest: datetime) -> list[Any]:
    """The athletes' sessions in the window, oldest first, each with its `alarm_count`
    counted in the same read (a subquery per row)."""
    alarm_count = (
        TrainingWarning.objects.filter(session=OuterRef("pk"), rule__in=load.ALARM_RULES)
        .order_by()
        .values("session")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return list(
        Session.objects.filter(athlete_id__in=ids, start__gte=earliest, start__lt=latest)
        .only(*SESSION_FACT_FIELDS, "athlete_id", "surface")
        .annotate(alarm_count=Subquery(alarm_count))
        .order_by("start")
    )


def _hip_levels(sessions: list[Session]) -> dict[int, set[int]]:
    """Session id -> the hip programme's levels among its exercises. They count for
    strength and mobility sessions only (runs and walks hold no exercises of the
    programme): no read when the window has none."""
    strength_ids = [s.pk for s in sessions if s.kind not in (Kind.RUN, Kind.WALK)]
    levels: dict[int, set[int]] = defaultdict(set)
    if not strength_ids:
        return levels
    hip = Q(exercise__category=Category.HIP) | Q(exercise__secondary_category=Category.HIP)
    for session_id, level in SessionExercise.objects.filter(
        hip, session_id__in=strength_ids
    ).values_list("session_id", "exercise__level"):
        if level is not None:
            levels[session_id].add(level)
    return levels


@dataclass(frozen=True)
class _Extras:
    hip_levels: dict[int, set[int]]  # session id -> hip levels of its exercises
    alarms: dict[int, int]  # session id -> alarms
    level_changes: list[LevelChange]  # this runner's, oldest first


def _week_levels(
    changes: list[LevelChange], *, current_level: int, first_monday: date, end: date, tz: tzinfo
) -> dict[date, int | None]:
    """The hip level of each ISO week from first_monday to end, None for a week in which
    it changed (a week at two levels is not a week at either)."""
    levels: dict[date, int | None] = {}
    monday = first_monday
    while monday < end:
        start = datetime.combine(monday, time.min, tzinfo=tz)
        levels[monday] = level_throughout(
            start,
            datetime.combine(monday + timedelta(days=7), time.min, tzinfo=tz),
            changes=changes,
            current_level=current_level,
        )
        monday += timedelta(days=7)
    return levels


def _add_run(s: Session, d: _DaySums, w: _WeekSums, recent: RecentTraining) -> None:
    d.runs += 1
    d.run_m += s.distance_m or 0
    d.backward_s += s.backward_s
    w.backward_run_s += s.backward_s
    recent.ran_backward |= s.backward_s > 0
    if s.surface in OFF_ROAD_SURFACES:
        recent.ran_off_road = True
        w.off_road_runs += 1
        step = progressions.SURFACE_STEPS.get(s.surface)
        if step is not None:
            w.hardest_surface_step = max(w.hardest_surface_step or 0, step)


def _add_walk(s: Session, d: _DaySums, w: _WeekSums, recent: RecentTraining) -> None:
    d.walks += 1
    d.walk_m += s.distance_m or 0
    d.backward_s += s.backward_s
    w.backward_walk_s += s.backward_s
    w.longest_backward_walk_s = max(w.longest_backward_walk_s, s.backward_s)
    recent.walked_backward |= s.backward_s > 0


def _sums(
    sessions: list[Session],
    extras: _Extras,
    recent: RecentTraining,
    *,
    week_levels: dict[date, int | None],
    tz: tzinfo,
    first_monday: date,
    end: date,
) -> tuple[dict[date, _DaySums], dict[date, _WeekSums]]:
    """The sessions from first_monday to end summed per local day and per ISO week."""
    level = recent.hip_level
    hip_levels, alarms = extras.hip_levels, extras.alarms
    days: dict[date, _DaySums] = defaultdict(_DaySums)
    weeks: dict[date, _WeekSums] = defaultdict(_WeekSums)
    for s in sessions:
        day = load.local_day(s.start, tz)
        if not first_monday <= day < end:
            continue
        d = days[day]
        w = weeks[_monday(day)]
        d.sessions += 1
        d.load += s.load
        d.duration_s += s.duration_s
        if s.pain is not None:
            w.max_pain = max(w.max_pain or 0, s.pain)
        w.alarms += alarms.get(s.pk, 0)
        if s.kind == Kind.RUN:
            _add_run(s, d, w, recent)
        elif s.kind == Kind.WALK:
            _add_walk(s, d, w, recent)
        else:
            held = hip_levels.get(s.pk, ())
            if level in held:
                d.hip_sessions += 1  # today's level: the dashboard's count
            week_level = week_levels[_monday(day)]
            if week_level is not None and week_level in held:
                w.hip_sessions += 1  # the level of that week: the hip gate's count
    return days, weeks


def _day_figures(
    days: dict[date, _DaySums], long_runs: dict[date, tuple[int, int]]
) -> dict[date, dashboard.DayFigures]:
    return {
        day: dashboard.DayFigures(
            day=day,
            sessions=d.sessions,
            load=round(d.load, 1),
            duration_s=d.duration_s,
            runs=d.runs,
            run_m=d.run_m,
            walks=d.walks,
            walk_m=d.walk_m,
            backward_s=d.backward_s,
            longest_forward_run_m=long_runs[day][0] if day in long_runs else None,
            long_run_base_m=long_runs[day][1] if day in long_runs else None,
            hip_sessions=d.hip_sessions,
        )
        for day, d in days.items()
    }


def _week_facts(
    weeks: dict[date, _WeekSums],
    week_levels: dict[date, int | None],
    *,
    first_monday: date,
    end: date,
    today: date,
) -> list[progressions.WeekFacts]:
    facts: list[progressions.WeekFacts] = []
    monday = first_monday
    while monday < end:
        w = weeks.get(monday, _WeekSums())
        year, number, _ = monday.isocalendar()
        facts.append(
            progressions.WeekFacts(
                iso_year=year,
                iso_week=number,
                hip_sessions=w.hip_sessions,
                max_pain=w.max_pain,
                backward_walk_min=w.backward_walk_s / 60,
                backward_run_min=w.backward_run_s / 60,
                off_road_runs=w.off_road_runs,
                hardest_surface_step=w.hardest_surface_step,
                alarms=w.alarms,
                complete=monday + timedelta(days=7) <= today,
                longest_backward_walk_min=w.longest_backward_walk_s / 60,
                # The level the runner was on all that week (from the history of level
                # changes); None when it changed that week, so the week never counts.
                hip_level=week_levels[monday],
            )
        )
        monday += timedelta(days=7)
    return facts


def _summarise(
    athlete: User,
    sessions: list[Session],
    extras: _Extras,
    today: date,
    first_monday: date,
    end: date,
) -> RecentTraining:
    profile = athlete.profile
    tz = profile.tz
    level = profile.hip_level
    week_levels = _week_levels(
        extras.level_changes, current_level=level, first_monday=first_monday, end=end, tz=tz
    )
    recent = RecentTraining(today=today, hip_level=level)
    days, weeks = _sums(
        sessions,
        extras,
        recent,
        week_levels=week_levels,
        tz=tz,
        first_monday=first_monday,
        end=end,
    )

    rules = thresholds()
    long_runs = load.long_runs_by_day(
        [session_facts(s) for s in sessions if s.kind == Kind.RUN],
        first_day=today - timedelta(days=LONG_RUN_DAYS - 1),
        last_day=today,
        tz=tz,
        thresholds=rules,
    )
    recent.days = _day_figures(days, long_runs)
    recent.weeks = _week_facts(weeks, week_levels, first_monday=first_monday, end=end, today=today)
    return recent


def steps_from(recent: RecentTraining) -> list[progressions.Suggestion]:
    """The next step of each progression the runner is on: the hip programme always,
    retro walking, retro running and trail once the runner has done some."""
    steps = [progressions.hip_suggestion(recent.weeks, current_level=recent.hip_level)]
    if recent.walked_backward:
        steps.append(progressions.retro_suggestion(recent.weeks, kind="walk"))
    if recent.ran_backward:
        steps.append(progressions.retro_suggestion(recent.weeks, kind="run"))
    if recent.ran_off_road:
        steps.append(progressions.trail_suggestion(recent.weeks))
    return steps


def next_steps(*, athlete: User, today: date) -> list[progressions.Suggestion]:
    """The next step of each progression `athlete` is on, as of the local day `today`."""
    return steps_from(recent_training_for(athletes=[athlete], today=today)[athlete.pk])
