"""What other apps erase of a person, registered in their AppConfig.ready() (accounts
cannot import the apps to its right):

- when an account is deleted (`account_delete`, accounts/deletion.py): logbook removes the
  uploaded import files and the cached pages that show the person (theirs, their coach's,
  a coach's athletes'), coaching forgets the person's address in coaches' invitations,
  notifications deletes the e-mails to any of the person's addresses (an invitation, one
  sent before the account existed). Each eraser runs in the deleting transaction, before
  the user row goes; one that leaves rows to go with the user row returns them as `Erased`, so the
  admin log forgets its entries about them too;
- when a runner withdraws their health-data consent (accounts/services.py): logbook erases
  the pain scores.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from django.db import models

from accounts.models import User


@dataclass(frozen=True)
class Erased:
    """The ids of the person's rows, by model, that go with the user row."""

    owned: Mapping[type[models.Model], Sequence[int]]


class Eraser(Protocol):
    # Anything but `Erased` is ignored (coaching's returns the number of invitations).
    def __call__(self, *, user: User) -> object: ...


class HealthDataEraser(Protocol):
    def __call__(self, *, athlete: User) -> object: ...


ERASERS: list[Eraser] = []
HEALTH_DATA_ERASERS: list[HealthDataEraser] = []


def eraser_register(eraser: Eraser) -> Eraser:
    if eraser not in ERASERS:
        ERASERS.append(eraser)
    return eraser


def erasers_run(*, user: User) -> dict[type[models.Model], list[int]]:
    """Run every eraser; the rows they name as the person's, by model."""
    owned: dict[type[models.Model], list[int]] = {}
    for eraser in ERASERS:
        erased = eraser(user=user)
        if isinstance(erased, Erased):
            for model, ids in erased.owned.items():
                owned.setdefault(model, []).extend(ids)
    return owned


def health_data_eraser_register(eraser: HealthDataEraser) -> HealthDataEraser:
    if eraser not in HEALTH_DATA_ERASERS:
        HEALTH_DATA_ERASERS.append(eraser)
    return eraser


def health_data_erase(*, athlete: User) -> None:
    """Health data is kept only with consent: every app erases what it holds of it."""
    for eraser in HEALTH_DATA_ERASERS:
        eraser(athlete=athlete)
