"""What the outbox stores about a person, in their own data export (DOMAIN.md section 4):
their e-mail choices as stored (a kind without a row is on, its default) and the e-mails
addressed to them, to their account or to one of their addresses. Registered with
logbook.export in NotificationsConfig.ready."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from django.utils.translation import gettext_lazy as _

from logbook.export import ExportContext, Row, Table
from notifications.models import EmailPreference
from notifications.personal import emails_to


def _moment(value: datetime | None, ctx: ExportContext) -> str | None:
    return None if value is None else value.astimezone(ctx.tz).isoformat()


CHOICE_COLUMNS = ("kind", "enabled", "changed_at")


def choice_rows(ctx: ExportContext) -> Iterator[Row]:
    for choice in EmailPreference.objects.filter(user=ctx.user).order_by("kind", "pk"):
        yield {
            "kind": choice.kind,
            "enabled": choice.enabled,
            "changed_at": _moment(choice.changed_at, ctx),
        }


EMAIL_COLUMNS = (
    "kind",
    "about",
    "status",
    "attempts",
    "queued_at",
    "sent_at",
    "last_error",
    "to_address",
)


def email_rows(ctx: ExportContext) -> Iterator[Row]:
    """The e-mails to the person's account or to any of their addresses (notifications.
    personal); never the content kept for a queued one (its one-time link)."""
    emails = emails_to(ctx.user).select_related("recipient")
    for email in emails.order_by("created_at", "pk"):
        yield {
            "kind": email.kind,
            "about": email.subject_key,
            "status": email.status,
            "attempts": email.attempts,
            "queued_at": _moment(email.created_at, ctx),
            "sent_at": _moment(email.sent_at, ctx),
            "last_error": email.last_error,
            "to_address": email.address,
        }


EXPORT_TABLES = (
    Table("email_choices", _("E-mail choices"), CHOICE_COLUMNS, choice_rows),
    Table("emails", _("E-mails to you"), EMAIL_COLUMNS, email_rows),
)
