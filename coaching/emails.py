"""The coaching e-mails, one function per e-mail, each in the recipient's language, each
through the outbox (notifications)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from accounts.models import User
from accounts.services import account_for_address
from coaching.models import Invitation
from notifications.html import render_email
from notifications.kinds import EmailKind, RenderedEmail, kind_register
from notifications.services import outbox_add

if TYPE_CHECKING:
    from notifications.models import OutboxEmail


def _site_url(path: str) -> str:
    return str(settings.SITE_URL).rstrip("/") + path


def _name(user: User) -> str:
    profile = getattr(user, "profile", None)
    name = (profile.display_name if profile else "") or user.email
    # A name goes into subject lines: no line breaks, whatever was typed.
    return " ".join(name.split())


# The coach's invitation goes through the outbox too: queued with the invitation, sent by a
# worker right after the commit, retried while the mail server refuses or hangs. No
# secret is stored: the signed link is made when the e-mail is built.
INVITATION = "coach_invitation"


def invitation_queue(*, invitation: Invitation, now: datetime) -> bool:
    """Queue the invitation's e-mail to its address: one per invitation."""
    return outbox_add(
        kind=INVITATION,
        to_address=invitation.email,
        subject_key=f"invitation-{invitation.pk}",
        context={"invitation_id": invitation.pk},
        now=now,
        at_once=True,
    )


def invitations_forget(*, invitation_ids: Iterable[int]) -> int:
    """The e-mails of withdrawn invitations go with them: the address of someone without
    an account is not kept once the coach took the invitation back."""
    from notifications.models import OutboxEmail

    keys = [f"invitation-{pk}" for pk in invitation_ids]
    deleted, _by_model = OutboxEmail.objects.filter(kind=INVITATION, subject_key__in=keys).delete()
    return deleted


def _invitation_prepare(rows: Sequence[OutboxEmail]) -> dict[int, Invitation]:
    ids = {int(row.context.get("invitation_id", 0)) for row in rows}
    found = Invitation.objects.filter(pk__in=ids).select_related("coach__profile")
    return {invitation.pk: invitation for invitation in found}


def invitation_render(row: OutboxEmail, invitations: dict[int, Invitation]) -> RenderedEmail | None:
    """The coach's invitation, with the signed link; in the language of the account that
    already has this address, or the coach's, and its dates in that account's zone."""
    from coaching.services.invitations import invitation_token

    invitation = invitations.get(int(row.context.get("invitation_id", 0)))
    if invitation is None or not invitation.is_open(now=timezone.now()):
        return None  # withdrawn, answered or expired before it could be sent
    # One query per invitation: they are sent one at a time, as coaches invite.
    reader = account_for_address(invitation.email) or invitation.coach
    context: dict[str, object] = {
        "coach_name": _name(invitation.coach),
        "link": _site_url(reverse("coaching:invitation", args=[invitation_token(invitation)])),
        "expires_at": invitation.expires_at,
    }
    with translation.override(reader.profile.language or settings.LANGUAGE_CODE):
        return render_email("coaching/email/invitation", context, recipient=reader)


# The coach's message goes through the outbox: the outbox sends it once, retries it, and
# carries the unsubscribe headers of its kind.
COACH_MESSAGE = "coach_message"


def coach_message_queue(*, coach: User, athletes: Iterable[User], text: str) -> int:
    """A short message from the coach to each athlete (the athlete list's action). One
    sending is one subject key, so a retried request cannot send it twice."""
    sending = f"message-{uuid.uuid4().hex}"
    queued = 0
    for athlete in athletes:
        queued += outbox_add(
            kind=COACH_MESSAGE,
            recipient=athlete,
            subject_key=sending,
            context={"coach_id": coach.pk, "text": text},
        )
    return queued


def _message_prepare(rows: Sequence[OutboxEmail]) -> dict[int, User]:
    ids = {int(row.context.get("coach_id", 0)) for row in rows}
    return {c.pk: c for c in User.objects.filter(pk__in=ids).select_related("profile")}


def coach_message_render(row: OutboxEmail, coaches: dict[int, User]) -> RenderedEmail | None:
    coach = coaches.get(int(row.context.get("coach_id", 0)))
    athlete = row.user
    if coach is None or athlete.profile.coach_id != coach.pk:
        return None  # the link has ended since: the message is no longer the coach's to send
    context: dict[str, object] = {
        "coach_name": _name(coach),
        "athlete_name": _name(athlete),
        "text": str(row.context.get("text", "")),
        "dashboard_url": _site_url(reverse("logbook:dashboard")),
    }
    return render_email("coaching/email/message", context, recipient=athlete)


kind_register(
    EmailKind(
        code=COACH_MESSAGE,
        label=gettext_lazy("Messages from your coach"),
        description=gettext_lazy("Short messages your coach sends you from their athlete list."),
        prepare=_message_prepare,
        render=coach_message_render,
    )
)
kind_register(
    EmailKind(
        code=INVITATION,
        label=gettext_lazy("Invitations from coaches"),
        description=gettext_lazy("A coach's invitation to be coached, with its link."),
        prepare=_invitation_prepare,
        render=invitation_render,
        unsubscribable=False,
        to_addresses=True,
    )
)
