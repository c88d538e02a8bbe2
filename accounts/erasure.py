"""What other apps erase when an account is deleted, registered in their AppConfig.ready
(the app that deletes accounts cannot import the apps to its right): coaching forgets the
person's address in coaches' invitations, for instance. Each eraser runs in the deleting
transaction, before the user row goes."""

from __future__ import annotations

from collections.abc import Callable

from accounts.models import User

Eraser = Callable[[User], object]

ERASERS: list[Eraser] = []


def eraser_register(eraser: Eraser) -> Eraser:
    if eraser not in ERASERS:
        ERASERS.append(eraser)
    return eraser


def erasers_run(*, user: User) -> None:
    for eraser in ERASERS:
        eraser(user)
