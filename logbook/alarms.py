"""Who hears that an alarm is due for e-mail, after the commit that recorded it.

Logbook never sends: the outbox's sweeper finds the marked warnings on the beat. Where
no beat runs (`make run`: Celery eager, no broker), notifications listens here and sweeps
right after the commit, so the alarm reaches the console at once (notifications.apps)."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

_listeners: list[Callable[[], None]] = []


def alarms_due_listen(listener: Callable[[], None]) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


def alarms_due_announce() -> None:
    for listener in _listeners:
        transaction.on_commit(listener)
