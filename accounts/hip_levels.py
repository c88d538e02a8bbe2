"""The history of each runner's hip level: who moved it, from what, to what, and when.

The hip gate counts only weeks spent at a level (DOMAIN.md section 3), so every change is
recorded, whoever makes it (the runner after the self-check, a coach in the admin). The
rows live in coaching (HipLevelChange, the coach's admin lists them); coaching registers
its keeper here in its AppConfig.ready(), so accounts, exercises and logbook read and
write the history without importing coaching. Without a keeper nothing is recorded and
every week counts at today's level.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from accounts.models import User


@dataclass(frozen=True)
class LevelChange:
    at: datetime
    previous_level: int
    level: int


class HistoryKeeper(Protocol):
    def record(
        self, *, athlete: User, previous_level: int, level: int, set_by: User | None, at: datetime
    ) -> None: ...

    def changes_since(
        self, *, athlete_ids: Sequence[int], since: datetime
    ) -> dict[int, list[LevelChange]]:
        """Every change at or after `since`, oldest first, by athlete id."""
        ...


_keeper: HistoryKeeper | None = None


def history_keeper_register(keeper: HistoryKeeper) -> None:
    global _keeper
    _keeper = keeper


def hip_level_change_record(
    *, athlete: User, previous_level: int, level: int, set_by: User | None, at: datetime
) -> None:
    if _keeper is not None:
        _keeper.record(
            athlete=athlete, previous_level=previous_level, level=level, set_by=set_by, at=at
        )


def hip_level_changes_since(
    *, athlete_ids: Sequence[int], since: datetime
) -> dict[int, list[LevelChange]]:
    if _keeper is None or not athlete_ids:
        return {}
    return _keeper.changes_since(athlete_ids=athlete_ids, since=since)


def level_at(moment: datetime, *, changes: Sequence[LevelChange], current_level: int) -> int:
    """The level in force at `moment`, from the changes after it (oldest first) and today's
    level: the level a later change moved away from, or today's when none came after."""
    for change in changes:
        if change.at > moment:
            return change.previous_level
    return current_level


def level_throughout(
    start: datetime, end: datetime, *, changes: Sequence[LevelChange], current_level: int
) -> int | None:
    """The level of the whole span [start, end), or None when it changed within it."""
    if any(start < change.at < end for change in changes):
        return None
    return level_at(start, changes=changes, current_level=current_level)
