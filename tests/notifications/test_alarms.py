"""Alarm e-mails through the outbox: once per warning per recipient, whatever fails."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import AthleteProfile
from logbook.models import TrainingWarning
from notifications import services
from notifications.models import OutboxEmail
from tests.logbook.helpers import days_ago, log_run


def sweep(settings: Any | None = None) -> int:
    now = timezone.now()
    services.outbox_queue_due(now=now)
    return services.outbox_send(ids=services.outbox_take_due(now=now), now=now)


@pytest.fixture
def coached(runner: Any, coach: Any) -> Any:
    runner.profile.coach = coach
    runner.profile.save()
    return runner


def spike(athlete: Any) -> TrainingWarning:
    log_run(athlete, days_ago(10), 10.0)
    log_run(athlete, days_ago(1), 14.0)
    return TrainingWarning.objects.get(athlete=athlete, rule="single_run_spike")


@pytest.mark.django_db
def test_logging_a_spike_records_the_alarm_and_sends_nothing_itself(coached):
    warning = spike(coached)
    assert warning.email_due is True
    assert mail.outbox == []


@pytest.mark.django_db
def test_alarm_goes_to_runner_and_coach_once(coached, coach):
    spike(coached)
    assert sweep() == 2
    assert sweep() == 0
    assert sorted(m.to[0] for m in mail.outbox) == sorted([coached.email, coach.email])
    to_coach = next(m for m in mail.outbox if m.to == [coach.email])
    assert "Alice" in to_coach.subject
    assert "14.0 km" in to_coach.body


@pytest.mark.django_db
def test_alarm_carries_one_click_unsubscribe_headers(coached):
    spike(coached)
    sweep()
    message = mail.outbox[0]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")
    assert "/email/unsubscribe/" in message.extra_headers["List-Unsubscribe"]


@pytest.mark.django_db
def test_line_break_in_a_stored_name_cannot_add_a_header(coached, coach, other_runner):
    # Stored before names were checked (the migration cleans these; this is the last line).
    AthleteProfile.objects.filter(user=coached).update(display_name="Evil\r\nBcc: x@example.com")
    spike(coached)
    spike(other_runner)
    assert sweep() == 3
    to_coach = next(m for m in mail.outbox if m.to == [coach.email])
    message = to_coach.message()
    assert message["Bcc"] is None
    assert "\n" not in to_coach.subject and "Evil Bcc: x@example.com" in to_coach.subject
    assert OutboxEmail.objects.filter(status="sent").count() == 3


@pytest.mark.django_db
def test_deleted_warning_is_not_emailed(coached):
    warning = spike(coached)
    services.outbox_queue_due(now=timezone.now())
    warning.session.delete()
    sweep()
    assert mail.outbox == []
    assert set(OutboxEmail.objects.values_list("status", flat=True)) == {"skipped"}


@pytest.mark.django_db
def test_runner_who_turned_alarms_off_gets_none_and_the_coach_still_does(coached, coach):
    services.preference_set(user=coached, kind=services.ALARM, enabled=False)
    spike(coached)
    sweep()
    assert [m.to for m in mail.outbox] == [[coach.email]]


@pytest.mark.django_db
def test_failed_second_recipient_does_not_repeat_the_first(coached, coach, smtp_sink, settings):
    # The first bug: the retry sent the runner the same alarm again.
    settings.OUTBOX_RETRY_BASE_S = 0
    smtp_sink.defer = {coach.email}
    spike(coached)
    sweep()
    assert len(smtp_sink.to(coached.email)) == 1
    coach_row = OutboxEmail.objects.get(recipient=coach)
    assert (coach_row.status, coach_row.attempts) == ("pending", 1)
    assert "450" in coach_row.last_error
    smtp_sink.defer = set()
    sweep()
    assert len(smtp_sink.to(coached.email)) == 1
    assert len(smtp_sink.to(coach.email)) == 1


@pytest.mark.django_db
def test_smtp_failing_twice_then_succeeding_gives_one_email_after_three_tries(
    runner, smtp_sink, settings
):
    settings.OUTBOX_RETRY_BASE_S = 0
    smtp_sink.fail_next = 2
    spike(runner)
    sweep()
    sweep()
    assert smtp_sink.messages == []
    sweep()
    assert len(smtp_sink.messages) == 1
    row = OutboxEmail.objects.get(recipient=runner)
    assert (row.status, row.attempts, smtp_sink.attempts) == ("sent", 3, 3)
    sweep()
    assert len(smtp_sink.messages) == 1


@pytest.mark.django_db
def test_a_refused_address_fails_for_good_and_the_admin_lists_it(
    runner, smtp_sink, settings, admin_client
):
    settings.OUTBOX_RETRY_BASE_S = 0
    smtp_sink.refuse = {runner.email}
    spike(runner)
    sweep()
    sweep()
    row = OutboxEmail.objects.get(recipient=runner)
    assert (row.status, row.attempts, smtp_sink.attempts) == ("failed", 1, 0)
    page = admin_client.get("/admin/notifications/outboxemail/?status__exact=failed")
    assert page.status_code == 200
    assert runner.email in page.content.decode()


@pytest.mark.django_db
def test_real_smtp_server_receives_the_message_with_its_headers(runner, smtp_sink):
    spike(runner)
    sweep()
    [message] = smtp_sink.messages
    assert message["To"] == runner.email
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["List-Unsubscribe"].startswith("<http://127.0.0.1:8000/email/unsubscribe/")
    assert "spike" in message["Subject"].lower() or "longer" in message["Subject"].lower()
    parts = {part.get_content_type(): part for part in message.walk()}
    assert "14.0 km" in parts["text/plain"].get_payload(decode=True).decode()
    assert "text/html" in parts


@pytest.mark.django_db
def test_old_alarm_is_never_emailed(runner):
    warning = spike(runner)
    TrainingWarning.objects.filter(pk=warning.pk).update(email_due=True)
    warning.session.start = days_ago(9)
    warning.session.save(update_fields=["start"])
    sweep()
    assert mail.outbox == []
    warning.refresh_from_db()
    assert (warning.email_due, warning.emailed_at) == (False, None)
