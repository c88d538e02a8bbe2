"""Sending the outbox, one chunk of rows at a time: claim, build, send, mark.

1. Claim: one committed conditional UPDATE takes the due rows among the ids; a second
   sender of the same ids claims nothing.
2. Build: each row's e-mail in its recipient's language; what every row of a kind needs is
   prepared once per chunk (notifications.kinds).
3. Send: one SMTP transaction per row, outside any database transaction.
4. Mark: that row alone. Sent; or, after connection refused, a timeout, a 4xx answer or an
   error while building it, waiting for its next try with back-off; or failed, after a
   permanent 5xx answer or when OUTBOX_RETRY_WINDOW_HOURS have passed since its first try.

An attempt counts only when the row was really tried. Rows the sender did not reach go back
unchanged: those left when the task's soft time limit stops it, and those left after the
server could not be reached (they follow the row that found it down, at its next try). A
claim older than the task's hard time limit is taken again (a killed worker loses nothing).
"""

from __future__ import annotations

import logging
import smtplib
import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime, timedelta
from enum import StrEnum
from functools import cache
from typing import Any

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.db import connections, router
from django.db.models import F, Field
from django.utils import timezone, translation

from notifications import messages, services
from notifications.kinds import KINDS
from notifications.models import EmailPreference, OutboxEmail

logger = logging.getLogger(__name__)

# Back-off doubles from OUTBOX_RETRY_BASE_S up to this, as mail servers do (Postfix: ~67 min).
MAX_RETRY_DELAY = timedelta(hours=1)


class Outcome(StrEnum):
    RETRY = "retry"  # this e-mail, for now (a 4xx answer, a bug while building it)
    FAILED = "failed"  # this e-mail, for good (a 5xx answer)
    SERVER_DOWN = "server_down"  # every e-mail, for now: refused, timed out, disconnected


