"""Benchmark: the dashboard and the session list for a runner with 5 years of sessions,
each beside a trivial view (/ping/) of the same app served the same way in the same run
(gunicorn, sync workers, one per core), plus page query counts, plus the time to log a
session with and without 5 years of history (median of alternating runs).

    .venv/bin/python bench/run.py            # SQLite in a temporary folder
    DATABASE_URL=postgresql://... REDIS_URL=redis://... .venv/bin/python bench/run.py

Requests go to 127.0.0.1 only, in bounded loops that stop by themselves.
"""

from __future__ import annotations

import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORKDIR = Path(tempfile.mkdtemp(prefix="rc-bench-"))
os.environ.setdefault("SECRET_KEY", "bench-only-not-secret-" + "x" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SESSION_COOKIE_SECURE", "0")
os.environ.setdefault("CSRF_COOKIE_SECURE", "0")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")
if not os.environ.get("DATABASE_URL"):
    os.environ["SQLITE_PATH"] = str(WORKDIR / "bench.sqlite3")
os.environ["STATIC_ROOT"] = str(WORKDIR / "static")
os.environ["DJANGO_SETTINGS_MODULE"] = "runningcoach.settings"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import User  # noqa: E402
from logbook import load, services  # noqa: E402
from logbook.models import Session  # noqa: E402

YEARS = 5
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "300"))
SECONDS_CAP = 60.0
RECENT_DAYS = 60
LOG_ROUNDS = int(os.environ.get("BENCH_LOG_ROUNDS", "15"))


def seed_history(user: User, days: int) -> int:
    now = timezone.now()
    rules = services.thresholds()
    rows = []
    for day in range(days, 0, -1):
        if day % 7 in (1, 4):
            continue  # two rest days a week
        km = 6 + (day % 5) + (6 if day % 7 == 0 else 0)
        minutes = int(km * 6)
        session = Session(
            athlete=user,
            start=now - timedelta(days=day, hours=3),
            kind="run",
            duration_s=minutes * 60,
            distance_m=km * 1000,
            rpe=5 + day % 3,
            surface="road",
        )
        session.load, _ = load.session_load(
            duration_s=session.duration_s, rpe=session.rpe, default_rpe=rules.default_rpe
        )
        rows.append(session)
    Session.objects.bulk_create(rows, batch_size=1000)
    services.warnings_recompute(
        athlete=user, first_day=(now - timedelta(days=days)).date(), last_day=now.date()
    )
    return len(rows)


def session_cookie(user: User) -> str:
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def served_app(workers: int, wsgi: str = "runningcoach.wsgi") -> Iterator[int]:
    """The app on gunicorn (sync workers) at 127.0.0.1; yields its port once it answers."""
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            wsgi,
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            str(workers),
            "-k",
            "sync",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=dict(os.environ),
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=20)


def hammer(port: int, path: str, cookie: str, total: int, threads: int) -> tuple[float, float]:
    """Requests per second and median latency (ms) over `total` GETs from `threads` threads."""
    latencies: list[float] = []
    lock = threading.Lock()
    deadline = time.monotonic() + SECONDS_CAP
    per_thread = total // threads

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for _ in range(per_thread):
            if time.monotonic() > deadline:
                break
            t0 = time.perf_counter()
            conn.request("GET", path, headers={"Cookie": cookie, "Host": "127.0.0.1"})
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                raise SystemExit(f"{path} answered {response.status}")
            with lock:
                latencies.append(time.perf_counter() - t0)
        conn.close()

    started = time.perf_counter()
    workers = [threading.Thread(target=worker) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    elapsed = time.perf_counter() - started
    return len(latencies) / elapsed, statistics.median(latencies) * 1000


def query_count(user: User, path: str) -> int:
    client = Client()
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx.captured_queries)


def time_logging(user: User) -> float:
    start = timezone.now() - timedelta(hours=1)
    t0 = time.perf_counter()
    result = services.session_log(
        athlete=user, start=start, kind="run", duration_s=2700, distance_m=8000, rpe=5
    )
    elapsed = time.perf_counter() - t0
    assert result.session is not None
    services.session_delete(session=result.session)
    return elapsed


def main() -> None:
    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    User.objects.filter(email__endswith="@bench.invalid").delete()
    fresh = User.objects.create_user(email="fresh@bench.invalid", password="x")
    veteran = User.objects.create_user(email="veteran@bench.invalid", password="x")
    print(f"seeding {YEARS} years ...", flush=True)
    count = seed_history(veteran, YEARS * 365)
    # The same recent weeks, without the years before: what history length alone costs.
    recent = seed_history(fresh, RECENT_DAYS)
    print(f"veteran has {count} sessions, the recent runner {recent}")

    pages = ["/ping/", "/dashboard/", "/sessions/"]
    queries = {p: query_count(veteran, p) for p in pages[1:]}
    queries_fresh = {p: query_count(fresh, p) for p in pages[1:]}

    workers = os.cpu_count() or 1
    with served_app(workers) as port:
        cookie = session_cookie(veteran)
        results = {}
        for path in pages:
            hammer(port, path, cookie, 20, workers)  # warm up
            results[path] = hammer(port, path, cookie, REQUESTS, workers)

    fresh_times: list[float] = []
    veteran_times: list[float] = []
    for _ in range(LOG_ROUNDS):  # alternate, so machine noise hits both alike
        fresh_times.append(time_logging(fresh))
        veteran_times.append(time_logging(veteran))
    fresh_ms = statistics.median(fresh_times) * 1000
    veteran_ms = statistics.median(veteran_times) * 1000

    db = str(settings.DATABASES["default"]["ENGINE"]).rsplit(".", 1)[-1]
    print()
    print(f"database: {db}; gunicorn sync workers: {workers}; {REQUESTS} requests per page")
    print(f"{'page':<14}{'req/s':>9}{'median ms':>11}{'vs /ping/':>11}{'queries (5 y / 60 d)':>24}")
    ping_rps = results["/ping/"][0]
    for path in pages:
        rps, median = results[path]
        q = f"{queries[path]} / {queries_fresh[path]}" if path in queries else "-"
        print(f"{path:<14}{rps:>9.1f}{median:>11.1f}{rps / ping_rps:>10.0%} {q:>23}")
    print()
    print(
        f"log a session (median of {LOG_ROUNDS} alternating runs): {RECENT_DAYS} days of history {fresh_ms:.1f} ms, "
        f"5 years {veteran_ms:.1f} ms, ratio {veteran_ms / fresh_ms:.2f}"
    )
    User.objects.filter(email__endswith="@bench.invalid").delete()


if __name__ == "__main__":
    main()
