"""Where the account e-mails go that allauth writes (the sign-up link, a password reset,
the notices about an account): into the app's one outbox, which notifications registers
here in its AppConfig.ready() (accounts cannot import it). The request only queues the
e-mail, rendered as allauth renders it; a worker sends it, and retries it while the mail
server refuses or hangs. There is no second path: without a registered queue the
adapter refuses to send (a configuration error), never sending in the request."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class AccountEmail:
    template: str  # allauth's template prefix, such as "account/email/password_reset_key"
    to: str
    subject: str
    text: str
    html: str  # empty when allauth rendered only plain text (this project's templates)


class AccountEmailQueue(Protocol):
    def __call__(self, email: AccountEmail) -> object: ...


_QUEUE: list[AccountEmailQueue] = []


def account_email_queue_register(queue: AccountEmailQueue) -> None:
    """The one queue account e-mails go to; registering another replaces it."""
    _QUEUE[:] = [queue]


def account_email_queue(email: AccountEmail) -> bool:
    """Queue the e-mail; False when no queue is registered (the caller raises)."""
    if not _QUEUE:
        return False
    _QUEUE[0](email)
    return True