def outcome_of(error: BaseException) -> Outcome:
    """What a failed send means, from the SMTP answer (RFC 5321: 4xx transient, 5xx
    permanent). Trouble with the server itself (connecting, its greeting, signing in, a
    timeout) is never an answer about this e-mail, whatever its code."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _text in error.recipients.values()]
        return Outcome.FAILED if codes and min(codes) >= 500 else Outcome.RETRY
    if isinstance(error, smtplib.SMTPSenderRefused | smtplib.SMTPDataError):
        return Outcome.FAILED if error.smtp_code >= 500 else Outcome.RETRY
    if isinstance(error, OSError):  # smtplib's errors are OSErrors, timeouts too
        return Outcome.SERVER_DOWN
    return Outcome.RETRY


def retry_delay(attempts: int) -> timedelta:
    """The wait after the `attempts`-th failed try: the base, doubling each time."""
    doublings = min(max(attempts - 1, 0), 30)
    seconds = settings.OUTBOX_RETRY_BASE_S * 2**doublings
    return min(timedelta(seconds=seconds), MAX_RETRY_DELAY)


def retry_window() -> timedelta:
    return timedelta(hours=settings.OUTBOX_RETRY_WINDOW_HOURS)


# Claim ----------------------------------------------------------------------------------


def _claim(ids: Sequence[int], now: datetime) -> list[OutboxEmail]:
    token = uuid.uuid4()
    claimed = (
        OutboxEmail.objects.filter(pk__in=list(ids))
        .filter(services.due_filter(now))
        .update(
            status=OutboxEmail.Status.SENDING, claimed_at=now, claim_token=token, queued_at=None
        )
    )
    if not claimed:
        return []
    return list(
        OutboxEmail.objects.filter(claim_token=token)
        .select_related("recipient__profile")
        .order_by("pk")
    )


# Build ----------------------------------------------------------------------------------


class _Builder:
    """Each claimed row's e-mail, or None when it is no longer to be sent (an unknown kind,
    an inactive recipient, a kind turned off, or a kind that renders nothing)."""

    def __init__(self, rows: Sequence[OutboxEmail]) -> None:
        recipients = {row.recipient_id for row in rows if row.recipient_id is not None}
        self.opted_out = set(
            EmailPreference.objects.filter(user_id__in=recipients, enabled=False).values_list(
                "user_id", "kind"
            )
        )
        by_kind: dict[str, list[OutboxEmail]] = defaultdict(list)
        for row in rows:
            if _addressable(row):
                by_kind[row.kind].append(row)
        self.prepared = {code: KINDS[code].prepare(batch) for code, batch in by_kind.items()}

    def build(self, row: OutboxEmail) -> EmailMultiAlternatives | None:
        kind = KINDS.get(row.kind)
        if kind is None or not _addressable(row):
            return None
        if row.recipient is not None and not row.recipient.is_active:
            return None
        if kind.unsubscribable and (row.recipient_id, row.kind) in self.opted_out:
            return None
        if messages.one_line(row.address) != row.address:
            # "=?" in an address (valid, to Django) would be read as an encoded word in
            # the To header: never written into one.
            logger.warning(
                "E-mail %s (%s) not sent: its address is not header-safe", row.pk, row.kind
            )
            return None
        with translation.override(messages.language_of(row.recipient)):
            rendered = kind.render(row, self.prepared[row.kind])
        return None if rendered is None else messages.message_build(row, kind, rendered)


def _addressable(row: OutboxEmail) -> bool:
    """A known kind, and an account to write to unless the kind writes to addresses."""
    kind = KINDS.get(row.kind)
    return kind is not None and (row.recipient is not None or kind.to_addresses)


# Mark -----------------------------------------------------------------------------------


def _mark(row: OutboxEmail, token: uuid.UUID, **fields: Any) -> None:
    if fields.get("status") in OutboxEmail.FINISHED:
        fields["content"] = {}  # a one-time link stays only while it may still be sent
    OutboxEmail.objects.filter(
        pk=row.pk, claim_token=token, status=OutboxEmail.Status.SENDING
    ).update(**fields)


def _field(name: str) -> Field[Any, Any]:
    field = OutboxEmail._meta.get_field(name)
    assert isinstance(field, Field)
    return field


def _db_value(name: str, value: object, connection: Any) -> Any:
    return _field(name).get_db_prep_value(value, connection)


@cache
def _sent_statement(alias: str) -> str:
    """`_mark(row, token, status=SENT, sent_at=now, attempts=F("attempts") + 1,
    first_attempt_at=..., content={})` as one statement, written once per process: on the
    Monday run the ORM compiling this UPDATE anew cost a sixth of each e-mail."""
    quote = connections[alias].ops.quote_name
    table = quote(OutboxEmail._meta.db_table)
    status, sent_at, attempts, first_try, content, pk, token = (
        quote(str(_field(name).column))
        for name in (
            "status",
            "sent_at",
            "attempts",
            "first_attempt_at",
            "content",
            "id",
            "claim_token",
        )
    )
    return (
        f"UPDATE {table} SET {status} = %s, {sent_at} = %s, {attempts} = {attempts} + 1, "  # noqa: S608 (names from the model)
        f"{first_try} = %s, {content} = %s WHERE {pk} = %s AND {token} = %s AND {status} = %s"
    )


def _mark_sent(row: OutboxEmail, token: uuid.UUID, now: datetime) -> None:
    alias = router.db_for_write(OutboxEmail)
    connection = connections[alias]
    params = [
        OutboxEmail.Status.SENT.value,
        _db_value("sent_at", now, connection),
        _db_value("first_attempt_at", row.first_attempt_at or now, connection),
        _db_value("content", {}, connection),
        row.pk,
        _db_value("claim_token", token, connection),
        OutboxEmail.Status.SENDING.value,
    ]
    with connection.cursor() as cursor:
        cursor.execute(_sent_statement(alias), params)


def _mark_tried(
    row: OutboxEmail, token: uuid.UUID, error: BaseException, outcome: Outcome, now: datetime
) -> datetime:
    """Count the try; the row waits for its next one, or fails. Returns its next try."""
    first_try = row.first_attempt_at or now
    window_end = first_try + retry_window()
    next_try = min(now + retry_delay(row.attempts + 1), window_end)
    give_up = outcome is Outcome.FAILED or now >= window_end
    _mark(
        row,
        token,
        status=OutboxEmail.Status.FAILED if give_up else OutboxEmail.Status.PENDING,
        attempts=F("attempts") + 1,
        first_attempt_at=first_try,
        last_error=f"{type(error).__name__}: {error}"[:2000],
        next_attempt_at=next_try,
    )
    return next_try


def _release(token: uuid.UUID, *, next_try: datetime | None = None) -> None:
    """The rows of this claim that were not tried go back as they were, attempts unchanged."""
    fields: dict[str, Any] = {"status": OutboxEmail.Status.PENDING}
    if next_try is not None:
        fields["next_attempt_at"] = next_try
    OutboxEmail.objects.filter(claim_token=token, status=OutboxEmail.Status.SENDING).update(
        **fields
    )


# Send -----------------------------------------------------------------------------------


def outbox_send(*, ids: Sequence[int], now: datetime | None = None) -> int:
    """Claim the due rows among `ids`, send each once, mark each; returns how many went.

    Must run outside a transaction: the claim has to be committed before the first SMTP
    call, and every mark is committed on its own. A row that fails is marked alone and the
    others go on, unless the server itself is down."""
    rows = _claim(ids, now or timezone.now())
    if not rows:
        return 0
    token = rows[0].claim_token
    assert token is not None
    builder = _Builder(rows)
    connection = mailers.default
    sent = 0
    in_flight: OutboxEmail | None = None  # handed to the SMTP server, no answer yet
    try:
        for row in rows:
            try:
                message = builder.build(row)
            except SoftTimeLimitExceeded:
                raise
            except Exception as error:  # a bug in one kind must not stop the others
                logger.exception("E-mail %s (%s) could not be built", row.pk, row.kind)
                _mark_tried(row, token, error, Outcome.RETRY, now or timezone.now())
                continue
            if message is None:
                _mark(row, token, status=OutboxEmail.Status.SKIPPED)
                continue
            in_flight = row
            try:
                connection.send_messages([message])
            except SoftTimeLimitExceeded:
                raise
            except Exception as error:
                in_flight = None
                outcome = outcome_of(error)
                logger.warning("E-mail %s (%s) not sent (%s): %s", row.pk, row.kind, outcome, error)
                next_try = _mark_tried(row, token, error, outcome, now or timezone.now())
                if outcome is Outcome.SERVER_DOWN:
                    _release(token, next_try=next_try)
                    break
                continue
            in_flight = None
            _mark_sent(row, token, now or timezone.now())
            sent += 1
    except SoftTimeLimitExceeded as stopped:
        # Out of time: the row on the wire counts as tried; the rest go back untouched.
        if in_flight is not None:
            _mark_tried(in_flight, token, stopped, Outcome.RETRY, timezone.now())
        _release(token)
        raise
    finally:
        _close_quietly(connection)
    return sent


def _close_quietly(connection: Any) -> None:
    try:
        connection.close()
    except Exception:  # a dead connection: the next send opens a new one
        logger.debug("Closing the mail connection failed", exc_info=True)
