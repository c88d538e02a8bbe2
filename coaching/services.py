"""Writes of the coaching app, one function per use case."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.core import signing
from django.db import transaction
from django.db.models import QuerySet

from accounts import services as account_services
from accounts.models import User
from coaching import emails
from coaching.models import INVITATION_VALID_DAYS, CoachNote, HipLevelChange, Invitation
from logbook import services as logbook_services
from logbook.models import TrainingWarning
from logbook.versions import version_bump, versions_bump

_INVITATION_SALT = "coaching.invitation"


class InvitationError(Exception):
    """The invitation link cannot be used (expired, tampered with, answered already)."""


@transaction.atomic
def note_add(*, athlete: User, author: User, text: str, now: datetime) -> CoachNote:
    note = CoachNote.objects.create(
        athlete=athlete, author=author, text=text.strip(), created_at=now
    )
    version_bump(athlete_id=athlete.pk)
    return note


@transaction.atomic
def hip_level_set(*, athlete: User, level: int, set_by: User, now: datetime) -> bool:
    """Set the athlete's hip level and record who did it; False when it was unchanged."""
    profile = athlete.profile
    previous = profile.hip_level
    if previous == level:
        return False
    account_services.profile_set_hip_level(profile=profile, level=level)
    HipLevelChange.objects.create(
        athlete=athlete, level=level, previous_level=previous, set_by=set_by, at=now
    )
    return True


def warnings_acknowledge(*, warnings: Iterable[TrainingWarning]) -> int:
    count = 0
    for warning in warnings:
        if warning.acknowledged_at is None:
            logbook_services.warning_acknowledge(warning=warning)
            count += 1
    return count


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
    emails.invitation(invitation=invitation, token=invitation_token(invitation))
    return invitation


class SelfInvitationError(InvitationError):
    """A coach opened their own invitation."""


@transaction.atomic
def invitation_accept(*, invitation: Invitation, athlete: User, now: datetime) -> None:
    """Link the athlete to the inviting coach; a coach they had before loses access."""
    if athlete.pk == invitation.coach_id:
        raise SelfInvitationError("own invitation")
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
def invitation_decline(*, invitation: Invitation, now: datetime) -> None:
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not locked.is_open(now=now):
        raise InvitationError("not open")
    locked.declined_at = now
    locked.save(update_fields=["declined_at"])


def coaching_end(*, athlete: User) -> None:
    """The runner ends the link: from the next request on, the coach sees nothing of them."""
    profile = athlete.profile
    if profile.coach_id is not None:
        coach_id = profile.coach_id
        profile.coach = None
        profile.save(update_fields=["coach"])
        versions_bump(athlete_ids=[athlete.pk, coach_id])


def message_send(*, coach: User, athletes: QuerySet[User], text: str) -> int:
    return emails.coach_message_queue(coach=coach, athletes=athletes, text=text)
