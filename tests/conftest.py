from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from tests import redis_guard
from tests.factories import make_coach, make_runner

MISSING = [m for m in os.environ.get("RUNNINGCOACH_MISSING_SERVICES", "").split("; ") if m]
REQUIRE = os.environ.get("REQUIRE_SERVICES") == "1"
_skipped: list[str] = []


def services_missing_for(item: pytest.Item) -> str | None:
    if item.get_closest_marker("services"):
        if not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
            return "PostgreSQL"
        if not getattr(settings, "REDIS_URL", ""):
            return "Redis and a Celery worker"
    if item.get_closest_marker("browser") and not os.environ.get("CHROMIUM_PATH"):
        return "Chromium"
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        missing = services_missing_for(item)
        if missing is None:
            continue
        if REQUIRE:
            raise pytest.UsageError(f"REQUIRE_SERVICES=1 but {missing} is not available")
        _skipped.append(item.nodeid)
        item.add_marker(pytest.mark.skip(reason=f"SKIPPED: NEEDS {missing.upper()}"))


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if _skipped or MISSING:
        terminalreporter.write_line("")
        terminalreporter.write_line("!" * 72)
        if MISSING:
            terminalreporter.write_line("NOT AVAILABLE: " + "; ".join(MISSING).upper())
        terminalreporter.write_line(f"SKIPPED {len(_skipped)} TESTS THAT NEED THEM.")
        terminalreporter.write_line("!" * 72)


def pytest_sessionstart(session: pytest.Session) -> None:
    redis_url = getattr(settings, "REDIS_URL", "")
    try:
        refusal = redis_guard.claim(redis_url) if redis_url else None
    except redis_guard.RedisError:
        refusal = None  # no Redis to empty; the tests that need it say so
    if refusal:
        pytest.exit(f"REFUSING TO RUN: {refusal}", returncode=1)


def _clear() -> None:
    cache.clear()  # a FLUSHDB on Redis: only of the database the session start claimed
    if getattr(settings, "REDIS_URL", ""):
        redis_guard.remark(settings.REDIS_URL)


@pytest.fixture(autouse=True)
def _clear_cache() -> Iterator[None]:
    """Rate-limit counters live in the cache (Redis in a full run): start every test clean."""
    _clear()
    yield
    _clear()
    # A request in a runner's language leaves it active in this thread (the middleware
    # activates it per request): the next test starts in the default language again.
    translation.deactivate()


@pytest.fixture
def runner(db: None) -> Any:
    return make_runner("alice@example.com", display_name="Alice")


@pytest.fixture
def other_runner(db: None) -> Any:
    return make_runner("bob@example.com", display_name="Bob")


@pytest.fixture
def coach(db: None) -> Any:
    return make_coach("carol@example.com", display_name="Carol")


@pytest.fixture
def runner_client(client: Any, runner: Any) -> Any:
    client.force_login(runner)
    return client


@pytest.fixture
def make_user(db: None) -> Callable[..., Any]:
    return make_runner


def restore_migration_data() -> None:
    """Transactional tests empty every table afterwards, data migrations' rows included.
    Their own functions put back the Coaches group, the site and the catalogue.

    (Django's serialized rollback would do this, but the browser tests' Playwright runs
    in greenlets, after which the main thread's connection object no longer carries the
    serialized copy.)"""
    from importlib import import_module

    from django.apps import apps
    from django.contrib.sites.models import SITE_CACHE

    from exercises.models import Exercise

    import_module("accounts.migrations.0002_coaches_group_and_site").forwards(apps, None)
    import_module("coaching.migrations.0002_coaches_permissions").forwards(apps, None)
    import_module("coaching.migrations.0004_coaches_plan_permissions").forwards(apps, None)
    if not Exercise.objects.exists():
        import_module("exercises.migrations.0003_catalogue_content").load_catalogue(apps, None)
    SITE_CACHE.clear()


@pytest.fixture
def migration_data(transactional_db: None) -> None:
    restore_migration_data()


@pytest.fixture
def celery_worker(migration_data: None) -> Iterator[Any]:
    """A real Celery worker (in a thread of this process) on the real Redis broker.
    Its tests are transactional: the worker's thread must see committed rows."""
    from celery.contrib.testing.worker import start_worker

    from runningcoach.celery import app

    app.control.purge()
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10) as worker:
        yield worker


def wait_for(condition: Callable[[], bool], timeout: float = 15.0) -> bool:
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()
