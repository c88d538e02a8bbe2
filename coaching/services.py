"""Writes of the coaching app, one function per use case."""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from allauth.account.models import EmailAddress
from django.core import signing
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts import services as account_services
from accounts.models import User
from accounts.versions import version_bump, versions_bump
from coaching import emails, plans
from coaching.models import (
    INVITATION_VALID_DAYS,
    CalendarFeed,
    CoachNote,
    Invitation,
    PlannedSession,
)
from logbook import load
from logbook import services as logbook_services
from logbook.models import Kind, Session, TrainingWarning

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
    return account_services.profile_set_hip_level(
        profile=athlete.profile, level=level, set_by=set_by, now=now
    )


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


# Planned sessions ----------------------------------------------------------------------
# Every write of a plan goes through one of these functions.


@dataclass(frozen=True)
class PlanValues:
    """What a coach or runner enters for one planned session."""

    day: date
    kind: str
    surface: str = ""
    duration_s: int | None = None
    distance_m: int | None = None
    rpe: int | None = None
    backward_s: int = 0
    notes: str = ""
    exercise_ids: Sequence[int] = ()
    progression_step_id: int | None = None


_PLAN_FIELDS = (
    "day",
    "kind",
    "surface",
    "duration_s",
    "distance_m",
    "rpe",
    "backward_s",
    "notes",
    "progression_step_id",
)


@transaction.atomic
def plan_session_save(
    *,
    athlete: User,
    values: PlanValues,
    planned_by: User | None,
    planned: PlannedSession | None = None,
    now: datetime | None = None,
) -> PlannedSession:
    """Create a planned session (planned is None) or change one of the athlete's. Moving it
    to another day or kind drops a match the runner pinned, which belonged to the old day."""
    now = now or timezone.now()
    if planned is None:
        planned = PlannedSession(athlete=athlete, planned_by=planned_by, created_at=now)
    elif planned.athlete_id != athlete.pk:
        raise ValueError("planned session of another athlete")
    elif planned.day != values.day:
        planned.match_session = None
        planned.match_declined = False
    for name in _PLAN_FIELDS:
        setattr(planned, name, getattr(values, name))
    planned.notes = values.notes.strip()
    planned.updated_at = now
    planned.save()
    planned.exercises.set(values.exercise_ids)
    version_bump(athlete_id=athlete.pk)  # the runner's and the coach's cached pages
    return planned


@transaction.atomic
def plan_session_delete(*, planned: PlannedSession) -> None:
    athlete_id = planned.athlete_id
    planned.delete()
    version_bump(athlete_id=athlete_id)


