"""allauth's e-mails through the outbox: the sign-up link, password resets, the e-mail to
an address with no account, the notices about an account. accounts.adapter renders each
in the request, as allauth does (its links name the request's host), and hands it here
(accounts.mail_queue, registered in NotificationsConfig.ready). The row keeps what was
rendered until it is sent, failed or skipped, and a worker sends it right after the
commit: a mail server that refuses or hangs delays it, with the outbox's retries, and
never fails or holds the request."""

from __future__ import annotations

import uuid

from django.utils.translation import gettext_lazy as _

from accounts.mail_queue import AccountEmail
from accounts.services import account_for_address
from notifications.kinds import EmailKind, RenderedEmail, kind_register, rendered_when_queued
from notifications.services import outbox_add

ACCOUNT = "account"


def account_email_queue(email: AccountEmail) -> bool:
    """One row per e-mail allauth writes (each holds its own link): its subject key is the
    template's name and a random part. Returns True (the row is always new)."""
    name = email.template.rpartition("/")[2]
    return outbox_add(
        kind=ACCOUNT,
        recipient=account_for_address(email.to),
        to_address=email.to,
        subject_key=f"{name[:31]}-{uuid.uuid4().hex}",  # 64 at most
        context={"template": name},
        content=RenderedEmail(subject=email.subject, text=email.text, html=email.html),
        at_once=True,
    )


kind_register(
    EmailKind(
        code=ACCOUNT,
        label=_("Account e-mails"),
        description=_("Sign-up links, password resets and notices about your account."),
        render=lambda row, _prepared: rendered_when_queued(row),
        unsubscribable=False,
        to_addresses=True,
    )
)
