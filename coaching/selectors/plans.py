"""A runner's training plan as read: each planned session with what fulfils it and its
status (coaching.plans), weeks with their compliance, and the plan's lookups."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.db.models import Max, Min, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from coaching import plans
from coaching.models import PlannedSession
from coaching.selectors.days import midnight
from logbook import load
from logbook.models import Session

# Bootstrap badge colours of the statuses (each also says its word: colour is never alone).
PLAN_STATUS_CLASSES: dict[str, str] = {
    plans.PLANNED: "text-bg-secondary",
    plans.DONE: "text-bg-success",
    plans.PARTLY: "text-bg-warning",
    plans.OFF: "text-bg-danger",
    plans.MISSED: "text-bg-dark",
}


def plan_status_labels() -> dict[str, str]:
    return {
        plans.PLANNED: _("planned"),
        plans.DONE: _("done"),
        plans.PARTLY: _("partly"),
        plans.OFF: _("off target"),
        plans.MISSED: _("missed"),
    }


@dataclass(frozen=True)
class PlannedItem:
    """A planned session with what fulfils it and its status (coaching.plans)."""

    planned: PlannedSession
    status: plans.Status
    session: Session | None  # the session that fulfils it
    day_sessions: tuple[Session, ...]  # every session of its local day, to change the match

    @property
    def pinned(self) -> bool:
        return self.planned.match_session_id is not None or self.planned.match_declined

    @property
    def status_label(self) -> str:
        return plan_status_labels()[self.status]

    @property
    def status_class(self) -> str:
        return PLAN_STATUS_CLASSES[self.status]


@dataclass(frozen=True)
class PlanWeek:
    monday: date
    items: tuple[PlannedItem, ...]
    compliance: float | None

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    @property
    def compliance_pct(self) -> int | None:
        return plans.compliance_pct(self.compliance)

    def days(self) -> list[tuple[date, list[PlannedItem]]]:
        by_day: dict[date, list[PlannedItem]] = {
            self.monday + timedelta(days=n): [] for n in range(7)
        }
        for item in self.items:
            by_day[item.planned.day].append(item)
        return list(by_day.items())

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = dict.fromkeys(plans.STATUSES, 0)
        for item in self.items:
            counts[item.status] += 1
        return counts


def match_day(
    planned: list[PlannedSession], sessions: list[Session], today: date
) -> list[PlannedItem]:
    """Who fulfils whom on one local day: pinned matches first, then each planned session
    (in the order planned) takes the earliest free session of its kind. A session fulfils
    at most one planned session."""
    by_pk = {s.pk: s for s in sessions}
    taken: set[int] = set()
    fulfils: dict[int, Session | None] = {}
    for p in planned:
        pinned = by_pk.get(p.match_session_id) if p.match_session_id else None
        if pinned is not None and pinned.pk not in taken:
            fulfils[p.pk] = pinned
            taken.add(pinned.pk)
        elif p.match_declined:
            fulfils[p.pk] = None
    for p in planned:
        if p.pk in fulfils:
            continue
        match = next((s for s in sessions if s.kind == p.kind and s.pk not in taken), None)
        fulfils[p.pk] = match
        if match is not None:
            taken.add(match.pk)
    items = []
    for p in planned:
        match = fulfils[p.pk]
        items.append(
            PlannedItem(
                planned=p,
                status=plans.status(
                    day=p.day,
                    today=today,
                    target_duration_s=p.duration_s,
                    target_distance_m=p.distance_m,
                    done_duration_s=match.duration_s if match else None,
                    done_distance_m=match.distance_m if match else None,
                    fulfilled=match is not None,
                ),
                session=match,
                day_sessions=tuple(sessions),
            )
        )
    return items


def _plan_items(
    athletes: Sequence[User], *, first: date, last: date, today_of: dict[int, date]
) -> dict[int, list[PlannedItem]]:
    """Every planned session of the athletes from first to last (local days, inclusive)
    with its status: three queries (one when nothing is planned), whatever the number of
    athletes, plans and sessions."""
    ids = [a.pk for a in athletes]
    tz_of = {a.pk: a.profile.tz for a in athletes}
    planned = list(
        PlannedSession.objects.filter(athlete_id__in=ids, day__gte=first, day__lte=last)
        .select_related("progression_step__progression", "planned_by__profile")
        .prefetch_related("exercises")
        .order_by("day", "pk")
    )
    items: dict[int, list[PlannedItem]] = {pk: [] for pk in ids}
    if not planned:
        return items
    # A day lies within a day of UTC's in every zone; the local day is sorted out below.
    sessions = (
        Session.objects.filter(
            athlete_id__in=ids,
            start__gte=midnight(first - timedelta(days=1), UTC),
            start__lt=midnight(last + timedelta(days=2), UTC),
        )
        .defer("track", "notes")
        .order_by("start", "pk")
    )
    sessions_of: dict[tuple[int, date], list[Session]] = defaultdict(list)
    for session in sessions:
        local = load.local_day(session.start, tz_of[session.athlete_id])
        if first <= local <= last:
            sessions_of[(session.athlete_id, local)].append(session)
    planned_of: dict[tuple[int, date], list[PlannedSession]] = defaultdict(list)
    for p in planned:
        planned_of[(p.athlete_id, p.day)].append(p)
    for (athlete_id, day), day_planned in sorted(planned_of.items(), key=lambda kv: kv[0][1]):
        items[athlete_id].extend(
            match_day(day_planned, sessions_of[(athlete_id, day)], today_of[athlete_id])
        )
    return items


def _weeks(items: list[PlannedItem], first_monday: date, weeks: int, today: date) -> list[PlanWeek]:
    result = []
    for n in range(weeks):
        monday = first_monday + timedelta(days=7 * n)
        week_items = tuple(i for i in items if monday <= i.planned.day < monday + timedelta(days=7))
        result.append(
            PlanWeek(
                monday=monday,
                items=week_items,
                compliance=plans.compliance(
                    ((i.planned.day, i.status) for i in week_items), today=today
                ),
            )
        )
    return result


def plan_today(athlete: User) -> date:
    return load.local_day(timezone.now(), athlete.profile.tz)


def plan_weeks(
    *, athlete: User, first_monday: date, weeks: int = 1, today: date | None = None
) -> list[PlanWeek]:
    """The athlete's plan for `weeks` ISO weeks from first_monday, each planned session with
    its status and each week with its compliance, in three queries."""
    today = today or plan_today(athlete)
    last = first_monday + timedelta(days=7 * weeks - 1)
    items = _plan_items([athlete], first=first_monday, last=last, today_of={athlete.pk: today})
    return _weeks(items[athlete.pk], first_monday, weeks, today)


def plan_compliance_for(
    *,
    athletes: Sequence[User],
    monday: date | None = None,
    now: datetime | None = None,
    weeks_back: int = 0,
) -> dict[int, PlanWeek]:
    """Each athlete's plan week (the ISO week starting on monday, by default each athlete's
    current one, or the one `weeks_back` weeks before it) with its compliance, in three
    queries whatever the number of athletes.
    The athletes need their profile loaded (select_related("profile"))."""
    now = now or timezone.now()
    today_of = {a.pk: load.local_day(now, a.profile.tz) for a in athletes}
    monday_of = {
        pk: monday or plans.week_monday(today) - timedelta(days=7 * weeks_back)
        for pk, today in today_of.items()
    }
    if not athletes:
        return {}
    items = _plan_items(
        athletes,
        first=min(monday_of.values()),
        last=max(monday_of.values()) + timedelta(days=6),
        today_of=today_of,
    )
    return {
        a.pk: _weeks(
            [i for i in items[a.pk] if i.planned.day >= monday_of[a.pk]],
            monday_of[a.pk],
            1,
            today_of[a.pk],
        )[0]
        for a in athletes
    }


def planned_for(*, athlete: User) -> QuerySet[PlannedSession]:
    """The athlete's own planned sessions: every lookup of a runner's plan starts here."""
    return PlannedSession.objects.filter(athlete=athlete)


def plan_all(*, athlete: User, today: date) -> list[PlannedItem]:
    """Every planned session of the athlete with its status (the export), in three queries."""
    span = PlannedSession.objects.filter(athlete=athlete).aggregate(
        first=Min("day"), last=Max("day")
    )
    if span["first"] is None:
        return []
    return _plan_items(
        [athlete], first=span["first"], last=span["last"], today_of={athlete.pk: today}
    )[athlete.pk]


def plan_upcoming(*, athlete: User, first: date, days: int) -> list[PlannedSession]:
    """Planned sessions from first for `days` days, for the calendar feed and the reminder."""
    return list(
        PlannedSession.objects.filter(
            athlete=athlete, day__gte=first, day__lt=first + timedelta(days=days)
        )
        .prefetch_related("exercises")
        .select_related("progression_step__progression")
        .order_by("day", "pk")
    )
