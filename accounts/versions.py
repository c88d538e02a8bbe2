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
transaction, or the bump after the write). Raising an athlete's version raises their
coach's too, so a coach's own version keys their pages of athletes (the athlete list);
linking or unlinking an athlete raises both.

The API is stable; every app that writes what a page shows calls `version_bump`
(logbook's sessions, coaching's plans and notes, accounts' profiles):

    from accounts.versions import version_bump
    version_bump(athlete_id=athlete.pk)
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import cache

from django.db import connections, router
from django.db.models import F, Q

from accounts.models import AthleteProfile, User
from runningcoach.code_version import code_version


def _with_coaches(ids: list[int]) -> Q:
    """These people and their coaches: a coach's pages show their athletes' data."""
    coaches = AthleteProfile.objects.filter(user_id__in=ids, coach__isnull=False).values("coach_id")
    return Q(pk__in=ids) | Q(pk__in=coaches)


@cache
def _bump_statement(alias: str) -> str:
    """`User.objects.filter(_with_coaches([id])).update(data_version=F("data_version") + 1)`
    written once per process: every write calls it, and the ORM compiling it anew cost
    more than running it."""
    quote = connections[alias].ops.quote_name
    users, profiles = quote(User._meta.db_table), quote(AthleteProfile._meta.db_table)
    version, pk = quote("data_version"), quote("id")
    coach, user = quote("coach_id"), quote("user_id")
    return (
        f"UPDATE {users} SET {version} = {version} + 1 WHERE {pk} = %s OR {pk} IN "  # noqa: S608 (names from the models)
        f"(SELECT {coach} FROM {profiles} WHERE {user} = %s AND {coach} IS NOT NULL)"
    )


def version_bump(*, athlete_id: int) -> None:
    """Mark every cached page of this person's data as out of date, their coach's too.
    One statement; call it after the write, in the write's transaction."""
    alias = router.db_for_write(User)
    with connections[alias].cursor() as cursor:
        cursor.execute(_bump_statement(alias), [athlete_id, athlete_id])


def versions_bump(*, athlete_ids: Iterable[int]) -> None:
    """`version_bump` for several people (and their coaches) in one statement."""
    ids = list(athlete_ids)
    if ids:
        User.objects.filter(_with_coaches(ids)).update(data_version=F("data_version") + 1)


def version_get(*, athlete_id: int) -> int | None:
    """The stored version (one query); None for a person who does not exist."""
    found: int | None = (
        User.objects.filter(pk=athlete_id).values_list("data_version", flat=True).first()
    )
    return found


def version_key(*parts: object) -> str:
    """A cache key from the given parts (versions, language, zone, day, page...) and the
    version of the code (runningcoach/code_version.py): a deploy starts with new keys."""
    text = "\x1f".join(str(part) for part in (code_version(), *parts))
    return "v:" + hashlib.sha256(text.encode()).hexdigest()
