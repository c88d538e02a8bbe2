"""E-mails to an address with no account behind it (an invitation, allauth's e-mail to an
unknown address), and e-mails rendered when queued: their one-time link is kept only
until the row is sent, failed or skipped."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.core import mail
from django.db import IntegrityError, transaction

from notifications import services
from notifications.kinds import EmailKind, RenderedEmail, kind_register, rendered_when_queued
from notifications.models import OutboxEmail
from tests.notifications.conftest import free_port, mailer_at

kind_register(
    EmailKind(
        code="address_note",
        label="Address note",
        description="A note to an address, rendered when queued, used by these tests.",
        render=lambda row, _prepared: rendered_when_queued(row),
        unsubscribable=False,
        to_addresses=True,
    )
)

START = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
SECRET = "https://testserver/accounts/password/reset/key/1-secret/"
NOTE = RenderedEmail(subject="Your link", text=f"Open {SECRET}", html="")


def queue(key: str = "n-1", to: str = "nobody@example.com", **fields: Any) -> OutboxEmail:
    services.outbox_add(
        kind="address_note", to_address=to, subject_key=key, content=NOTE, now=START, **fields
    )
    return OutboxEmail.objects.get(kind="address_note", subject_key=key)


def send_due(now: datetime = START) -> int:
    return services.outbox_send(ids=services.outbox_take_due(now=now), now=now)


@pytest.mark.django_db
def test_an_email_to_an_address_alone_goes_there_in_plain_text() -> None:
    row = queue()
    assert row.recipient is None
    assert send_due() == 1
    [message] = mail.outbox
    assert message.to == ["nobody@example.com"]
    assert message.body == f"Open {SECRET}"
    assert message.alternatives == []  # nothing rendered as HTML: no empty HTML part
    assert "List-Unsubscribe" not in message.extra_headers


@pytest.mark.django_db
def test_the_same_email_to_an_address_is_kept_once() -> None:
    queue()
    assert not services.outbox_add(
        kind="address_note", to_address="nobody@example.com", subject_key="n-1", content=NOTE
    )
    queue(key="n-2")
    assert OutboxEmail.objects.filter(to_address="nobody@example.com").count() == 2
    with transaction.atomic(), pytest.raises(IntegrityError):
        OutboxEmail.objects.create(
            kind="address_note",
            to_address="nobody@example.com",
            subject_key="n-1",
            next_attempt_at=START,
        )


@pytest.mark.django_db
def test_a_row_names_an_account_or_an_address() -> None:
    with transaction.atomic(), pytest.raises(IntegrityError):
        OutboxEmail.objects.create(kind="address_note", subject_key="n-1", next_attempt_at=START)


@pytest.mark.django_db
def test_a_kind_for_accounts_only_is_not_queued_to_an_address() -> None:
    with pytest.raises(ValueError, match="recipient"):
        services.outbox_add(
            kind=services.ALARM, to_address="nobody@example.com", subject_key="warning-1"
        )


def test_a_kind_that_writes_to_addresses_has_no_unsubscribe_link() -> None:
    with pytest.raises(ValueError, match="unsubscribable"):
        EmailKind(
            code="x", label="x", description="x", render=lambda row, _p: None, to_addresses=True
        )


@pytest.mark.django_db
def test_the_link_is_emptied_once_the_email_is_sent() -> None:
    row = queue()
    assert row.content["text"] == f"Open {SECRET}"
    send_due()
    row.refresh_from_db()
    assert (row.status, row.content) == ("sent", {})


@pytest.mark.django_db
def test_the_link_is_kept_while_the_email_waits_for_its_next_try(settings: Any) -> None:
    mailer_at(settings, free_port(), timeout=1)  # nothing listens there
    row = queue()
    send_due()
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("pending", 1)
    assert SECRET in row.content["text"]


@pytest.mark.django_db
def test_the_link_is_emptied_once_the_email_fails(settings: Any, smtp_sink: Any) -> None:
    smtp_sink.refuse = {"nobody@example.com"}
    row = queue()
    send_due()
    row.refresh_from_db()
    assert (row.status, row.content) == ("failed", {})


@pytest.mark.django_db
def test_the_link_is_emptied_once_the_window_ends(settings: Any) -> None:
    mailer_at(settings, free_port(), timeout=1)
    row = queue()
    send_due()
    send_due(START + timedelta(hours=49))
    row.refresh_from_db()
    assert (row.status, row.content) == ("failed", {})


@pytest.mark.django_db
def test_a_failed_email_sent_again_without_its_link_is_skipped(smtp_sink: Any) -> None:
    smtp_sink.refuse = {"nobody@example.com"}
    row = queue()
    send_due()
    smtp_sink.refuse = set()
    assert services.outbox_resend(ids=[row.pk], now=START) == 1
    assert send_due() == 0
    row.refresh_from_db()
    assert row.status == "skipped"
    assert smtp_sink.messages == []


@pytest.mark.django_db
def test_an_address_holding_an_encoded_word_is_never_written_into_a_header() -> None:
    # Valid to Django's EmailValidator, but the To header would decode it (3.12: a Bcc).
    row = queue(to="=?utf-8?q?x=0D=0ABcc=3A_x=40evil.test?=@example.com")
    assert send_due() == 0
    row.refresh_from_db()
    assert (row.status, row.content) == ("skipped", {})
    assert mail.outbox == []
