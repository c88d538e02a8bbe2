"""Template tags for the coaching blocks that the runner's pages include."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template
from django.http import HttpRequest
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.models import User
from coaching import plan_marks, plan_views, plans, selectors, services
from coaching.models import Invitation, PlannedSession
from coaching.views import PENDING_SESSION_KEY
from logbook import load
from runningcoach import units

register = template.Library()


@register.simple_tag
def pending_invitations(
    request: HttpRequest, by_address: bool = True
) -> list[tuple[Invitation, str]]:
    """Open invitations to the signed-in runner: sent to one of their e-mail addresses
    (unless by_address is off: the dashboard keeps to its queries), or opened in this
    browser before they had an account under the invited address."""
    user = request.user
    if not isinstance(user, User):
        return []
    now = timezone.now()
    found = {}
    if by_address:
        found = {inv.pk: inv for inv in selectors.open_invitations_for(user=user, now=now)}
    token = request.session.get(PENDING_SESSION_KEY)
    if token:
        try:
            opened = services.invitation_from_token(token, now=now)
        except services.InvitationError:
            opened = None
        if (
            opened is not None
            and opened.coach_id != user.pk
            and services.invitation_is_for(invitation=opened, user=user)
        ):
            found[opened.pk] = opened
    return [(inv, services.invitation_token(inv)) for inv in found.values()]


@register.simple_tag
def plan_week_of(user: Any, monday: date) -> selectors.PlanWeek | None:
    if not isinstance(user, User) or not isinstance(monday, date):
        return None
    return selectors.plan_weeks(athlete=user, first_monday=plans.week_monday(monday))[0]


@register.simple_tag
def log_this_url(item: selectors.PlannedItem, today: date) -> str:
    return plan_views.log_this_url(item.planned, today=today)


def _num(value: float) -> str:
    return str(int(value)) if value == int(value) else formats.number_format(value)


@register.filter
def plan_targets(planned: PlannedSession) -> str:
    """What is planned in a few words: "45 min · 8 km · RPE 6 · 1 min backward"."""
    parts = []
    if planned.duration_s:
        parts.append(_("%(n)s min") % {"n": _num(round(planned.duration_s / 60, 1))})
    if planned.distance_m:
        parts.append(units.km_target(planned.distance_m))
    if planned.rpe:
        parts.append(_("RPE %(rpe)d") % {"rpe": planned.rpe})
    if planned.backward_s:
        parts.append(_("%(n)s min backward") % {"n": _num(round(planned.backward_s / 60, 1))})
    return " · ".join(parts)


@register.simple_tag(takes_context=True)
def plan_check_marks(context: template.Context, planned: Any) -> tuple[load.LoadWarning, ...]:
    """What the plan check finds for this planned session, worked out once per page and
    athlete (coaching.plan_marks.plan_check_cached)."""
    request = context.get("request")
    if not isinstance(planned, PlannedSession) or not isinstance(request, HttpRequest):
        return ()
    check = plan_marks.plan_check_cached(request, athlete_id=planned.athlete_id).get(planned.pk)
    return check.warnings if check is not None else ()


@register.filter
def item(mapping: Any, key: Any) -> Any:
    """mapping[key], or None: the calendar's form of one day or planned session."""
    return mapping.get(key) if isinstance(mapping, dict) else None
