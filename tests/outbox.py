"""Every e-mail goes through the outbox: a request queues it, and a worker sends it right
after the request's commit (notifications.tasks.send_soon). A test inside one transaction
never commits, and no worker runs beside it: `deliver()` does the worker's part, so the
test then finds the e-mail in django.core.mail.outbox."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from notifications import services


def deliver(now: datetime | None = None) -> int:
    """Send every e-mail that is due, as the worker would; returns how many went."""
    now = now or timezone.now()
    return services.outbox_send(ids=services.outbox_take_due(now=now), now=now)
