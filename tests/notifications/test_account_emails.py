"""allauth's e-mails go through the outbox (accounts.mail_queue, notifications.account_emails):
sign-up and password reset answer at once whatever the mail server does, and the e-mail
follows, with the outbox's retries, once the server answers again. The fault tests run a
real Celery worker on the real Redis broker and real SMTP servers on spare ports."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import mail_queue
from accounts.models import User
from notifications.account_emails import ACCOUNT
from notifications.models import OutboxEmail
from tests.conftest import wait_for
from tests.factories import sign_up_form
from tests.notifications.conftest import Sink, free_port, mailer_at, plain_text, serving
from tests.outbox import deliver

SIGNUP = sign_up_form("dana@example.com", "Dana")
CONFIRM_LINK = re.compile(r"https?://[^/\s]+(/accounts/confirm-email/\S+)")
RESET_LINK = re.compile(r"https?://[^/\s]+(/accounts/password/reset/key/\S+/)")
# A request publishes a task and answers; it may pay for a slow machine, never for SMTP.
MAX_REQUEST_S = 1.5


def timed(call: Callable[[], Any]) -> tuple[Any, float]:
    started = time.monotonic()
    result = call()
    return result, time.monotonic() - started


def account_rows() -> list[OutboxEmail]:
    return list(OutboxEmail.objects.filter(kind=ACCOUNT).order_by("pk"))


# Queued, not sent in the request ---------------------------------------------------------


@pytest.mark.django_db
def test_the_sign_up_email_is_queued_to_the_new_account_and_sent_by_the_outbox(
    client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as after_commit:
        client.post(reverse("account_signup"), SIGNUP)
    # Not in the request, nor after its commit in the web process: one hand-out to a worker.
    assert mail.outbox == []
    names = [getattr(c, "func", c).__name__ for c in after_commit]
    assert names.count("_hand_out") == 1
    [row] = account_rows()
    user = User.objects.get(email=SIGNUP["email"])
    assert (row.recipient, row.to_address, row.status) == (user, SIGNUP["email"], "pending")
    assert row.subject_key.startswith("email_confirmation_signup-")
    assert CONFIRM_LINK.search(row.content["text"])
    assert deliver() == 1
    [message] = mail.outbox
    assert message.to == [SIGNUP["email"]]
    assert message.subject.startswith("[runningcoach] ")
    assert CONFIRM_LINK.search(message.body)
    assert message.extra_headers["Message-ID"].startswith("<outbox.")
    row.refresh_from_db()
    assert (row.status, row.content) == ("sent", {})  # the link is not kept


@pytest.mark.django_db
def test_a_reset_for_an_address_without_an_account_goes_to_that_address(client: Any) -> None:
    client.post(reverse("account_reset_password"), {"email": "nobody@example.com"})
    [row] = account_rows()
    assert (row.recipient, row.to_address) == (None, "nobody@example.com")
    assert row.subject_key.startswith("unknown_account-")
    deliver()
    [message] = mail.outbox
    assert message.to == ["nobody@example.com"]
    assert not RESET_LINK.search(message.body)


@pytest.mark.django_db
def test_a_sign_up_with_a_taken_address_writes_to_its_owner(client: Any, runner: Any) -> None:
    client.post(reverse("account_signup"), {**SIGNUP, "email": runner.email})
    [row] = account_rows()
    assert (row.recipient, row.subject_key.split("-")[0]) == (runner, "account_already_exists")
    deliver()
    assert [m.to for m in mail.outbox] == [[runner.email]]


@pytest.mark.django_db
def test_the_email_is_in_the_language_of_the_request(client: Any) -> None:
    Client(headers={"accept-language": "nl"}).post(reverse("account_signup"), SIGNUP)
    deliver()
    [message] = mail.outbox
    assert "Bevestig" in message.subject, message.subject


@pytest.mark.django_db
def test_without_a_registered_queue_no_account_email_is_sent_in_the_request(
    client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No second way out: without the outbox, an account e-mail is a configuration error,
    never an SMTP call inside the request."""
    monkeypatch.setattr(mail_queue, "_QUEUE", [])
    with pytest.raises(ImproperlyConfigured):
        client.post(reverse("account_signup"), SIGNUP)
    assert account_rows() == []
    assert mail.outbox == []


# A mail server that refuses: the request answers, the e-mail follows ---------------------


