"""Per-day load and the fitness series, kept so that no page reads the whole history.

`day_loads_refresh` is called by every write of sessions (through
`services.warnings_recompute`, which logging, editing, deleting, importing and a change
of time zone all end with) with the first local day the write touched: it rebuilds the
runner's `DayLoad` rows from that day on, going on from the fitness and fatigue stored
for the day before. A write of today costs a row or two; a back-dated one the days since.

`fitness_panel` reads the rows of the days its chart shows (and the first day), and
carries the series on over the rest days up to today: the dashboard and the coach's
athlete page cost the same for 60 days or 10 years of history.

The rules never read these rows: they keep reading exact session values (logbook.load).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from django.db import connection
from django.db.models import Count, Subquery, Sum
from django.db.models.functions import TruncDate

from accounts.models import User
from logbook.load.fitness import FATIGUE_DAYS, FITNESS_DAYS, fitness_steps
from logbook.models import DayLoad, Session


def _local_midnight(day: date, tz: tzinfo) -> datetime:
    return datetime.combine(day, time.min, tzinfo=tz)


def _session_days_from(
    *, athlete: User, first_day: date, tz: tzinfo, last_day: date | None = None
) -> dict[date, tuple[int, float]]:
    """(sessions, load) of each local day from `first_day` on (to `last_day`) that holds a
    session."""
    sessions = Session.objects.filter(athlete=athlete, start__gte=_local_midnight(first_day, tz))
    if last_day is not None:
        sessions = sessions.filter(start__lt=_local_midnight(last_day + timedelta(days=1), tz))
    rows = (
        sessions.annotate(local_day=TruncDate("start", tzinfo=tz))
        .values("local_day")
        .annotate(sessions=Count("pk"), total=Sum("load"))
        .order_by("local_day")
    )
    # Stored loads carry one decimal; rounding the sums removes float noise.
    return {r["local_day"]: (r["sessions"], round(r["total"] or 0.0, 1)) for r in rows}


# The model's step per day (logbook.load.fitness): a change of one day's load by x moves
# that day's value by x * step and each later day's by x * step * (1 - step) ** days.
_FITNESS_STEP = 1 - math.exp(-1 / FITNESS_DAYS)
_FATIGUE_STEP = 1 - math.exp(-1 / FATIGUE_DAYS)
_SHIFT_SQL = {
    "postgresql": "day - %s",
    "sqlite": "CAST(julianday(day) - julianday(%s) AS INTEGER)",
}


def _one_day_changed(*, athlete: User, day: date, tz: tzinfo, kept: tuple[date, date]) -> bool:
    """The load of one day inside the kept range `kept` (first and last kept day) changed
    (a session logged, edited or deleted on a day between the first and the last): that day
    and the days after it move by the decaying change in one UPDATE, however far back the
    day lies. False when the day is not strictly inside the range (the range itself
    changes: rebuilt instead)."""
    vendor = connection.vendor
    if vendor not in _SHIFT_SQL or not kept[0] < day < kept[1]:
        return False
    sessions, new_load = _session_days_from(
        athlete=athlete, first_day=day, tz=tz, last_day=day
    ).get(day, (0, 0.0))
    stored = DayLoad.objects.filter(athlete=athlete, day=day).values_list("load", flat=True)
    change = new_load - stored[0]
    shift = _SHIFT_SQL[vendor]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {DayLoad._meta.db_table} SET "  # noqa: S608 (constants only)
            f"fitness = fitness + %s * power(%s, {shift}), "
            f"fatigue = fatigue + %s * power(%s, {shift}), "
            "load = CASE WHEN day = %s THEN %s ELSE load END, "
            "sessions = CASE WHEN day = %s THEN %s ELSE sessions END "
            "WHERE athlete_id = %s AND day >= %s",
            [
                change * _FITNESS_STEP,
                1 - _FITNESS_STEP,
                day,
                change * _FATIGUE_STEP,
                1 - _FATIGUE_STEP,
                day,
                day,
                new_load,
                day,
                sessions,
                athlete.pk,
                day,
            ],
        )
    return True


def _newest_kept(athlete: User) -> tuple[DayLoad, date] | None:
    """The runner's newest kept day and their first kept day, in one query."""
    first = DayLoad.objects.filter(athlete=athlete).order_by("day").values("day")[:1]
    newest = (
        DayLoad.objects.filter(athlete=athlete)
        .annotate(first_kept=Subquery(first))
        .order_by("-day")
        .first()
    )
    return None if newest is None else (newest, newest.first_kept)


