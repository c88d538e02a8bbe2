"""Template tags for the coaching blocks that the runner's pages include."""

from __future__ import annotations

from typing import Any

from django import template
from django.http import HttpRequest
from django.utils import timezone

from accounts.models import User
from coaching import selectors, services
from coaching.models import CoachNote, Invitation
from coaching.views import PENDING_SESSION_KEY

register = template.Library()


@register.simple_tag
def coach_notes(user: Any) -> list[CoachNote]:
    if not isinstance(user, User):
        return []
    return selectors.notes_for_athlete(athlete=user)


@register.simple_tag
def pending_invitations(
    request: HttpRequest, by_address: bool = True
) -> list[tuple[Invitation, str]]:
    """Open invitations to the signed-in runner: sent to one of their e-mail addresses
    (unless by_address is off: the dashboard keeps to its queries), or opened in this
    browser before they had an account (the link then goes with them)."""
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
        if opened is not None and opened.coach_id != user.pk:
            found[opened.pk] = opened
    return [(inv, services.invitation_token(inv)) for inv in found.values()]
