"""The tests empty their Redis database before and after every test (cache.clear() is a
FLUSHDB). So they only ever use a database they made their own: one that was empty when
they first came, marked with MARKER since; a database holding other keys and no mark
(a running stack's, someone's cache) is refused, never cleared."""

from __future__ import annotations

from functools import cache

import redis
from redis.exceptions import RedisError

__all__ = ["MARKER", "RedisError", "claim", "remark"]

MARKER = "runningcoach-tests:own-database"


@cache
def _client(url: str) -> redis.Redis:
    return redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=5)


def claim(url: str) -> str | None:
    """Mark the database at `url` as the tests' own; a reason when it is someone else's."""
    client = _client(url)
    if client.exists(MARKER) or client.dbsize() == 0:
        client.set(MARKER, "made by the runningcoach test suite")
        return None
    return (
        f"Redis database {url} holds {client.dbsize()} keys the tests did not make, and the "
        "tests empty their database. Give them an empty one with TEST_REDIS_URL (for "
        "example redis://127.0.0.1:6379/14), or empty this one yourself if it is a test "
        "database."
    )


def remark(url: str) -> None:
    """After the tests emptied their database: it stays theirs."""
    _client(url).set(MARKER, "made by the runningcoach test suite")