class PlanImportError(Exception):
    """A plan file with bad rows: nothing of it was saved."""

    def __init__(self, errors: Sequence[plans.LineError]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = tuple(errors)


@transaction.atomic
def plan_import(
    *, athlete: User, content: bytes | str, planned_by: User | None, now: datetime | None = None
) -> list[PlannedSession]:
    """Add every row of a plan file (DOMAIN.md section 4) to the athlete's plan, or, when
    any row is bad, nothing (PlanImportError names each bad line)."""
    parsed = plans.parse_plan(content)
    if not parsed.ok:
        raise PlanImportError(parsed.errors)
    now = now or timezone.now()
    created = PlannedSession.objects.bulk_create(
        PlannedSession(
            athlete=athlete,
            planned_by=planned_by,
            day=row.day,
            kind=row.kind,
            surface=row.surface,
            duration_s=row.duration_s,
            distance_m=row.distance_m,
            rpe=row.rpe,
            backward_s=row.backward_s,
            notes=row.notes,
            created_at=now,
            updated_at=now,
        )
        for row in parsed.rows
    )
    if created:
        version_bump(athlete_id=athlete.pk)
    return created


@transaction.atomic
def plan_week_copy(
    *,
    athlete: User,
    week_start: date,
    to_week_start: date | None = None,
    planned_by: User | None,
    now: datetime | None = None,
) -> list[PlannedSession]:
    """Copy the planned sessions of the ISO week starting on week_start (a Monday) to the
    same weekdays of another week, the next one by default. Matches are not copied; what is
    in the target week already stays, and a planned session it holds already (the same
    day, kind, targets and note) is not copied again."""
    if week_start.weekday() != 0:
        raise ValueError("week_start is not a Monday")
    target = to_week_start or week_start + timedelta(days=7)
    if target.weekday() != 0:
        raise ValueError("to_week_start is not a Monday")
    shift = target - week_start
    now = now or timezone.now()

    def same(p: PlannedSession) -> tuple[object, ...]:
        return (p.kind, p.duration_s, p.distance_m, p.rpe, p.backward_s, p.surface, p.notes)

    # A copy that is there already (the button pressed twice) is not made again.
    there = {
        (p.day, *same(p))
        for p in PlannedSession.objects.filter(
            athlete=athlete, day__gte=target, day__lt=target + timedelta(days=7)
        )
    }
    sources = [
        source
        for source in PlannedSession.objects.filter(
            athlete=athlete, day__gte=week_start, day__lt=week_start + timedelta(days=7)
        )
        .prefetch_related("exercises")
        .order_by("day", "pk")
        if (source.day + shift, *same(source)) not in there
    ]
    copies = PlannedSession.objects.bulk_create(
        PlannedSession(
            athlete=athlete,
            planned_by=planned_by,
            day=source.day + shift,
            kind=source.kind,
            surface=source.surface,
            duration_s=source.duration_s,
            distance_m=source.distance_m,
            rpe=source.rpe,
            backward_s=source.backward_s,
            notes=source.notes,
            progression_step_id=source.progression_step_id,
            created_at=now,
            updated_at=now,
        )
        for source in sources
    )
    through = PlannedSession.exercises.through
    through.objects.bulk_create(
        through(plannedsession_id=copy.pk, exercise_id=exercise.pk)
        for source, copy in zip(sources, copies, strict=True)
        for exercise in source.exercises.all()
    )
    if copies:
        version_bump(athlete_id=athlete.pk)
    return copies


def plan_match_set(
    *,
    planned: PlannedSession,
    session: Session | None,
    declined: bool = False,
    now: datetime | None = None,
) -> PlannedSession:
    """Pin which session fulfils a planned one: `session` (of the same athlete), none of
    that day's (declined), or back to the automatic match (neither)."""
    if session is not None and (declined or session.athlete_id != planned.athlete_id):
        raise ValueError("a session of the same athlete, or declined, not both")
    planned.match_session = session
    planned.match_declined = declined
    planned.updated_at = now or timezone.now()
    with transaction.atomic():
        planned.save(update_fields=["match_session", "match_declined", "updated_at"])
        version_bump(athlete_id=planned.athlete_id)
    return planned


# A planned session of an earlier day, logged as planned, starts at this local hour.
PAST_DAY_START_HOUR = 12


def plan_session_log_as_planned(
    *, planned: PlannedSession, now: datetime
) -> logbook_services.SessionResult:
    """One tap: log the planned session as a session, as planned (its duration, distance,
    backward part, surface, target RPE and catalogue exercises at their starting doses),
    and pin it as the match. Today's ends now; an earlier day's starts at noon. A planned
    session without a duration, or of a day still to come, cannot be logged this way."""
    athlete = planned.athlete
    tz = athlete.profile.tz
    today = load.local_day(now, tz)
    if planned.duration_s is None or planned.day > today:
        raise ValueError("needs a duration and a day that has come")
    midnight = datetime.combine(planned.day, time.min, tzinfo=tz)
    if planned.day == today:
        start = max(now - timedelta(seconds=planned.duration_s), midnight)
    else:
        start = midnight.replace(hour=PAST_DAY_START_HOUR)
    with transaction.atomic():
        result = logbook_services.session_log(
            athlete=athlete,
            exercises=[
                logbook_services.ExerciseDone(
                    exercise_id=e.pk, sets=e.dose_sets, reps=e.dose_reps, seconds=e.dose_seconds
                )
                for e in planned.exercises.all()
            ]
            if planned.kind == Kind.STRENGTH
            else [],
            start=start,
            kind=planned.kind,
            duration_s=planned.duration_s,
            distance_m=planned.distance_m,
            backward_s=planned.backward_s,
            surface=planned.surface,
            rpe=planned.rpe,
            notes=planned.notes,
        )
        assert result.session is not None
        plan_match_set(planned=planned, session=result.session, now=now)
    return result


_FEED_SALT = "coaching.calendar-feed"


def plan_feed_token(*, athlete: User) -> str:
    """The signed token of the athlete's calendar URL. Until the first reset the secret is
    empty: the URL exists without a row, so showing it changes nothing."""
    feed = CalendarFeed.objects.filter(athlete=athlete).first()
    return signing.dumps([athlete.pk, feed.secret if feed else ""], salt=_FEED_SALT)


def plan_feed_athlete(token: str) -> User | None:
    """The athlete whose current calendar token this is, or None (forged, reset, gone)."""
    try:
        pk, secret = signing.loads(token, salt=_FEED_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(pk, int) or not isinstance(secret, str):
        return None
    athlete = User.objects.select_related("profile").filter(pk=pk, is_active=True).first()
    if athlete is None:
        return None
    feed = CalendarFeed.objects.filter(athlete=athlete).first()
    return athlete if (feed.secret if feed else "") == secret else None


def plan_feed_reset(*, athlete: User, now: datetime | None = None) -> CalendarFeed:
    """Draw a new secret for the athlete's calendar feed: every earlier URL stops working."""
    feed, _created = CalendarFeed.objects.update_or_create(
        athlete=athlete,
        defaults={"secret": secrets.token_urlsafe(24), "created_at": now or timezone.now()},
    )
    version_bump(athlete_id=athlete.pk)  # pages that show the feed's URL
    return feed
