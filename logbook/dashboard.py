"""The figures on a runner's dashboard, from a fixed handful of queries.

However long the history, the dashboard reads three things: one aggregate of the sessions
of the last 55 local days grouped by day (the weeks, the chart, the longest run, backward
minutes and hip sessions are all added up in Python from those at most 62 rows), the open
warnings of the last 30 days, and a count of the sessions still to rate. Day and week
boundaries are the runner's own (profile.tz); weeks are ISO weeks, Monday to Sunday.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import TruncDate
from django.utils import formats
from django.utils.translation import gettext as _

from accounts.models import User
from exercises.models import Category
from logbook import load, services
from logbook.models import Kind, Session, SessionExercise, TrainingWarning, WarningView

CHART_DAYS = 28
SHORT_AVERAGE_DAYS = 7
LONG_AVERAGE_DAYS = 28
# The first point of the 28-day average needs the 27 days before the chart.
HISTORY_DAYS = CHART_DAYS + LONG_AVERAGE_DAYS - 1
# Backward minutes of this ISO week and the weeks before it.
BACKWARD_WEEKS = 6
# DOMAIN.md section 3: the hip programme asks for two sessions a week.
HIP_SESSIONS_TARGET = 2
# Open warnings of this many local days, today included.
WARNING_DAYS = 30
# Open warnings shown in full; the rest fold away so the figures stay in reach on a phone.
WARNINGS_UNFOLDED = 3
# Open warnings of more than this many local days ago fold into a short history list.
RECENT_WARNING_DAYS = 14


@dataclass(frozen=True)
class DayFigures:
    """One local day's sessions, summed."""

    day: date
    sessions: int = 0
    load: float = 0.0
    duration_s: int = 0
    runs: int = 0
    run_m: int = 0
    walks: int = 0
    walk_m: int = 0
    backward_s: int = 0  # runs and walks, as the retro rule counts them
    longest_forward_run_m: int | None = None
    # What the day adds to the next long run's cap (logbook.load.spike.long_runs_by_day).
    long_run_base_m: int | None = None
    hip_sessions: int = 0


@dataclass(frozen=True)
class WeekFigures:
    first_day: date  # Monday
    sessions: int
    runs: int
    run_m: int
    walks: int
    walk_m: int
    duration_s: int
    load: float
    backward_s: int
    hip_sessions: int

    @property
    def last_day(self) -> date:
        return self.first_day + timedelta(days=6)

    @property
    def run_km(self) -> float:
        return self.run_m / 1000

    @property
    def walk_km(self) -> float:
        return self.walk_m / 1000

    @property
    def duration_text(self) -> str:
        """Hours and minutes as h:mm."""
        minutes = round(self.duration_s / 60)
        return f"{minutes // 60}:{minutes % 60:02d}"

    @property
    def backward_min(self) -> float:
        return _round1(Fraction(self.backward_s, 60))


@dataclass(frozen=True)
class LoadChart:
    """Daily load of the last 28 days with its 7- and 28-day rolling averages."""

    days: list[date]
    daily: list[float]
    average_7d: list[float]
    average_28d: list[float]

    def as_json(self) -> dict[str, Any]:
        """What static/js/dashboard-chart.js draws; every text already translated."""
        return {
            "labels": [formats.date_format(day, "MONTH_DAY_FORMAT") for day in self.days],
            "days": [day.isoformat() for day in self.days],
            "yLabel": _("Load (RPE x minutes)"),
            "daily": {"label": _("Daily load"), "data": self.daily},
            "average7": {"label": _("7-day average"), "data": self.average_7d},
            "average28": {"label": _("28-day average"), "data": self.average_28d},
        }

    @property
    def rows(self) -> list[tuple[date, float, float, float]]:
        """The chart as table rows, most recent first (for screen readers and no-JS)."""
        return list(
            reversed(
                list(zip(self.days, self.daily, self.average_7d, self.average_28d, strict=True))
            )
        )


