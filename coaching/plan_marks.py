"""The plan check's marks on a page: every planned session on a page asks whether the load
rules flag it, so the checks are made once per request and athlete and kept on the request
(a page's concern, not a selector's: coaching.selectors.plan_check_for reads them)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest

from accounts.models import User
from coaching import plans
from coaching.selectors import PlanCheck, notes_for_athlete, plan_check_for, plan_weeks

_PLAN_CHECKS_ATTRIBUTE = "_coaching_plan_checks"


def plan_check_cached(request: HttpRequest, *, athlete_id: int) -> dict[int, PlanCheck]:
    """plan_check_for, once per request and athlete (every planned session on a page asks)."""
    cache: dict[int, dict[int, PlanCheck]] = getattr(request, _PLAN_CHECKS_ATTRIBUTE, {})
    setattr(request, _PLAN_CHECKS_ATTRIBUTE, cache)
    if athlete_id not in cache:
        user = request.user
        if isinstance(user, User) and user.pk == athlete_id:
            athlete = user
        else:
            athlete = User.objects.select_related("profile").get(pk=athlete_id)
        cache[athlete_id] = plan_check_for(athlete=athlete)
    return cache[athlete_id]


def plan_check_remember(
    request: HttpRequest, *, athlete: User, checks: dict[int, PlanCheck]
) -> None:
    """Keep checks already made for this request, for the marks of the page."""
    cache: dict[int, dict[int, PlanCheck]] = getattr(request, _PLAN_CHECKS_ATTRIBUTE, {})
    cache[athlete.pk] = checks
    setattr(request, _PLAN_CHECKS_ATTRIBUTE, cache)


def dashboard_part(request: HttpRequest, athlete: User, today: date) -> dict[str, Any]:
    """What the runner's dashboard shows of coaching, read by its view (registered in
    CoachingConfig.ready()): the plan of this ISO week, today's sessions apart to come
    first, with the plan check's marks when anything is planned; the coach's notes."""
    (week,) = plan_weeks(athlete=athlete, first_monday=plans.week_monday(today), today=today)
    if week.items:
        plan_check_remember(
            request, athlete=athlete, checks=plan_check_for(athlete=athlete, today=today)
        )
    return {
        "plan": {
            "week": week,
            "today": today,
            "today_items": [i for i in week.items if i.planned.day == today],
            "other_items": [i for i in week.items if i.planned.day != today],
        },
        "coach_notes": notes_for_athlete(athlete=athlete),
    }
