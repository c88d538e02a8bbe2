"""The figures on a runner's dashboard, from a fixed handful of queries.

However long the history, the dashboard reads three things: one aggregate of the sessions
of the last 55 local days grouped by day (the weeks, the chart, the longest run, backward
minutes and hip sessions are all added up in Python from those at most 62 rows), the open
warnings of the last 30 days, and a count of the sessions still to rate. Day and week
boundaries are the runner's own (profile.tz); weeks are ISO weeks, Monday to Sunday.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _

from accounts.models import User
from exercises import progressions
from logbook import day_loads, labels, load
from logbook.fitness import FitnessPanel, fitness_panel
from logbook.models import Session, TrainingWarning, WarningView
from logbook.services.common import thresholds

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
            "labels": labels.date_labels(self.days, "MONTH_DAY_FORMAT"),
            "days": [day.isoformat() for day in self.days],
            "yLabel": _("Load (RPE x minutes)"),
            "daily": {"label": _("Daily load"), "data": self.daily},
            "average7": {"label": _("7-day average"), "data": self.average_7d},
            "average28": {"label": _("28-day average"), "data": self.average_28d},
        }

    @property
    def rows(self) -> list[tuple[str, str, str, str]]:
        """The chart as table rows, most recent first (for screen readers and no-JS): the
        day, its load and the two averages as shown."""
        return list(
            reversed(
                list(
                    zip(
                        labels.date_labels(self.days, "DATE_FORMAT"),
                        labels.number_texts(self.daily, 0),
                        labels.number_texts(self.average_7d, 1),
                        labels.number_texts(self.average_28d, 1),
                        strict=True,
                    )
                )
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
    next_steps: list[progressions.Suggestion] = field(default_factory=list)
    fitness: FitnessPanel | None = None
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
        """The recent open warnings after the newest alarm, in attention order."""
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


# What other apps add to the dashboard's context (coaching: the plan of this week, the
# coach's notes), registered in their AppConfig.ready(): read by the view, never by the
# template. Each gets the request, the runner and their local day.
DashboardPart = Callable[[HttpRequest, User, date], dict[str, Any]]
DASHBOARD_PARTS: list[DashboardPart] = []


def dashboard_part_register(part: DashboardPart) -> None:
    if part not in DASHBOARD_PARTS:
        DASHBOARD_PARTS.append(part)


def dashboard_parts(request: HttpRequest, *, athlete: User, today: date) -> dict[str, Any]:
    context: dict[str, Any] = {}
    for part in DASHBOARD_PARTS:
        context.update(part(request, athlete, today))
    return context


def dashboard_build(*, athlete: User, now: datetime) -> Dashboard:
    """The figures from one read of the recent weeks (selectors.recent_training_for, which
    the next steps read too) and the kept days of the charts (logbook/day_loads.py)."""
    from logbook import selectors  # selectors builds on this module's day figures

    profile = athlete.profile
    today = load.local_day(now, profile.tz)
    monday = today - timedelta(days=today.weekday())
    recent = selectors.recent_training_for(athletes=[athlete], today=today)[athlete.pk]
    kept = day_loads.kept_days(athlete=athlete, today=today)
    weeks = [recent.week(monday - timedelta(weeks=n)) for n in range(BACKWARD_WEEKS)]
    long_run = long_run_cap(recent.days, today=today)
    return Dashboard(
        today=today,
        this_week=weeks[0],
        last_week=weeks[1],
        load_chart=load_chart(kept.loads, today=today),
        longest_run_30d_m=long_run.longest_m,
        next_long_run_cap_m=long_run.cap_m,
        long_run_base_m=long_run.base_m,
        backward_weeks=weeks,
        hip_level=profile.hip_level,
        hip_sessions_this_week=weeks[0].hip_sessions,
        sessions_to_rate=Session.objects.filter(athlete=athlete, rpe_estimated=True).count(),
        open_warnings=open_warnings(athlete=athlete, today=today),
        next_steps=selectors.steps_from(recent),
        fitness=fitness_panel(kept, today=today),
    )


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
    only serve as history and get no average of their own. Rest days count as 0.

    Loads carry one decimal: the sums run in whole tenths, and each mean is rounded half
    up to one decimal in integers (no float noise, no Fraction)."""
    tenths = [round(v * 10) for v in values]
    result = []
    total = sum(tenths[: window - 1])
    for i in range(window - 1, len(tenths)):
        total += tenths[i]
        # total / window tenths, rounded half up (loads are never negative).
        result.append(((2 * total + window) // (2 * window)) / 10)
        total -= tenths[i - window + 1]
    return result


def load_chart(loads: Mapping[date, float], *, today: date) -> LoadChart:
    history = _days(today - timedelta(days=HISTORY_DAYS - 1), HISTORY_DAYS)
    daily = [loads.get(d, 0.0) for d in history]
    average_7d = rolling_average(daily, SHORT_AVERAGE_DAYS)
    average_28d = rolling_average(daily, LONG_AVERAGE_DAYS)
    return LoadChart(
        days=history[-CHART_DAYS:],
        daily=daily[-CHART_DAYS:],
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
        thresholds=thresholds(),
    )


def long_run_cap_m(days: dict[date, DayFigures], *, today: date) -> tuple[int | None, int | None]:
    """(longest forward run of the 30 local days up to today, the next long run's cap).

    The spike rule's own figures (logbook.load.spike), the same as its warning's advice.
    """
    found = long_run_cap(days, today=today)
    return found.longest_m, found.cap_m


def open_warnings(*, athlete: User, today: date) -> list[WarningView]:
    """Warnings not yet acknowledged of the last 30 days, in attention order, then newest."""
    stored = TrainingWarning.objects.filter(
        athlete=athlete,
        acknowledged_at__isnull=True,
        day__gte=today - timedelta(days=WARNING_DAYS - 1),
    ).order_by("risk_rank", "-day", "pk")
    return [w.view() for w in stored]