@dataclass(frozen=True)
class Dashboard:
    today: date
    this_week: WeekFigures
    last_week: WeekFigures
    load_chart: LoadChart
    longest_run_30d_m: int | None
    next_long_run_cap_m: int | None
    # Shorter than the longest run when that run jumped past the spike rule's line.
    long_run_base_m: int | None
    backward_weeks: list[WeekFigures]  # this week first
    hip_level: int
    hip_sessions_this_week: int
    sessions_to_rate: int
    open_warnings: list[WarningView] = field(default_factory=list)
    hip_sessions_target: int = HIP_SESSIONS_TARGET
    warnings_unfolded: int = WARNINGS_UNFOLDED

    @property
    def longest_run_30d_km(self) -> float | None:
        return None if self.longest_run_30d_m is None else self.longest_run_30d_m / 1000

    @property
    def next_long_run_cap_km(self) -> float | None:
        """Rounded down to 100 m: a cap shown rounded up would invite a run over it."""
        if self.next_long_run_cap_m is None:
            return None
        return math.floor(self.next_long_run_cap_m / 100) / 10

    @property
    def long_run_base_km(self) -> float | None:
        """Shown only when a jump does not raise the cap: the run it jumped from."""
        if self.long_run_base_m is None or self.long_run_base_m == self.longest_run_30d_m:
            return None
        return self.long_run_base_m / 1000

    @property
    def newest_alarm(self) -> WarningView | None:
        """The newest open alarm (spike or pain) of the last 14 days: shown right after
        this week's figures, before anything else."""
        alarms = [w for w in self.recent_open_warnings if w.is_alarm]
        return max(alarms, key=lambda w: (w.day, w.pk), default=None)

    @property
    def recent_open_warnings(self) -> list[WarningView]:
        first_day = self.today - timedelta(days=RECENT_WARNING_DAYS - 1)
        return [w for w in self.open_warnings if w.day >= first_day]

    @property
    def other_recent_warnings(self) -> list[WarningView]:
        """The recent open warnings after the newest alarm, highest risk first."""
        newest = self.newest_alarm
        return [w for w in self.recent_open_warnings if newest is None or w.pk != newest.pk]

    @property
    def warning_history(self) -> list[WarningView]:
        """Open warnings older than 14 days (imported history), newest first."""
        first_day = self.today - timedelta(days=RECENT_WARNING_DAYS - 1)
        older = [w for w in self.open_warnings if w.day < first_day]
        return sorted(older, key=lambda w: (w.day, w.pk), reverse=True)

    @property
    def warnings_folded(self) -> int:
        return max(len(self.other_recent_warnings) - self.warnings_unfolded, 0)

    @property
    def hip_target_met(self) -> bool:
        return self.hip_sessions_this_week >= self.hip_sessions_target


def dashboard_build(*, athlete: User, now: datetime) -> Dashboard:
    profile = athlete.profile
    tz = profile.tz
    today = load.local_day(now, tz)
    monday = today - timedelta(days=today.weekday())
    first_day = today - timedelta(days=HISTORY_DAYS - 1)
    # The whole of this ISO week, so a session logged for later today (or this Sunday)
    # counts in the week; the chart stops at today.
    last_day = monday + timedelta(days=6)
    days = daily_figures(
        athlete=athlete, first_day=first_day, last_day=last_day, tz=tz, hip_level=profile.hip_level
    )
    weeks = [week_figures(days, monday - timedelta(weeks=n)) for n in range(BACKWARD_WEEKS)]
    long_run = long_run_cap(days, today=today)
    return Dashboard(
        today=today,
        this_week=weeks[0],
        last_week=weeks[1],
        load_chart=load_chart(days, today=today),
        longest_run_30d_m=long_run.longest_m,
        next_long_run_cap_m=long_run.cap_m,
        long_run_base_m=long_run.base_m,
        backward_weeks=weeks,
        hip_level=profile.hip_level,
        hip_sessions_this_week=weeks[0].hip_sessions,
        sessions_to_rate=Session.objects.filter(athlete=athlete, rpe_estimated=True).count(),
        open_warnings=open_warnings(athlete=athlete, today=today),
    )


def _local_midnight(day: date, tz: tzinfo) -> datetime:
    return datetime.combine(day, time.min, tzinfo=tz)


