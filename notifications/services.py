"""The outbox: queue what is due, claim it, send it once, and the choices behind it.

How an e-mail goes out (healthchecks' sendreports, adapted):
1. Something records that an e-mail is due: `outbox_add` (one row per kind, recipient
   and subject key, unique in the database), or the sweeper's own queueing of alarms
   (TrainingWarning.email_due, set by logbook), reminders and digests.
2. `outbox_take_due` hands due rows to workers in chunks (notifications.tasks).
3. `outbox_send` (notifications.sending) claims its rows with one committed conditional
   UPDATE, builds and sends each outside any transaction, then marks that row alone.
This module keeps the queue and the choices behind it; notifications.messages what each
e-mail's message and headers are; notifications.sending how it goes out and what a failure
does.
"""

from __future__ import annotations

import logging
import zoneinfo
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta, tzinfo
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import BooleanField, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from accounts.models import COACHES_GROUP, AthleteProfile, User
from accounts.versions import version_bump
from logbook.models import Session, TrainingWarning
from logbook.services import ALARM_EMAIL_MAX_AGE
from notifications import schedule
from notifications.kinds import KINDS, EmailKind, RenderedEmail, kind_get
from notifications.links import site_url
from notifications.models import EmailPreference, OutboxEmail

logger = logging.getLogger(__name__)

ALARM = "alarm"
REMINDER = "weekly_reminder"
DIGEST = "coach_digest"

UNSUBSCRIBE_SALT = "notifications.unsubscribe"
# Rows created per INSERT when a whole time zone becomes due at once.
QUEUE_BATCH = 5000


def claim_timeout() -> timedelta:
    """How long a claim holds: the send task's hard time limit. Older claims are retaken."""
    return timedelta(seconds=settings.OUTBOX_CLAIM_TIMEOUT_S)


# Queueing -------------------------------------------------------------------------------


def outbox_add(
    *,
    kind: str,
    recipient: User | None = None,
    to_address: str = "",
    subject_key: str,
    context: Mapping[str, int | str] | None = None,
    content: RenderedEmail | None = None,
    now: datetime | None = None,
    at_once: bool = False,
) -> bool:
    """Record that an e-mail of `kind` about `subject_key` is due to `recipient`, or to
    `to_address` (a kind registered with `to_addresses`: an address with no account
    behind it, or another of the recipient's addresses).

    `kind` must be registered (notifications.kinds.kind_register) and its `render` finds
    what it needs from `context` (ids and short strings, stored as JSON), or from
    `content`, an e-mail rendered now and kept only until the row is sent, failed or
    skipped (for a one-time link that cannot be made again later). The subject key says
    what the e-mail is about (a warning id, an ISO week, an invitation id): the database
    keeps one row per (kind, recipient or address alone, subject key), so calling this
    twice, from a retried task or two processes, still sends one e-mail.

    Safe inside a transaction: the row is sent by the next sweep after commit, or, with
    `at_once` (someone is waiting for it: a sign-up link, an invitation), handed to a
    worker right after the commit (notifications.tasks.send_soon). Returns True when the
    row is new."""
    email_kind = kind_get(kind)
    if recipient is None and not (to_address and email_kind.to_addresses):
        raise ValueError(f"an e-mail of kind {kind!r} needs a recipient account")
    lookup: dict[str, Any] = {"kind": kind, "recipient": recipient, "subject_key": subject_key}
    if recipient is None:
        lookup["to_address"] = to_address
    row, created = OutboxEmail.objects.get_or_create(
        **lookup,
        defaults={
            "to_address": to_address,
            "context": dict(context or {}),
            "content": asdict(content) if content is not None else {},
            "next_attempt_at": now or timezone.now(),
        },
    )
    if created and at_once:
        from notifications.tasks import send_soon

        send_soon([row.pk])
    return created


def _insert(rows: Iterable[OutboxEmail]) -> int:
    """Insert rows, skipping those already there; returns how many were offered."""
    batch = list(rows)
    for start in range(0, len(batch), QUEUE_BATCH):
        OutboxEmail.objects.bulk_create(batch[start : start + QUEUE_BATCH], ignore_conflicts=True)
    return len(batch)


def alarms_queue(*, now: datetime, limit: int = 500) -> int:
    """Turn alarm warnings that logbook marked for e-mail into outbox rows: one to the
    runner, one to their coach. The rows and the warnings' flag change in one commit."""
    with transaction.atomic():
        warnings = list(
            TrainingWarning.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(email_due=True)
            .select_related("athlete__profile__coach", "session")
            .order_by("pk")[:limit]
        )
        if not warnings:
            return 0
        rows: list[OutboxEmail] = []
        queued: list[int] = []
        for warning in warnings:
            session = warning.session
            if session is None or now - session.start > ALARM_EMAIL_MAX_AGE:
                continue
            queued.append(warning.pk)
            key = f"warning-{warning.pk}"
            context = {"warning_id": warning.pk}
            athlete = warning.athlete
            if athlete.is_active:
                rows.append(_row(ALARM, athlete.pk, key, context, now))
            coach = athlete.profile.coach
            if coach is not None and coach.is_active and coach.pk != athlete.pk:
                rows.append(_row(ALARM, coach.pk, key, context, now))
        _insert(rows)
        TrainingWarning.objects.filter(pk__in=queued).update(email_due=False, emailed_at=now)
        # Too old by now (the sweeper was down for a week): never e-mailed.
        TrainingWarning.objects.filter(pk__in=[w.pk for w in warnings]).exclude(
            pk__in=queued
        ).update(email_due=False)
    return len(rows)


