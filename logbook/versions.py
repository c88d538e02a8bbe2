"""Data versions: the key that keeps cached pages from ever showing stale data.

Every person has a version number (`User.data_version`). Every write that changes what a
page shows of a runner's data (a session logged, edited, deleted or imported, a warning
stored, seen or acknowledged, a profile, time zone or hip level change, a coach's note,
a training plan) calls `version_bump(athlete_id=...)` inside the write's transaction.
Cached pages and figures are keyed by the version (`version_key`), so the next request
after a write misses the cache and recomputes; old entries are never read again and
expire by themselves.

The version lives in the database, on the user row that authentication reads on every
request anyway: reading it costs no query for the runner's own pages, it survives a
Redis restart or outage (the cached pages in Redis may be lost, which only means
recomputing), and a reader that sees the new version also sees the write (same
transaction). A coach's list is keyed by its athletes' versions (`versions_of_coach`).

The API is stable; other apps (coaching's plans, notes) call `version_bump` too:

    from logbook.versions import version_bump
    version_bump(athlete_id=athlete.pk)
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from django.db.models import Count, F, Max, Sum

from accounts.models import AthleteProfile, User


def version_bump(*, athlete_id: int) -> None:
    """Mark every cached page of this person's data as out of date."""
    User.objects.filter(pk=athlete_id).update(data_version=F("data_version") + 1)


def versions_bump(*, athlete_ids: Iterable[int]) -> None:
    """`version_bump` for several people in one statement."""
    ids = list(athlete_ids)
    if ids:
        User.objects.filter(pk__in=ids).update(data_version=F("data_version") + 1)


def version_get(*, athlete_id: int) -> int | None:
    """The stored version (one query); None for a person who does not exist."""
    found: int | None = (
        User.objects.filter(pk=athlete_id).values_list("data_version", flat=True).first()
    )
    return found


def versions_of_coach(*, coach: User) -> str:
    """One key for all of a coach's athletes: it changes when any athlete's version
    changes, when one joins or leaves, and with the coach's own version (as loaded with
    the request's user). One query."""
    row = AthleteProfile.objects.filter(coach_id=coach.pk).aggregate(
        count=Count("pk"),
        ids=Sum("user_id"),
        versions=Sum("user__data_version"),
        newest=Max("user__data_version"),
    )
    return f"{coach.data_version}-{row['count']}-{row['ids']}-{row['versions']}-{row['newest']}"


def version_key(*parts: object) -> str:
    """A cache key from the given parts (versions, language, zone, day, page...)."""
    text = "\x1f".join(str(part) for part in parts)
    return "v:" + hashlib.sha256(text.encode()).hexdigest()
