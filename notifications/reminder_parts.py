"""What other apps add to the weekly reminder (coaching: the coach's newest note and the
plan of the week ahead), registered in their AppConfig.ready(), so notifications never
imports them. A part prepares what a chunk of reminders needs once, in a few queries, then
gives each e-mail its entries of the template's context."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from notifications.models import OutboxEmail


@dataclass(frozen=True)
class ReminderPart:
    prepare: Callable[[Sequence[OutboxEmail]], Any]
    context: Callable[[OutboxEmail, Any], dict[str, Any]]


REMINDER_PARTS: list[ReminderPart] = []


def reminder_part_register(part: ReminderPart) -> None:
    if part not in REMINDER_PARTS:
        REMINDER_PARTS.append(part)
