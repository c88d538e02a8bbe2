"""The verification e-mail as `make run` prints it: plain text with the link on one line,
one host throughout, and confirming it signs the new runner in."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.urls import reverse

from runningcoach.mail import ReadableConsoleBackend
from tests.outbox import deliver

pytestmark = pytest.mark.django_db

SIGNUP = {
    "email": "dana@example.com",
    "password1": "a long and fine passphrase 42",
    "password2": "a long and fine passphrase 42",
    "display_name": "Dana",
}
LINK = re.compile(r"https?://\S+/accounts/confirm-email/\S+")


def test_printed_mail_keeps_a_long_link_on_one_line() -> None:
    link = "http://127.0.0.1:8000/accounts/confirm-email/" + "Mg:1vQ2xY:" + "a" * 80 + "/"
    stream = io.StringIO()
    backend = ReadableConsoleBackend(stream=stream)
    backend.send_messages([EmailMessage("Confirm", f"Open: {link}\nGroetjes, één", to=["a@b.c"])])
    printed = stream.getvalue()
    assert any(link in line for line in printed.splitlines())
    assert "quoted-printable" not in printed
    assert "één" in printed


def test_email_names_no_other_host_than_its_link(client: Any) -> None:
    client.post(reverse("account_signup"), SIGNUP)
    deliver()
    body = mail.outbox[0].body
    link = LINK.search(body)
    assert link
    assert "localhost" not in body.replace(link.group(0), "")


def test_link_stands_on_its_own_line(client: Any) -> None:
    client.post(reverse("account_signup"), SIGNUP)
    deliver()
    lines = mail.outbox[0].body.splitlines()
    assert any(LINK.fullmatch(line.strip()) for line in lines)


def test_confirming_signs_the_runner_in(client: Any) -> None:
    client.post(reverse("account_signup"), SIGNUP)
    deliver()
    path = "/" + LINK.search(mail.outbox[0].body).group(0).split("://", 1)[1].split("/", 1)[1]
    response = client.post(path, follow=True)
    assert response.context["user"].is_authenticated
    assert response.context["user"].email == SIGNUP["email"]
