"""The Redis cache, with a per-process fallback while Redis cannot be reached.

The cache holds only what can be lost: the login rate-limit counters and whole pages
(logbook/page_cache.py, keyed by data versions kept in the database). When Redis is down,
each web process counts in its own memory instead, so signing in keeps working and the
limits still hold per process (fail open to per-process limits; README "Security and
privacy"); pages are then rendered on every request rather than kept in that memory. Short socket timeouts keep a request from waiting on an unreachable Redis.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
# After a failure, go straight to memory for this long instead of trying Redis again on
# every call, so a request pays the connection timeout at most once.
RETRY_AFTER_S = 5.0
# Until when each Redis (by its LOCATION) is taken for unreachable. The cache and the
# sessions' cache share one Redis: whichever meets the outage first spares the other its
# wait, so a request pays one timeout for both, not one each.
_DOWN_UNTIL: dict[str, float] = {}


class SharedOutage:
    """`_down_until` kept per Redis location, for every backend of this process."""

    _location: str

    @property
    def _down_until(self) -> float:
        return _DOWN_UNTIL.get(self._location, 0.0)

    @_down_until.setter
    def _down_until(self, until: float) -> None:
        _DOWN_UNTIL[self._location] = until


class ReusedClients(RedisCacheClient):
    """Django's client builds a new redis.Redis object (and its table of ~170 response
    callbacks) for every call; one per connection pool serves every call instead. The
    pools, and so the connections, were shared already."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        # Private in django-stubs, public enough in Django since 4.0.
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]
        client = self._clients.get(id(pool))
        if client is None:
            client = self._client(connection_pool=pool)  # type: ignore[attr-defined]
            self._clients[id(pool)] = client
        return client


class FallbackRedisCache(SharedOutage, RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = ReusedClients
        self._fallback = LocMemCache(f"fallback-{server}", {"OPTIONS": {"MAX_ENTRIES": 10_000}})
        self._location = server

    def in_fallback(self) -> bool:
        """True while this process counts in its own memory (Redis was unreachable)."""
        return time.monotonic() < self._down_until

    def _call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        if time.monotonic() >= self._down_until:
            try:
                return getattr(super(), name)(*args, **kwargs)
            except UNREACHABLE:
                self._down_until = time.monotonic() + RETRY_AFTER_S
                logger.warning("Redis cache unreachable; counting in this process for now.")
        return getattr(self._fallback, name)(*args, **kwargs)

    def add(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("add", *args, **kwargs)

    def get(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("get", *args, **kwargs)

    def set(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("set", *args, **kwargs)

    def touch(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("touch", *args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("delete", *args, **kwargs)

    def get_many(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("get_many", *args, **kwargs)

    def has_key(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("has_key", *args, **kwargs)

    def incr(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("incr", *args, **kwargs)

    def set_many(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("set_many", *args, **kwargs)

    def delete_many(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("delete_many", *args, **kwargs)

    def clear(self) -> Any:
        self._fallback.clear()
        return self._call("clear")


class SessionRedisCache(SharedOutage, RedisCache):
    """The cache in front of the database-backed sessions (SESSION_ENGINE cached_db).

    Unlike the fallback above it never answers from a per-process copy: a session that
    was signed out in one worker must not live on in another. While Redis cannot be
    reached a read is a miss (the session comes from the database) and a write or delete
    is skipped (the database has it). Entries live at most MAX_S (10 minutes), so a
    session signed out while Redis was down is gone from Redis soon after it is back."""

    MAX_S = 600

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = ReusedClients
        self._location = server

    def _try(self, name: str, default: Any, *args: Any, **kwargs: Any) -> Any:
        if time.monotonic() < self._down_until:
            return default
        try:
            return getattr(super(), name)(*args, **kwargs)
        except UNREACHABLE:
            self._down_until = time.monotonic() + RETRY_AFTER_S
            logger.warning("Redis unreachable; sessions are read from the database for now.")
            return default

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        return self._try("get", default, key, default, version)

    def set(self, key: Any, value: Any, timeout: Any = None, version: int | None = None) -> None:
        if not isinstance(timeout, int | float) or not 0 < timeout <= self.MAX_S:
            timeout = self.MAX_S
        self._try("set", None, key, value, timeout, version)

    def delete(self, key: Any, version: int | None = None) -> bool:
        return bool(self._try("delete", False, key, version))

    def has_key(self, key: Any, version: int | None = None) -> bool:
        return bool(self._try("has_key", False, key, version))