def tried_once(row: OutboxEmail) -> Callable[[], bool]:
    def check() -> bool:
        row.refresh_from_db()
        return row.attempts >= 1 and row.status == "pending"

    return check


def sweep_until_sent(row: OutboxEmail, sink: Sink) -> None:
    """The beat's sweep, run through the worker once the row's next try is due; twice
    more after it went, for a duplicate to show."""
    from notifications.tasks import sweep

    assert wait_for(lambda: timezone.now() >= row.next_attempt_at, timeout=10)
    sweep.delay().get(timeout=30)
    assert wait_for(lambda: len(sink.messages) >= 1, timeout=30), row.last_error
    for _ in range(2):
        sweep.delay().get(timeout=30)
    wait_for(lambda: len(sink.messages) > 1, timeout=2)


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_sign_up_with_the_mail_server_refusing_answers_at_once_and_the_link_follows(
    celery_worker: Any, settings: Any
) -> None:
    settings.OUTBOX_RETRY_BASE_S = 1
    port = free_port()  # nothing listens there yet: every connection is refused
    mailer_at(settings, port, timeout=5)
    client = Client()
    response, elapsed = timed(lambda: client.post(reverse("account_signup"), SIGNUP))
    assert response.status_code == 302
    assert elapsed < MAX_REQUEST_S, elapsed
    user = User.objects.get(email=SIGNUP["email"])
    [row] = account_rows()
    assert row.recipient == user
    # The worker tried it right after the sign-up's commit, and was refused.
    assert wait_for(tried_once(row), timeout=30)
    assert "refused" in row.last_error.lower(), row.last_error

    with serving(Sink(port=port)) as sink:  # the server is back
        sweep_until_sent(row, sink)
    [message] = sink.messages
    assert message["To"] == SIGNUP["email"]
    link = CONFIRM_LINK.search(plain_text(message))
    assert link
    row.refresh_from_db()
    assert (row.status, row.content) == ("sent", {})
    # The link sent late still confirms the address and signs the runner in.
    confirmed = client.post(link.group(1), follow=True)
    assert confirmed.context["user"] == user


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_password_reset_with_the_mail_server_refusing_answers_at_once_and_the_link_follows(
    celery_worker: Any, settings: Any, runner: Any
) -> None:
    settings.OUTBOX_RETRY_BASE_S = 1
    port = free_port()
    mailer_at(settings, port, timeout=5)
    client = Client()
    response, elapsed = timed(
        lambda: client.post(reverse("account_reset_password"), {"email": runner.email})
    )
    assert response.status_code == 302
    assert elapsed < MAX_REQUEST_S, elapsed
    [row] = account_rows()
    assert wait_for(tried_once(row), timeout=30)
    assert "refused" in row.last_error.lower(), row.last_error

    with serving(Sink(port=port)) as sink:
        sweep_until_sent(row, sink)
    [message] = sink.messages
    assert message["To"] == runner.email
    link = RESET_LINK.search(plain_text(message))
    assert link
    form = client.get(link.group(1), follow=True)
    assert form.status_code == 200
    assert "password1" in form.content.decode()


@pytest.mark.django_db
def test_emails_to_addresses_without_an_account_are_forgotten_after_their_retention(
    client: Any, settings: Any
) -> None:
    """The daily task deletes finished rows to an address only, once older than
    OUTBOX_ADDRESS_RETENTION_DAYS; a row to an account, or one still waiting, stays."""
    from datetime import timedelta

    from django.utils import timezone

    from notifications.tasks import forget_addresses

    settings.OUTBOX_ADDRESS_RETENTION_DAYS = 30
    client.post(reverse("account_reset_password"), {"email": "nobody@example.com"})
    client.post(reverse("account_reset_password"), {"email": "nobody-else@example.com"})
    client.post(reverse("account_signup"), SIGNUP)
    assert deliver() == 3
    old, recent, to_account = account_rows()
    client.post(reverse("account_reset_password"), {"email": "waiting@example.com"})
    [*_, waiting] = account_rows()
    now = timezone.now()
    OutboxEmail.objects.filter(pk__in=[old.pk, to_account.pk, waiting.pk]).update(
        created_at=now - timedelta(days=31)
    )
    OutboxEmail.objects.filter(pk=recent.pk).update(created_at=now - timedelta(days=29))
    assert forget_addresses() == 1
    assert [row.pk for row in account_rows()] == [recent.pk, to_account.pk, waiting.pk]
