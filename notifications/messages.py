"""Each outbox row's message: its headers on one line each, the same Message-ID every time
the row is sent, a one-click unsubscribe link for the kinds that have one, and headers
folded only where RFC 5322 requires."""

from __future__ import annotations

import email.policy
from email.utils import parseaddr
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.utils import DNS_NAME

from accounts.models import User
from notifications.kinds import EmailKind, RenderedEmail
from notifications.models import OutboxEmail
from notifications.services import unsubscribe_url
from runningcoach.mail import header_text


def language_of(user: User | None) -> str:
    """The recipient's language; the site's for an e-mail to an address alone (a kind
    that knows better, such as the invitation, sets its own while it renders)."""
    profile = getattr(user, "profile", None) if user is not None else None
    return (profile.language if profile else "") or settings.LANGUAGE_CODE


def one_line(text: str) -> str:
    """A header value on one line: no CR, LF or other line breaks can start a new header,
    and no encoded word can decode into one (runningcoach.mail.header_text)."""
    return header_text(text)


# Headers whose values repeat from e-mail to e-mail of a chunk (the sender, the week's
# subject in one language, the MIME parts' types): parsing and folding a header value is
# most of the cost of building a message, so each distinct value is parsed and folded
# once per process.
_REPEATED_HEADERS = frozenset(
    {
        "from",
        "subject",
        "mime-version",
        "content-type",
        "content-transfer-encoding",
        "list-unsubscribe-post",
        "reply-to",
    }
)


@lru_cache(maxsize=1024)
def _parsed_header(name: str, value: str) -> Any:
    header = email.policy.default.header_factory(name, value)
    header.outbox_folded = {}  # its folded form per policy: folded once too
    return header


class _OutboxPolicy(email.policy.EmailPolicy):
    def header_store_parse(self, name: str, value: Any) -> tuple[str, Any]:
        if (
            isinstance(value, str)
            and not hasattr(value, "name")
            and name.lower() in _REPEATED_HEADERS
            and len(value.splitlines()) <= 1
        ):
            return (name, _parsed_header(name, value))
        return super().header_store_parse(name, value)

    def fold_binary(self, name: str, value: Any) -> bytes:
        folded: dict[tuple[object, ...], bytes] | None = getattr(value, "outbox_folded", None)
        if folded is None:
            return super().fold_binary(name, value)
        key = (name, self.linesep, self.max_line_length, self.cte_type, self.utf8)
        if key not in folded:
            folded[key] = super().fold_binary(name, value)
        return folded[key]


# RFC 5322's own limit (998 characters) for folding, not 78: the mail library would
# otherwise turn the long, space-free List-Unsubscribe link into an encoded word that
# mail clients do not read as a link.
_POLICY = _OutboxPolicy(max_line_length=998)


class OutboxMessage(EmailMultiAlternatives):
    """Headers fold only where RFC 5322 requires (998 characters), not at 78; values that
    repeat across a chunk are parsed once (`_REPEATED_HEADERS`)."""

    def message(self, *, policy: Any = None) -> Any:
        return super().message(
            policy=_POLICY if policy is None else policy.clone(max_line_length=998)
        )


def message_id(row: OutboxEmail) -> str:
    """The same Message-ID every time this row is sent, so a message sent again after an
    acknowledgement that came too late is one message to a client that de-duplicates."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or str(DNS_NAME)
    return f"<outbox.{row.pk}.{row.created_at:%Y%m%d%H%M%S%f}@{domain}>"


def message_build(
    row: OutboxEmail, kind: EmailKind, rendered: RenderedEmail
) -> EmailMultiAlternatives:
    headers = {name: one_line(value) for name, value in rendered.headers.items()}
    headers["Message-ID"] = message_id(row)
    if kind.unsubscribable and row.recipient is not None:
        headers["List-Unsubscribe"] = f"<{unsubscribe_url(user=row.recipient, kind=kind.code)}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = OutboxMessage(
        subject=one_line(rendered.subject),
        body=rendered.text,
        to=[row.address],
        headers=headers,
    )
    if rendered.html:  # allauth's account e-mails are plain text
        message.attach_alternative(rendered.html, "text/html")
    return message
