"""The service other apps use to say an e-mail is due."""

import pytest
from django.core import mail
from django.utils import timezone

from notifications import services
from notifications.kinds import EmailKind, RenderedEmail, kind_register
from notifications.models import OutboxEmail

kind_register(
    EmailKind(
        code="test_note",
        label="Test note",
        description="A note used by these tests.",
        render=lambda row, _prepared: RenderedEmail(
            subject=f"Note\r\n{row.context['word']}", text="Body", html="<p>Body</p>"
        ),
        unsubscribable=False,
    )
)


@pytest.mark.django_db
def test_adding_the_same_email_twice_keeps_one_row(runner):
    assert services.outbox_add(
        kind="test_note", recipient=runner, subject_key="n-1", context={"word": "a"}
    )
    assert not services.outbox_add(kind="test_note", recipient=runner, subject_key="n-1")
    assert OutboxEmail.objects.filter(recipient=runner).count() == 1


@pytest.mark.django_db
def test_an_unknown_kind_is_refused(runner):
    with pytest.raises(LookupError):
        services.outbox_add(kind="no_such_kind", recipient=runner, subject_key="x")


@pytest.mark.django_db
def test_a_kind_without_unsubscribe_sends_without_the_headers_and_a_flat_subject(runner):
    services.outbox_add(
        kind="test_note", recipient=runner, subject_key="n-2", context={"word": "b"}
    )
    now = timezone.now()
    services.outbox_send(ids=services.outbox_take_due(now=now), now=now)
    [message] = mail.outbox
    assert message.subject == "Note b"
    assert "List-Unsubscribe" not in message.extra_headers


@pytest.mark.django_db
def test_rows_whose_send_task_was_lost_are_handed_out_again_later(runner, settings):
    from datetime import timedelta

    settings.OUTBOX_REQUEUE_AFTER_S = 900
    services.outbox_add(
        kind="test_note", recipient=runner, subject_key="n-3", context={"word": "c"}
    )
    now = timezone.now()
    first = services.outbox_take_due(now=now)
    assert len(first) == 1
    # The task carrying it vanished (the broker restarted empty): not handed out twice at
    # once, but again once the requeue time has passed.
    assert services.outbox_take_due(now=now + timedelta(minutes=5)) == []
    assert services.outbox_take_due(now=now + timedelta(minutes=16)) == first
