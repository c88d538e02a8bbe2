"""The coach's invitation goes through the outbox: the coach's request queues it with the
invitation and answers at once, whatever the mail server does; a worker sends it right
after the commit, and retries it while the server hangs. The fault test runs a real Celery
worker on the real Redis broker and a real SMTP server that holds every client."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from coaching import services
from coaching.emails import INVITATION
from coaching.models import Invitation
from notifications.models import OutboxEmail
from tests.coaching.conftest import Club
from tests.conftest import wait_for
from tests.factories import make_runner
from tests.notifications.conftest import Sink, free_port, mailer_at, plain_text, serving
from tests.outbox import deliver

LINK = re.compile(r"http://[^/\s]+(/coaching/invitation/[^/\s]+/)")
ADD = "admin:coaching_invitation_add"


def invitation_rows() -> list[OutboxEmail]:
    return list(OutboxEmail.objects.filter(kind=INVITATION).order_by("pk"))


@pytest.mark.django_db
def test_the_invitation_is_queued_to_its_address_without_its_link(
    bob_client: Any, club: Club, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as after_commit:
        bob_client.post(reverse(ADD), {"email": "frank@example.com"})
    # Not in the request, nor after its commit in the web process: one hand-out to a worker.
    assert mail.outbox == []
    names = [getattr(c, "func", c).__name__ for c in after_commit]
    assert names.count("_hand_out") == 1
    invitation = Invitation.objects.get()
    [row] = invitation_rows()
    assert (row.recipient, row.to_address) == (None, "frank@example.com")
    assert (row.subject_key, row.context) == (
        f"invitation-{invitation.pk}",
        {"invitation_id": invitation.pk},
    )
    assert row.content == {}  # the signed link is made when the e-mail is built
    assert deliver() == 1
    [message] = mail.outbox
    assert message.to == ["frank@example.com"]
    assert "Bob" in message.subject
    link = LINK.search(message.body)
    assert link
    assert (
        services.invitation_from_token(
            link.group(1).rstrip("/").rsplit("/", 1)[1], now=timezone.now()
        )
        == invitation
    )
    assert deliver() == 0
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_the_invitation_is_written_in_the_language_of_the_invited_account(
    bob_client: Any, club: Club
) -> None:
    frank = make_runner("frank@example.com", display_name="Frank")
    frank.profile.language = "nl"
    frank.profile.save()
    bob_client.post(reverse(ADD), {"email": "frank@example.com"})
    deliver()
    [message] = mail.outbox
    assert "nodigt je uit" in message.subject, message.subject


@pytest.mark.django_db
def test_an_invitation_withdrawn_before_it_went_out_is_not_sent(
    bob_client: Any, club: Club
) -> None:
    bob_client.post(reverse(ADD), {"email": "frank@example.com"})
    Invitation.objects.get().delete()
    assert deliver() == 0
    assert mail.outbox == []
    assert invitation_rows()[0].status == "skipped"


@pytest.mark.django_db
def test_an_address_holding_an_encoded_word_is_refused_when_typed(
    bob_client: Any, club: Club
) -> None:
    address = "=?utf-8?q?x=0D=0ABcc=3A_x=40evil.test?=@example.com"
    response = bob_client.post(reverse(ADD), {"email": address})
    assert response.status_code == 200
    assert "=?" in response.content.decode()
    assert not Invitation.objects.exists()
    assert invitation_rows() == []


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_an_invitation_against_a_hanging_mail_server_is_kept_and_arrives_once_it_answers(
    celery_worker: Any, settings: Any, club: Club, client: Any
) -> None:
    settings.OUTBOX_RETRY_BASE_S = 1
    with serving(Sink(port=free_port(), hold_recipients=True)) as sink:
        mailer_at(settings, sink.port, timeout=2)  # EMAIL_TIMEOUT: 2 s here, 10 s by default
        client.force_login(club.bob)
        started = time.monotonic()
        response = client.post(reverse(ADD), {"email": "frank@example.com"})
        elapsed = time.monotonic() - started
        assert response.status_code == 302
        assert elapsed < 1.5, elapsed  # never the mail server's timeout
        invitation = Invitation.objects.get()  # kept, not rolled back
        [row] = invitation_rows()

        # The worker took it after the commit, the server held it, the try timed out.
        def tried_once() -> bool:
            row.refresh_from_db()
            return row.attempts == 1 and row.status == "pending"

        assert wait_for(tried_once, timeout=30)
        assert sink.held >= 1 and sink.messages == []

        sink.hold_recipients = False  # the server answers again
        from notifications.tasks import sweep

        assert wait_for(lambda: timezone.now() >= row.next_attempt_at, timeout=10)
        sweep.delay().get(timeout=30)
        assert wait_for(lambda: len(sink.messages) == 1, timeout=30), row.last_error
        for _ in range(2):  # the beat sweeps again: nothing more goes
            sweep.delay().get(timeout=30)
        wait_for(lambda: len(sink.messages) > 1, timeout=2)
    [message] = sink.messages
    assert message["To"] == "frank@example.com"
    assert LINK.search(plain_text(message))
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("sent", 2)
    assert Invitation.objects.get() == invitation


@pytest.mark.django_db
def test_a_withdrawn_invitation_takes_its_email_and_address_with_it(
    bob_client: Any, club: Club
) -> None:
    """The coach deletes the invitation (withdraws it), one page or the list's action:
    the outbox keeps no row to the address of someone without an account."""
    for address in ("frank@example.com", "gina@example.com", "hal@example.com"):
        bob_client.post(reverse(ADD), {"email": address})
    assert deliver() == 3
    frank, gina, hal = Invitation.objects.order_by("email")
    response = bob_client.post(
        reverse("admin:coaching_invitation_delete", args=[frank.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    response = bob_client.post(
        reverse("admin:coaching_invitation_changelist"),
        {"action": "delete_selected", "_selected_action": [gina.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert list(Invitation.objects.all()) == [hal]
    assert [row.to_address for row in invitation_rows()] == ["hal@example.com"]
