"""Invitations: a coach invites an address by e-mail, the invited runner accepts or
declines through a signed link."""

from __future__ import annotations

from datetime import datetime

from allauth.account.models import EmailAddress
from django.core import signing
from django.db import transaction
from django.db.models import Q, QuerySet

from accounts.models import User
from accounts.versions import version_bump, versions_bump
from coaching import emails
from coaching.models import INVITATION_VALID_DAYS, Invitation

_INVITATION_SALT = "coaching.invitation"


class InvitationError(Exception):
    """The invitation link cannot be used (expired, tampered with, answered already)."""


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps(invitation.pk, salt=_INVITATION_SALT)


def invitation_from_token(token: str, *, now: datetime) -> Invitation:
    try:
        pk = signing.loads(token, salt=_INVITATION_SALT, max_age=INVITATION_VALID_DAYS * 86400)
    except signing.SignatureExpired as error:
        raise InvitationError("expired") from error
    except signing.BadSignature as error:
        raise InvitationError("bad signature") from error
    invitation = Invitation.objects.select_related("coach__profile").filter(pk=pk).first()
    if invitation is None or not invitation.is_open(now=now):
        raise InvitationError("not open")
    return invitation


def invitation_send(*, coach: User, email: str, now: datetime) -> Invitation:
    invitation = Invitation.objects.create(coach=coach, email=email.strip(), created_at=now)
    version_bump(athlete_id=coach.pk)  # the coach's pages list their invitations
    # Queued, not sent here: the mail server's trouble is the outbox's, never the coach's.
    emails.invitation_queue(invitation=invitation, now=now)
    return invitation


class SelfInvitationError(InvitationError):
    """A coach opened their own invitation."""


class OtherAddressError(InvitationError):
    """Someone signed in with another address than the invited one answered."""


def invitation_is_for(*, invitation: Invitation, user: User) -> bool:
    """The invitation was sent to this account's address (its own, or a verified one)."""
    invited = invitation.email.strip().lower()
    if user.email.lower() == invited:
        return True
    verified = EmailAddress.objects.filter(user=user, email__iexact=invited, verified=True)
    return bool(verified.exists())


@transaction.atomic
def invitation_accept(*, invitation: Invitation, athlete: User, now: datetime) -> None:
    """Link the athlete to the inviting coach; a coach they had before loses access."""
    if athlete.pk == invitation.coach_id:
        raise SelfInvitationError("own invitation")
    if not invitation_is_for(invitation=invitation, user=athlete):
        raise OtherAddressError("sent to another address")
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not locked.is_open(now=now):
        raise InvitationError("not open")
    locked.accepted_at = now
    locked.athlete = athlete
    locked.save(update_fields=["accepted_at", "athlete"])
    profile = athlete.profile
    if profile.coach_id is not None:
        version_bump(athlete_id=profile.coach_id)  # the coach they had loses them
    profile.coach_id = invitation.coach_id
    profile.save(update_fields=["coach"])
    versions_bump(athlete_ids=[athlete.pk, invitation.coach_id])


@transaction.atomic
def invitation_decline(*, invitation: Invitation, now: datetime, user: User | None = None) -> None:
    if user is not None and not invitation_is_for(invitation=invitation, user=user):
        raise OtherAddressError("sent to another address")
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not locked.is_open(now=now):
        raise InvitationError("not open")
    locked.declined_at = now
    locked.save(update_fields=["declined_at"])


def invitations_withdraw(*, invitations: QuerySet[Invitation]) -> int:
    """A coach takes invitations back (deletes them): they go, with their e-mails."""
    with transaction.atomic():
        ids = list(invitations.values_list("pk", flat=True))
        emails.invitations_forget(invitation_ids=ids)
        deleted, _by_model = Invitation.objects.filter(pk__in=ids).delete()
    return deleted


def invitations_erase(user: User) -> int:
    """Forget a deleted person's addresses in every coach's invitations (coaching's eraser,
    accounts.erasure): the rows go, and the coaches' pages that listed them are redrawn."""
    addresses = {
        user.email,
        *EmailAddress.objects.filter(user=user).values_list("email", flat=True),
    }
    to_them = Q(athlete=user)
    for address in addresses:
        to_them |= Q(email__iexact=address)
    invitations = Invitation.objects.filter(to_them)
    coach_ids = set(invitations.values_list("coach_id", flat=True))
    deleted, _by_model = invitations.delete()
    versions_bump(athlete_ids=coach_ids)
    return deleted
