"""The kinds of e-mail the outbox knows, each with how to render it.

Another app adds a kind by registering it (in its AppConfig.ready) and then queueing rows
with `notifications.services.outbox_add`, to an account or, for a kind registered with
`to_addresses`, to an address. The outbox renders a claimed batch in two steps:
`prepare` loads what every row of the batch needs in a fixed handful of queries, `render`
turns one row into subject, texts and headers in the recipient's language (the outbox
activates it). `render` returns None when the e-mail no longer makes sense (its warning
was deleted, the coach changed): the row is then skipped, not sent.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django_stubs_ext import StrPromise

if TYPE_CHECKING:
    from notifications.models import OutboxEmail


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str
    headers: Mapping[str, str] = field(default_factory=dict)


def rendered_when_queued(row: OutboxEmail) -> RenderedEmail | None:
    """The e-mail rendered when the row was queued (`outbox_add(content=...)`), or None
    once the outbox has emptied it (the row was sent, failed or skipped)."""
    content = row.content if isinstance(row.content, dict) else {}
    if not content.get("subject") and not content.get("text"):
        return None
    headers = content.get("headers") or {}
    return RenderedEmail(
        subject=str(content.get("subject", "")),
        text=str(content.get("text", "")),
        html=str(content.get("html", "")),
        headers={str(name): str(value) for name, value in dict(headers).items()},
    )


def _nothing_to_prepare(rows: Sequence[OutboxEmail]) -> None:
    return None


@dataclass(frozen=True)
class EmailKind:
    code: str
    label: str | StrPromise  # shown on the preferences page
    description: str | StrPromise
    render: Callable[[OutboxEmail, Any], RenderedEmail | None]
    prepare: Callable[[Sequence[OutboxEmail]], Any] = _nothing_to_prepare
    # RFC 8058 one-click unsubscribe headers, and a switch on the preferences page.
    unsubscribable: bool = True
    # Shown on the preferences page only to coaches (the digest).
    coaches_only: bool = False
    # Queued to an address that may have no account behind it (an invitation, allauth's
    # account e-mails): its rows may have no recipient, and `render` must not need one.
    # Never unsubscribable: there is no account to hold the choice.
    to_addresses: bool = False

    def __post_init__(self) -> None:
        if self.to_addresses and self.unsubscribable:
            raise ValueError(f"e-mail kind {self.code!r} goes to addresses: not unsubscribable")


KINDS: dict[str, EmailKind] = {}


def kind_register(kind: EmailKind) -> EmailKind:
    if kind.code in KINDS and KINDS[kind.code] != kind:
        raise ValueError(f"e-mail kind {kind.code!r} is already registered")
    KINDS[kind.code] = kind
    return kind


def kind_get(code: str) -> EmailKind:
    try:
        return KINDS[code]
    except KeyError:
        raise LookupError(f"unknown e-mail kind {code!r}") from None
