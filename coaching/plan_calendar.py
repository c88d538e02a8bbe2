"""The plan calendar: an athlete's days, each with what was planned beside what was done,
for the coach's plan page in the admin and the runner's own plan page. This module is the
one place that builds it; both pages render it with coaching/_plan_calendar.html.

Our readings where the issue is silent:
- A day holds its planned sessions (each with its status, the session that fulfils it and
  the plan check's findings) and, apart, the sessions done that no planned session claims.
- A planned session's load is its target minutes x its target RPE (Foster), shown only
  when both are planned; the week's planned load adds up those.
- The week's "done" figures count every session of its local days, planned or not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from accounts.models import User
from coaching import plans, selectors
from coaching.models import PlannedSession
from coaching.selectors import PlanCheck, PlannedItem
from logbook import load
from logbook.load import LoadWarning
from logbook.models import Session

WEEK_DAYS = 7


@dataclass(frozen=True)
class CalendarEntry:
    """One planned session of a day, beside the session that fulfils it."""

    item: PlannedItem
    marks: tuple[LoadWarning, ...]  # the plan check's findings, empty when none

    @property
    def planned(self) -> PlannedSession:
        return self.item.planned

    @property
    def session(self) -> Session | None:
        return self.item.session

    @property
    def status(self) -> plans.Status:
        return self.item.status

    @property
    def planned_load(self) -> int | None:
        p = self.item.planned
        if not p.duration_s or not p.rpe:
            return None
        return round(p.duration_s / 60 * p.rpe)


@dataclass(frozen=True)
class Figures:
    """Minutes, metres and load of a set of sessions (planned or done)."""

    duration_s: int = 0
    distance_m: int = 0
    load: float = 0.0
    count: int = 0

    def __bool__(self) -> bool:
        return self.count > 0


@dataclass(frozen=True)
class CalendarDay:
    day: date
    today: date
    entries: tuple[CalendarEntry, ...]
    unplanned: tuple[Session, ...]  # done, claimed by no planned session of the day

    @property
    def is_today(self) -> bool:
        return self.day == self.today

    @property
    def is_past(self) -> bool:
        return self.day < self.today

    @property
    def is_empty(self) -> bool:
        return not self.entries and not self.unplanned


@dataclass(frozen=True)
class CalendarWeek:
    monday: date
    days: tuple[CalendarDay, ...]
    compliance: float | None

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=WEEK_DAYS - 1)

    @property
    def iso_week(self) -> int:
        return self.monday.isocalendar().week

    @property
    def compliance_pct(self) -> int | None:
        return plans.compliance_pct(self.compliance)

    @property
    def entries(self) -> list[CalendarEntry]:
        return [e for d in self.days for e in d.entries]

    @property
    def planned(self) -> Figures:
        entries = self.entries
        return Figures(
            duration_s=sum(e.planned.duration_s or 0 for e in entries),
            distance_m=sum(e.planned.distance_m or 0 for e in entries),
            load=float(sum(e.planned_load or 0 for e in entries)),
            count=len(entries),
        )

    @property
    def done(self) -> Figures:
        sessions = [
            s
            for d in self.days
            for s in (*(e.session for e in d.entries if e.session), *d.unplanned)
        ]
        return Figures(
            duration_s=sum(s.duration_s for s in sessions),
            distance_m=sum(s.distance_m or 0 for s in sessions),
            load=sum(s.load for s in sessions),
            count=len(sessions),
        )

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = dict.fromkeys(plans.STATUSES, 0)
        for entry in self.entries:
            counts[entry.status] += 1
        return counts


@dataclass(frozen=True)
class PlanCalendar:
    athlete: User
    today: date
    weeks: tuple[CalendarWeek, ...]
    checks: dict[int, PlanCheck]

    @property
    def first_monday(self) -> date:
        return self.weeks[0].monday

    @property
    def this_monday(self) -> date:
        return plans.week_monday(self.today)


def _sessions_by_day(athlete: User, first: date, last: date) -> dict[date, list[Session]]:
    tz = athlete.profile.tz
    found: dict[date, list[Session]] = {}
    rows = (
        Session.objects.filter(
            athlete=athlete,
            start__gte=datetime.combine(first, time.min, tzinfo=tz),
            start__lt=datetime.combine(last + timedelta(days=1), time.min, tzinfo=tz),
        )
        .defer("track", "notes")
        .order_by("start", "pk")
    )
    for session in rows:
        found.setdefault(load.local_day(session.start, tz), []).append(session)
    return found


def plan_calendar(
    *, athlete: User, first_monday: date, weeks: int = 1, today: date | None = None
) -> PlanCalendar:
    """The athlete's calendar for `weeks` ISO weeks from first_monday, planned beside done,
    with the plan check's marks: five queries (four with nothing planned), whatever the
    number of planned and done sessions."""
    today = today or selectors.plan_today(athlete)
    last = first_monday + timedelta(days=WEEK_DAYS * weeks - 1)
    planned = list(
        selectors.planned_for(athlete=athlete)
        .filter(day__gte=first_monday, day__lte=last)
        .select_related("progression_step__progression", "planned_by__profile")
        .prefetch_related("exercises")
        .order_by("day", "pk")
    )
    sessions = _sessions_by_day(athlete, first_monday, last)
    checks = selectors.plan_check_for(athlete=athlete, today=today)
    planned_of: dict[date, list[PlannedSession]] = {}
    for p in planned:
        planned_of.setdefault(p.day, []).append(p)
    result = []
    for n in range(weeks):
        monday = first_monday + timedelta(days=WEEK_DAYS * n)
        days = []
        for offset in range(WEEK_DAYS):
            day = monday + timedelta(days=offset)
            done = sessions.get(day, [])
            items = selectors.match_day(planned_of.get(day, []), done, today)
            claimed = {i.session.pk for i in items if i.session is not None}
            entries = tuple(
                CalendarEntry(
                    item=i,
                    marks=checks[i.planned.pk].warnings if i.planned.pk in checks else (),
                )
                for i in items
            )
            unplanned = tuple(s for s in done if s.pk not in claimed)
            days.append(CalendarDay(day=day, today=today, entries=entries, unplanned=unplanned))
        compliance = plans.compliance(
            ((d.day, e.status) for d in days for e in d.entries), today=today
        )
        result.append(CalendarWeek(monday=monday, days=tuple(days), compliance=compliance))
    return PlanCalendar(athlete=athlete, today=today, weeks=tuple(result), checks=checks)
