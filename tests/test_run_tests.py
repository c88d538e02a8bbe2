"""`make test` (scripts/run_tests.py) takes its database and Redis from the environment
and never empties a Redis database it did not make its own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import redis

from tests.redis_guard import MARKER
from tests.redis_server import own_redis

ROOT = Path(__file__).resolve().parent.parent


def run_tests(**env: str) -> subprocess.CompletedProcess[str]:
    """The runner with pytest collecting one small file only: nothing is run or emptied."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("TEST_", "REDIS"))}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "scripts/run_tests.py", "--collect-only", "-q", "tests/test_compose.py"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_refuses_a_redis_database_holding_someone_elses_keys():
    with own_redis() as server:
        theirs = redis.Redis.from_url(server.url)
        theirs.set("stack:session:42", "someone's data")
        result = run_tests(TEST_REDIS_URL=server.url)
        assert result.returncode == 1
        assert "REFUSING TO RUN" in result.stdout and "TEST_REDIS_URL" in result.stdout
        assert theirs.get("stack:session:42") == b"someone's data"
        assert not theirs.exists(MARKER)


def test_takes_an_empty_redis_database_and_marks_it_its_own():
    with own_redis() as server:
        url = server.url.replace("/0", "/3")
        result = run_tests(TEST_REDIS_URL=url, REDIS_URL="redis://127.0.0.1:1/0")
        assert result.returncode == 0, result.stdout + result.stderr
        assert f"Redis:    {url}" in result.stdout
        assert redis.Redis.from_url(url).exists(MARKER)
        # Its own database, marked, is taken again on the next run, whatever it holds.
        redis.Redis.from_url(url).set("left:over", "1")
        assert run_tests(TEST_REDIS_URL=url).returncode == 0


def test_database_names_come_from_the_environment():
    result = run_tests(
        TEST_DATABASE_URL="postgresql://root@127.0.0.1:5432/rc_elsewhere",
        TEST_REDIS_URL="redis://127.0.0.1:1/0",  # nothing listens: not needed to collect
    )
    assert "Database: postgresql://root@127.0.0.1:5432/rc_elsewhere" in result.stdout
