"""What the load rules would say about a runner's upcoming planned sessions
(coaching.plan_check), derived on every read, never stored."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta, tzinfo

from accounts.models import User
from coaching import plan_check
from coaching.models import PlannedSession
from coaching.selectors.days import midnight
from coaching.selectors.plans import match_day, plan_today
from logbook import load
from logbook import services as logbook_services
from logbook.load.facts import PlannedFacts
from logbook.models import Session


@dataclass(frozen=True)
class PlanCheck:
    """What the load rules would say about one upcoming planned session (coaching.plan_check):
    derived on every read, never stored."""

    planned: PlannedSession
    warnings: tuple[load.LoadWarning, ...]


def plan_check_for(*, athlete: User, today: date | None = None) -> dict[int, PlanCheck]:
    """The athlete's upcoming planned sessions (from today on, not yet done) that the load
    rules would flag, by id: two queries whatever the length of plan and history."""
    tz = athlete.profile.tz
    today = today or plan_today(athlete)
    upcoming = list(
        PlannedSession.objects.filter(athlete=athlete, day__gte=today).order_by("day", "pk")
    )
    registry = load.active()
    rules = plan_check.plan_rules(registry.rules)
    last_day = max(today, upcoming[-1].day if upcoming else today)
    first, last = load.window_needed(today, last_day, rules=rules)
    rows = list(
        Session.objects.filter(
            athlete=athlete,
            start__gte=midnight(first, tz),
            start__lt=midnight(last + timedelta(days=1), tz),
        )
        .only(*logbook_services.SESSION_FACT_FIELDS)
        .order_by("start", "pk")
    )
    return plan_check_of(tz=tz, today=today, upcoming=upcoming, sessions=rows)


def plan_check_of(
    *, tz: tzinfo, today: date, upcoming: list[PlannedSession], sessions: list[Session]
) -> dict[int, PlanCheck]:
    """plan_check_for on what it read: the upcoming planned sessions (from today on, in
    day order) and the sessions of the window the rules need (load.window_needed), in
    start order. Shared with the coach's home, which reads them for all athletes at once."""
    registry = load.active()
    rules = plan_check.plan_rules(registry.rules)
    todays = [p for p in upcoming if p.day == today]
    if todays:
        # Today's planned session that a logged one fulfils is in the history already.
        of_today = [s for s in sessions if load.local_day(s.start, tz) == today]
        done = {i.planned.pk for i in match_day(todays, of_today, today) if i.session}
        upcoming = [p for p in upcoming if p.pk not in done]
    if not upcoming or not rules:
        return {}
    history = [logbook_services.session_facts(s) for s in sessions]
    found = plan_check.plan_check(
        history,
        [
            PlannedFacts(
                id=p.pk,
                day=p.day,
                kind=p.kind,
                duration_s=p.duration_s,
                distance_m=p.distance_m,
                rpe=p.rpe,
                backward_s=p.backward_s,
            )
            for p in upcoming
        ],
        tz=tz,
        shared=registry.shared,
        rules=rules,
    )
    return {
        p.pk: PlanCheck(planned=p, warnings=tuple(found[p.pk])) for p in upcoming if found[p.pk]
    }
