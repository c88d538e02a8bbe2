"""Runs the whole test suite, on the real services when they answer.

PostgreSQL and Redis at 127.0.0.1 (or DATABASE_URL / REDIS_URL) are used when reachable;
otherwise the suite falls back to SQLite and says loudly what it skipped. With
REQUIRE_SERVICES=1 (CI) a missing service or browser is a failure, not a skip."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_USERS = ("postgres", "root")


def reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1.5):
            return True
    except OSError:
        return False


def find_postgres() -> str | None:
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"]
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
        return f"postgresql://{user}@127.0.0.1:5432/runningcoach"
    return None


def find_redis() -> str | None:
    if os.environ.get("REDIS_URL"):
        return os.environ["REDIS_URL"]
    # Database 14 keeps test runs away from a developer's own Redis data.
    return "redis://127.0.0.1:6379/14" if reachable("127.0.0.1", 6379) else None


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