def day_loads_refresh(*, athlete: User, first_day: date, last_day: date | None = None) -> None:
    """Keep the runner's days right after a write that changed the local days
    [first_day, last_day] (in the runner's current zone): one day inside the kept range
    is moved in place; a write after the newest kept day (a session logged today, the
    usual write) goes on from it; anything else is rebuilt from first_day on."""
    tz = athlete.profile.tz
    kept = _newest_kept(athlete)
    if (
        kept is not None
        and first_day == last_day
        and _one_day_changed(athlete=athlete, day=first_day, tz=tz, kept=(kept[1], kept[0].day))
    ):
        return
    if kept is not None and first_day > kept[0].day:
        before: DayLoad | None = kept[0]  # nothing kept from first_day on
    else:
        DayLoad.objects.filter(athlete=athlete, day__gte=first_day).delete()
        before = DayLoad.objects.filter(athlete=athlete).order_by("-day").first()
    days = _session_days_from(athlete=athlete, first_day=first_day, tz=tz)
    if not days:
        # Nothing from first_day on: the series ends with the last session day before it.
        if before is not None and before.sessions == 0:
            last = (
                DayLoad.objects.filter(athlete=athlete, sessions__gt=0)
                .order_by("-day")
                .values_list("day", flat=True)
                .first()
            )
            rest = DayLoad.objects.filter(athlete=athlete)
            (rest.filter(day__gt=last) if last is not None else rest).delete()
        return
    if before is None:
        states = fitness_steps(
            {d: v[1] for d, v in days.items()}, first_day=min(days), last_day=max(days)
        )
    else:
        states = fitness_steps(
            {d: v[1] for d, v in days.items()},
            first_day=before.day + timedelta(days=1),
            last_day=max(days),
            fitness=before.fitness,
            fatigue=before.fatigue,
        )
    DayLoad.objects.bulk_create(
        DayLoad(
            athlete=athlete,
            day=s.day,
            sessions=days.get(s.day, (0, 0.0))[0],
            load=s.load,
            fitness=s.fitness,
            fatigue=s.fatigue,
        )
        for s in states
    )


# The fitness chart's days; the load chart's 55 days fall within them.
CHART_DAYS = 90


@dataclass(frozen=True)
class KeptDay:
    day: date
    sessions: int
    load: float
    fitness: float
    fatigue: float


@dataclass(frozen=True)
class KeptDays:
    """The kept days up to today that the dashboard's charts read, oldest first."""

    days: list[KeptDay]
    first_day: date | None  # the runner's first session day

    @property
    def loads(self) -> dict[date, float]:
        return {k.day: k.load for k in self.days if k.sessions}


def kept_days(*, athlete: User, today: date) -> KeptDays:
    """The last CHART_DAYS + 1 kept days up to today (the day before the chart carries the
    series into it), each with the runner's first session day: one query."""
    first_day = DayLoad.objects.filter(athlete=athlete).order_by("day").values("day")[:1]
    rows = list(
        DayLoad.objects.filter(athlete=athlete, day__lte=today)
        .annotate(first_day=Subquery(first_day))
        .order_by("-day")
        .values_list("day", "sessions", "load", "fitness", "fatigue", "first_day")[: CHART_DAYS + 1]
    )
    rows.reverse()
    return KeptDays(
        days=[KeptDay(*row[:5]) for row in rows], first_day=rows[0][5] if rows else None
    )
