"""Runs the whole test suite, on the real services when they answer.

Which services, from the environment, so the tests can run beside a running stack:
- PostgreSQL: TEST_DATABASE_URL, else DATABASE_URL, else postgresql://…@127.0.0.1:5432/
  TEST_DATABASE_NAME (default runningcoach). The tests create and drop their own
  test_<name> database beside it; the named one is never touched.
- Redis: TEST_REDIS_URL, else REDIS_URL, else database TEST_REDIS_DB (default 14) at
  127.0.0.1:6379. The tests empty that database, so they refuse one that holds keys they
  did not make (tests/redis_guard.py).
Missing services make the suite fall back to SQLite and say loudly what it skipped; with
REQUIRE_SERVICES=1 (CI) a missing service or browser is a failure, not a skip."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import redis_guard  # noqa: E402

PG_USERS = ("postgres", "root")


def reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1.5):
            return True
    except OSError:
        return False


def find_postgres() -> str | None:
    for name in ("TEST_DATABASE_URL", "DATABASE_URL"):
        if os.environ.get(name):
            return os.environ[name]
    if not reachable("127.0.0.1", 5432):
        return None
    import psycopg

    for user in PG_USERS:
        try:
            psycopg.connect(
                f"postgresql://{user}@127.0.0.1:5432/postgres", connect_timeout=3
            ).close()
        except psycopg.Error:
            continue
        name = os.environ.get("TEST_DATABASE_NAME", "runningcoach")
        return f"postgresql://{user}@127.0.0.1:5432/{name}"
    return None


def find_redis() -> str | None:
    for name in ("TEST_REDIS_URL", "REDIS_URL"):
        if os.environ.get(name):
            return os.environ[name]
    # A database of its own (14 by default), away from a developer's Redis data in 0.
    number = int(os.environ.get("TEST_REDIS_DB", "14"))
    return f"redis://127.0.0.1:6379/{number}" if reachable("127.0.0.1", 6379) else None


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def main() -> int:
    env = dict(os.environ)
    missing: list[str] = []
    database_url = find_postgres()
    if database_url:
        env["DATABASE_URL"] = database_url
    else:
        missing.append("PostgreSQL")
    redis_url = find_redis()
    try:
        refusal = redis_guard.claim(redis_url) if redis_url else None
    except redis_guard.RedisError as error:
        print(f"Redis at {redis_url} does not answer: {error}", flush=True)
        redis_url = None
        env.pop("REDIS_URL", None)
    else:
        if refusal:
            print(f"REFUSING TO RUN: {refusal}", flush=True)
            return 1
    if redis_url:
        env["REDIS_URL"] = redis_url
    else:
        missing.append("Redis (and with it the Celery worker)")
    chromium = find_chromium()
    if chromium:
        env["CHROMIUM_PATH"] = chromium
    else:
        missing.append("Chromium (browser tests)")
    env["RUNNINGCOACH_MISSING_SERVICES"] = "; ".join(missing)
    env.setdefault("SECRET_KEY", "test-only-not-secret")
    env.pop("DEBUG", None)

    print(f"Database: {database_url or 'SQLite (fallback)'}")
    print(f"Redis:    {redis_url or 'none: Celery runs eagerly'}")
    print(f"Browser:  {chromium or 'none'}")
    if missing:
        banner = "MISSING: " + "; ".join(missing).upper()
        if env.get("REQUIRE_SERVICES") == "1":
            print(f"\n{banner}\nREQUIRE_SERVICES=1: REFUSING TO RUN WITHOUT THEM.\n", flush=True)
            return 1
        print(
            f"\n{'!' * 72}\n{banner}\nTESTS THAT NEED THEM WILL BE SKIPPED.\n{'!' * 72}\n",
            flush=True,
        )
    command = [sys.executable, "-m", "pytest", *sys.argv[1:]]
    return subprocess.call(command, cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main())