def _row(kind: str, user_id: int, key: str, context: dict[str, Any], now: datetime) -> OutboxEmail:
    return OutboxEmail(
        kind=kind, recipient_id=user_id, subject_key=key, context=context, next_attempt_at=now
    )


def _zone(name: str) -> tzinfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def _weekly_recipients(*, kind: str, zone: str, due: datetime, key: str) -> Any:
    """Who is owed this week's e-mail of `kind` in `zone`: active, a verified address,
    there before it was due, not opted out, not turned on only after it was due, and
    not sent it yet."""
    opted_out = EmailPreference.objects.filter(user=OuterRef("pk"), kind=kind).filter(
        Q(enabled=False) | Q(changed_at__gt=due)
    )
    verified = EmailAddress.objects.filter(user=OuterRef("pk"), verified=True, primary=True)
    already = OutboxEmail.objects.filter(recipient=OuterRef("pk"), kind=kind, subject_key=key)
    return (
        User.objects.filter(is_active=True, date_joined__lte=due, profile__time_zone=zone)
        .filter(Exists(verified))
        .exclude(Exists(opted_out))
        .exclude(Exists(already))
    )


def _weekly_queue(*, kind: str, now: datetime, people: Any) -> int:
    weekday = settings.REMINDER_WEEKDAY
    hour = settings.REMINDER_HOUR
    zones = AthleteProfile.objects.filter(user__in=people).values_list("time_zone", flat=True)
    queued = 0
    for zone in sorted(set(zones)):
        due, monday = schedule.latest_due(now=now, tz=_zone(zone), weekday=weekday, hour=hour)
        key = schedule.week_key(monday)
        ids = _weekly_recipients(kind=kind, zone=zone, due=due, key=key).filter(pk__in=people)
        queued += _insert(
            _row(kind, user_id, key, {}, now) for user_id in ids.values_list("pk", flat=True)
        )
    return queued


def reminders_queue(*, now: datetime) -> int:
    """Queue the weekly reminder of everyone who runs (has logged a session, or turned the
    e-mail on themselves) whose local due moment has passed: never, by default, to a coach
    who does not log sessions."""
    logged = Session.objects.filter(athlete=OuterRef("pk"))
    turned_on = EmailPreference.objects.filter(user=OuterRef("pk"), kind=REMINDER, enabled=True)
    runners = User.objects.filter(Q(Exists(logged)) | Q(Exists(turned_on)))
    return _weekly_queue(kind=REMINDER, now=now, people=runners)


def digests_queue(*, now: datetime) -> int:
    """Queue the weekly digest of every coach with athletes, in the coach's own zone."""
    coaches = User.objects.filter(groups__name=COACHES_GROUP, athletes__isnull=False).distinct()
    return _weekly_queue(kind=DIGEST, now=now, people=coaches)


@dataclass(frozen=True)
class SweepCounts:
    alarms: int
    reminders: int
    digests: int


def outbox_queue_due(*, now: datetime) -> SweepCounts:
    """Queue every e-mail that is due by `now`. Running it again, or twice at once, adds
    nothing: the unique row decides."""
    return SweepCounts(
        alarms=alarms_queue(now=now),
        reminders=reminders_queue(now=now),
        digests=digests_queue(now=now),
    )


def due_filter(now: datetime) -> Q:
    """Rows due for a try: waiting and due, or claimed longer ago than the claim holds."""
    return Q(status=OutboxEmail.Status.PENDING, next_attempt_at__lte=now) | Q(
        status=OutboxEmail.Status.SENDING, claimed_at__lt=now - claim_timeout()
    )


def outbox_take_due(*, now: datetime, limit: int = 100_000) -> list[int]:
    """Ids of rows to hand to send tasks, marked as handed out so a sweep running at the
    same time (or the next one, while the queue drains) does not hand them out again.
    Rows handed out long ago whose task never ran (a broker lost it) come back."""
    requeue_before = now - timedelta(seconds=settings.OUTBOX_REQUEUE_AFTER_S)
    with transaction.atomic():
        ids = list(
            OutboxEmail.objects.select_for_update(skip_locked=True)
            .filter(due_filter(now))
            .filter(Q(queued_at__isnull=True) | Q(queued_at__lt=requeue_before))
            .order_by("pk")
            .values_list("pk", flat=True)[:limit]
        )
        if ids:
            OutboxEmail.objects.filter(pk__in=ids).update(queued_at=now)
    return ids


