"""What the e-mails of a Monday chunk share is parsed once (notifications.messages
OutboxMessage), and the HTML part keeps short lines so it goes out as 8bit, not
quoted-printable (notifications.html): the messages stay byte for byte what the mail
library builds one by one."""

from __future__ import annotations

import email
import email.policy

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives

from notifications.messages import OutboxMessage
from tests.factories import make_runner
from tests.notifications.test_reminders import MONDAY_0800_AMS, joined_long_ago, sweep_and_send

HEADERS = {
    "Date": "Mon, 23 Nov 2026 07:00:00 +0000",
    "Message-ID": "<outbox.1.20261123070000@example.com>",
    "List-Unsubscribe": "<https://example.com/email/unsubscribe/abc/>",
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
}
SUBJECT = "runningcoach: je week van 16\u201322 november en je volgende stappen"


def built(cls: type[EmailMultiAlternatives], to: str, **kwargs: object) -> bytes:
    message = cls(subject=SUBJECT, body="Hallo,\n", to=[to], headers=HEADERS)
    message.attach_alternative("<p>Hallo</p>", "text/html")
    parsed = message.message(**kwargs)
    content = bytes(parsed.as_bytes())
    return content.replace(str(parsed.get_boundary()).encode(), b"BOUNDARY")


def test_messages_of_a_chunk_are_the_bytes_the_mail_library_builds_alone() -> None:
    alone = email.policy.default.clone(max_line_length=998)
    for n in range(3):  # the shared parsed headers serve every message alike
        to = f"runner{n}@example.com"
        assert built(OutboxMessage, to) == built(EmailMultiAlternatives, to, policy=alone)


def test_a_header_with_a_line_break_is_still_refused() -> None:
    message = OutboxMessage(subject="x", body="y", to=["a@example.com"])
    message.extra_headers["Reply-To"] = "a@example.com\nBcc: b@example.com"
    with pytest.raises(ValueError):
        message.message()


@pytest.mark.django_db
def test_the_reminder_html_goes_out_as_8bit_with_its_styles(db: None) -> None:
    joined_long_ago(make_runner("alice@example.com", display_name="Alice"))
    assert sweep_and_send(MONDAY_0800_AMS) == 1
    (sent,) = mail.outbox
    parsed = email.message_from_bytes(sent.message().as_bytes(), policy=email.policy.default)
    html = parsed.get_body(preferencelist=("html",))
    assert html is not None
    assert html["Content-Transfer-Encoding"] == "8bit"
    content = html.get_content()
    assert max(len(line) for line in content.splitlines()) <= 998
    assert 'style="' in content and "Alice" in content
