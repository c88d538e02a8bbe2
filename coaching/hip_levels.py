"""Coaching keeps the history of hip levels for accounts.hip_levels (registered in
CoachingConfig.ready): the coach's admin lists the same rows."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from accounts.hip_levels import LevelChange
from accounts.models import User
from coaching.models import HipLevelChange


class HipLevelHistory:
    """The keeper of accounts.hip_levels: the history lives in HipLevelChange."""

    def record(
        self, *, athlete: User, previous_level: int, level: int, set_by: User | None, at: datetime
    ) -> None:
        HipLevelChange.objects.create(
            athlete=athlete, level=level, previous_level=previous_level, set_by=set_by, at=at
        )

    def changes_since(
        self, *, athlete_ids: Sequence[int], since: datetime
    ) -> dict[int, list[LevelChange]]:
        found: dict[int, list[LevelChange]] = {}
        rows = (
            HipLevelChange.objects.filter(athlete_id__in=athlete_ids, at__gte=since)
            .order_by("at", "pk")
            .values_list("athlete_id", "at", "previous_level", "level")
        )
        for athlete_id, at, previous_level, level in rows:
            found.setdefault(athlete_id, []).append(LevelChange(at, previous_level, level))
        return found