def daily_figures(
    *, athlete: User, first_day: date, last_day: date, tz: tzinfo, hip_level: int
) -> dict[date, DayFigures]:
    """Per-day sums of the runner's sessions on the local days [first_day, last_day]; days
    without a session are left out. One aggregate query, and one of the runs the spike rule
    needs for the long runs (which runs count as forward, and which jumped)."""
    hip_exercise_done = SessionExercise.objects.filter(
        Q(exercise__category=Category.HIP) | Q(exercise__secondary_category=Category.HIP),
        session=OuterRef("pk"),
        exercise__level=hip_level,
    )
    rows = (
        Session.objects.filter(
            athlete=athlete,
            start__gte=_local_midnight(first_day, tz),
            start__lt=_local_midnight(last_day + timedelta(days=1), tz),
        )
        .annotate(local_day=TruncDate("start", tzinfo=tz))
        .values("local_day")
        .annotate(
            sessions=Count("pk"),
            total_load=Sum("load"),
            total_duration_s=Sum("duration_s"),
            runs=Count("pk", filter=Q(kind=Kind.RUN)),
            run_m=Sum("distance_m", filter=Q(kind=Kind.RUN)),
            walks=Count("pk", filter=Q(kind=Kind.WALK)),
            walk_m=Sum("distance_m", filter=Q(kind=Kind.WALK)),
            backward_s_total=Sum("backward_s", filter=Q(kind__in=[Kind.RUN, Kind.WALK])),
            hip_sessions=Count("pk", filter=Q(kind=Kind.STRENGTH) & Q(Exists(hip_exercise_done))),
        )
        .order_by("local_day")
    )
    rules = services.thresholds()
    facts = services.session_facts_between(
        athlete=athlete,
        first_day=first_day - timedelta(days=load.long_run_cap_days_back(rules)),
        last_day=last_day,
        tz=tz,
        kinds=(Kind.RUN,),
    )
    long_runs = load.long_runs_by_day(
        facts, first_day=first_day, last_day=last_day, tz=tz, thresholds=rules
    )
    return {
        row["local_day"]: DayFigures(
            day=row["local_day"],
            sessions=row["sessions"],
            # Stored loads carry one decimal; rounding the sum removes float noise.
            load=round(row["total_load"] or 0.0, 1),
            duration_s=row["total_duration_s"] or 0,
            runs=row["runs"],
            run_m=row["run_m"] or 0,
            walks=row["walks"],
            walk_m=row["walk_m"] or 0,
            backward_s=row["backward_s_total"] or 0,
            longest_forward_run_m=long_runs[row["local_day"]][0]
            if row["local_day"] in long_runs
            else None,
            long_run_base_m=long_runs[row["local_day"]][1]
            if row["local_day"] in long_runs
            else None,
            hip_sessions=row["hip_sessions"],
        )
        for row in rows
    }


def _days(first_day: date, count: int) -> list[date]:
    return [first_day + timedelta(days=i) for i in range(count)]


def week_figures(days: dict[date, DayFigures], monday: date) -> WeekFigures:
    week = [days[d] for d in _days(monday, 7) if d in days]
    return WeekFigures(
        first_day=monday,
        sessions=sum(d.sessions for d in week),
        runs=sum(d.runs for d in week),
        run_m=sum(d.run_m for d in week),
        walks=sum(d.walks for d in week),
        walk_m=sum(d.walk_m for d in week),
        duration_s=sum(d.duration_s for d in week),
        load=round(sum(d.load for d in week), 1),
        backward_s=sum(d.backward_s for d in week),
        hip_sessions=sum(d.hip_sessions for d in week),
    )


def _round1(value: Fraction) -> float:
    """Rounded half up to one decimal, so hand-computed figures match exactly."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return float(exact.quantize(Decimal("0.1"), ROUND_HALF_UP))


def rolling_average(values: Sequence[float], window: int) -> list[float]:
    """Mean of each value and the `window` - 1 before it; the first `window` - 1 values
    only serve as history and get no average of their own. Rest days count as 0."""
    exact = [Fraction(str(v)) for v in values]
    return [
        _round1(sum(exact[i - window + 1 : i + 1], Fraction(0)) / window)
        for i in range(window - 1, len(exact))
    ]


def load_chart(days: dict[date, DayFigures], *, today: date) -> LoadChart:
    history = _days(today - timedelta(days=HISTORY_DAYS - 1), HISTORY_DAYS)
    loads = [days[d].load if d in days else 0.0 for d in history]
    average_7d = rolling_average(loads, SHORT_AVERAGE_DAYS)
    average_28d = rolling_average(loads, LONG_AVERAGE_DAYS)
    return LoadChart(
        days=history[-CHART_DAYS:],
        daily=loads[-CHART_DAYS:],
        average_7d=average_7d[-CHART_DAYS:],
        average_28d=average_28d[-CHART_DAYS:],
    )


def long_run_cap(days: dict[date, DayFigures], *, today: date) -> load.LongRunCap:
    """The spike rule's long-run cap (logbook.load.spike) from the day figures."""
    return load.long_run_cap_from_days(
        {
            day: (figures.longest_forward_run_m, figures.long_run_base_m)
            for day, figures in days.items()
            if figures.longest_forward_run_m is not None and figures.long_run_base_m is not None
        },
        today=today,
        thresholds=services.thresholds(),
    )


def long_run_cap_m(days: dict[date, DayFigures], *, today: date) -> tuple[int | None, int | None]:
    """(longest forward run of the 30 local days up to today, the next long run's cap).

    The spike rule's own figures (logbook.load.spike), the same as its warning's advice.
    """
    found = long_run_cap(days, today=today)
    return found.longest_m, found.cap_m


def open_warnings(*, athlete: User, today: date) -> list[WarningView]:
    """Warnings not yet acknowledged of the last 30 days, highest risk first, then newest."""
    stored = TrainingWarning.objects.filter(
        athlete=athlete,
        acknowledged_at__isnull=True,
        day__gte=today - timedelta(days=WARNING_DAYS - 1),
    ).order_by("risk_rank", "-day", "pk")
    return [w.view() for w in stored]