def outbox_release(*, ids: Sequence[int]) -> None:
    """Rows whose send task could not be published: the next sweep hands them out again."""
    OutboxEmail.objects.filter(pk__in=list(ids)).update(queued_at=None)


def outbox_forget_addresses(*, now: datetime) -> int:
    """E-mails to an address without an account (an invitation, "no account with this
    address") are deleted OUTBOX_ADDRESS_RETENTION_DAYS after they were queued, once sent,
    failed or skipped: nobody's export or deletion would ever reach them."""
    deleted, _by_model = OutboxEmail.objects.filter(
        recipient__isnull=True,
        status__in=OutboxEmail.FINISHED,
        created_at__lt=now - timedelta(days=settings.OUTBOX_ADDRESS_RETENTION_DAYS),
    ).delete()
    return deleted


# Sending (notifications.sending; each message: notifications.messages) ---------------


def outbox_send(*, ids: Sequence[int], now: datetime | None = None) -> int:
    """Claim, build, send and mark the due rows among `ids` (notifications.sending)."""
    from notifications.sending import outbox_send as send

    return send(ids=ids, now=now)


def outbox_resend(*, ids: Sequence[int], now: datetime) -> int:
    """Failed rows due again at `now`, with a new retry window (the admin's "Send again");
    returns how many. Their last error stays for reference."""
    return OutboxEmail.objects.filter(pk__in=list(ids), status=OutboxEmail.Status.FAILED).update(
        status=OutboxEmail.Status.PENDING,
        attempts=0,
        first_attempt_at=None,
        next_attempt_at=now,
        queued_at=None,
        claimed_at=None,
        claim_token=None,
    )


# Preferences and unsubscribe ------------------------------------------------------------


def _on_by_default(*, user: User, kind: str) -> bool:
    """Every kind is on until turned off, except the runners' weekly reminder for someone
    who has never logged a session (a coach who does not run): off until turned on."""
    return kind != REMINDER or Session.objects.filter(athlete=user).exists()


def preferences_of(*, user: User) -> dict[str, bool]:
    """Every kind with a switch, on or off for this person."""
    stored = dict(EmailPreference.objects.filter(user=user).values_list("kind", "enabled"))
    return {
        code: stored[code] if code in stored else _on_by_default(user=user, kind=code)
        for code, kind in KINDS.items()
        if kind.unsubscribable
    }


def reminder_on(user_ref: str = "pk") -> Any:
    """A query expression: whether the user at `user_ref` gets the weekly reminder (their
    stored choice, else on once they have logged a session), for lists that show it."""
    stored = EmailPreference.objects.filter(user=OuterRef(user_ref), kind=REMINDER)
    return Coalesce(
        Subquery(stored.values("enabled")[:1]),
        Exists(Session.objects.filter(athlete=OuterRef(user_ref))),
        output_field=BooleanField(),
    )


def preference_set(*, user: User, kind: str, enabled: bool, now: datetime | None = None) -> bool:
    """Turn one kind on or off; returns True when it changed. Turning a weekly e-mail on
    takes effect from its next due moment, never for one already due."""
    if not kind_get(kind).unsubscribable:
        raise ValueError(f"e-mail kind {kind!r} cannot be turned off")
    now = now or timezone.now()
    if kind == REMINDER:
        version_bump(athlete_id=user.pk)  # the coach's list shows it
    existing = EmailPreference.objects.filter(user=user, kind=kind).first()
    if existing is None:
        if enabled == _on_by_default(user=user, kind=kind):
            return False
        EmailPreference.objects.create(user=user, kind=kind, enabled=enabled, changed_at=now)
        return True
    if existing.enabled == enabled:
        return False
    existing.enabled = enabled
    existing.changed_at = now
    existing.save(update_fields=["enabled", "changed_at"])
    return True


def unsubscribe_token(*, user: User, kind: str) -> str:
    return signing.dumps([user.pk, kind], salt=UNSUBSCRIBE_SALT, compress=False)


def unsubscribe_url(*, user: User, kind: str) -> str:
    token = unsubscribe_token(user=user, kind=kind)
    return site_url(reverse("notifications:unsubscribe", args=[token]))


@dataclass(frozen=True)
class UnsubscribeRequest:
    user: User
    kind: EmailKind


def unsubscribe_read(*, token: str) -> UnsubscribeRequest | None:
    """Who and which kind a link is for; None for a bad, tampered or stale link."""
    try:
        user_id, code = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        kind = kind_get(str(code))
    except (signing.BadSignature, LookupError, ValueError, TypeError):
        return None
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not kind.unsubscribable:
        return None
    return UnsubscribeRequest(user=user, kind=kind)


def unsubscribe(*, request: UnsubscribeRequest) -> bool:
    return preference_set(user=request.user, kind=request.kind.code, enabled=False)
