"""How the outbox meets a failing mail server, with real SMTP servers on spare ports: a
refused connection, a 4xx or 5xx answer, a server that never answers, one that keeps the
message and acknowledges it late. Transient trouble is retried with back-off for the whole
retry window; only a permanent 5xx or the window's end fails an e-mail, and a superuser can
send a failed one again."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.urls import reverse

from notifications import services
from notifications.kinds import EmailKind, RenderedEmail, kind_register
from notifications.models import OutboxEmail
from tests.factories import make_runner
from tests.notifications.conftest import free_port, mailer_at

kind_register(
    EmailKind(
        code="delivery_note",
        label="Delivery note",
        description="A note used by the delivery tests.",
        render=lambda row, _prepared: RenderedEmail(
            subject=f"Note {row.subject_key}", text="Body", html="<p>Body</p>"
        ),
        unsubscribable=False,
    )
)

START = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)


def queue(recipient: Any, key: str = "n-1") -> OutboxEmail:
    services.outbox_add(kind="delivery_note", recipient=recipient, subject_key=key, now=START)
    return OutboxEmail.objects.get(recipient=recipient, subject_key=key)


def send_due(now: datetime) -> int:
    return services.outbox_send(ids=services.outbox_take_due(now=now), now=now)


@pytest.mark.django_db
def test_a_refused_connection_is_retried_with_back_off_until_the_window_ends(runner, settings):
    settings.OUTBOX_RETRY_BASE_S = 60
    settings.OUTBOX_RETRY_WINDOW_HOURS = 48
    mailer_at(settings, free_port(), timeout=1)  # nothing listens there
    row = queue(runner)
    now, waits = START, []
    while row.status == "pending":
        send_due(now)
        row.refresh_from_db()
        waits.append(row.next_attempt_at - now)
        now = row.next_attempt_at
    assert row.status == "failed"
    assert "refused" in row.last_error.lower()
    # Doubling from a minute up to an hour, for the whole 48 hours, the last try at its end.
    assert waits[:3] == [timedelta(minutes=1), timedelta(minutes=2), timedelta(minutes=4)]
    assert max(waits) == timedelta(hours=1)
    assert row.first_attempt_at == START
    assert now == START + timedelta(hours=48)
    assert row.attempts == len(waits) > 40


@pytest.mark.django_db
@pytest.mark.parametrize("refusal", ["recipient", "message"])
def test_a_permanent_refusal_fails_the_email_at_once(runner, smtp_sink, refusal):
    if refusal == "recipient":
        smtp_sink.refuse = {runner.email}
    else:
        smtp_sink.fail_data_for_good = True
    queue(runner)
    assert send_due(START) == 0
    row = OutboxEmail.objects.get(recipient=runner)
    assert (row.status, row.attempts) == ("failed", 1)
    assert ("550" if refusal == "recipient" else "554") in row.last_error


@pytest.mark.django_db
def test_a_4xx_for_one_recipient_is_retried_and_the_others_go_on(runner, other_runner, smtp_sink):
    smtp_sink.defer = {runner.email}
    queue(runner)
    queue(other_runner)
    assert send_due(START) == 1
    row = OutboxEmail.objects.get(recipient=runner)
    assert (row.status, row.attempts) == ("pending", 1)
    assert "450" in row.last_error
    smtp_sink.defer = set()
    assert send_due(row.next_attempt_at) == 1
    assert [m["To"] for m in smtp_sink.messages] == [other_runner.email, runner.email]


@pytest.mark.django_db
def test_a_server_that_never_answers_is_tried_once_per_chunk(db, settings, silent_server):
    """The first e-mail waits for the timeout; the others are not tried against a server
    that is not answering, keep their attempts and follow when the first is due again."""
    mailer_at(settings, silent_server, timeout=1)
    rows = [queue(make_runner(f"r{n}@example.com"), key=f"n-{n}") for n in range(3)]
    send_due(START)
    tried, *untried = (OutboxEmail.objects.get(pk=row.pk) for row in rows)
    assert (tried.status, tried.attempts) == ("pending", 1)
    assert "timed out" in tried.last_error or "closed" in tried.last_error
    assert [(r.status, r.attempts) for r in untried] == [("pending", 0), ("pending", 0)]
    assert {r.next_attempt_at for r in untried} == {tried.next_attempt_at}
    assert tried.next_attempt_at > START


@pytest.mark.django_db
def test_an_email_acknowledged_late_is_sent_again_with_the_same_message_id(
    runner, other_runner, smtp_sink, settings
):
    mailer_at(settings, smtp_sink.port, timeout=1)
    smtp_sink.answer_late_s = 2  # keeps the message, answers after the sender gave up
    row = queue(runner)
    send_due(START)
    row.refresh_from_db()
    assert (row.status, len(smtp_sink.messages)) == ("pending", 1)
    smtp_sink.answer_late_s = 0
    queue(other_runner, key="n-2")
    send_due(row.next_attempt_at)
    row.refresh_from_db()
    assert row.status == "sent"
    first, again = smtp_sink.to(runner.email)
    assert first["Message-ID"] == again["Message-ID"]
    assert first["Message-ID"].startswith("<") and "@" in first["Message-ID"]
    [other] = smtp_sink.to(other_runner.email)
    assert other["Message-ID"] != first["Message-ID"]


@pytest.mark.django_db
def test_a_superuser_sends_a_failed_email_again_from_the_admin(runner, smtp_sink, admin_client):
    smtp_sink.refuse = {runner.email}
    row = queue(runner)
    send_due(START)
    row.refresh_from_db()
    assert row.status == "failed"
    smtp_sink.refuse = set()
    changelist = reverse("admin:notifications_outboxemail_changelist")
    assert "Send again" in admin_client.get(changelist).content.decode()
    response = admin_client.post(
        changelist, {"action": "outbox_resend", "_selected_action": [row.pk]}, follow=True
    )
    assert "1 e-mail will be sent again" in response.content.decode()
    row.refresh_from_db()
    assert (row.status, row.attempts, row.first_attempt_at) == ("pending", 0, None)
    assert send_due(datetime.now(UTC)) == 1
    assert [m["To"] for m in smtp_sink.messages] == [runner.email]


@pytest.mark.django_db
def test_a_coach_cannot_send_failed_emails_again(runner, coach, client, smtp_sink):
    smtp_sink.refuse = {runner.email}
    row = queue(runner)
    send_due(START)
    client.force_login(coach)
    response = client.post(
        reverse("admin:notifications_outboxemail_changelist"),
        {"action": "outbox_resend", "_selected_action": [row.pk]},
    )
    assert response.status_code == 403
    row.refresh_from_db()
    assert row.status == "failed"
