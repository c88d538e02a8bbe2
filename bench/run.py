"""`make bench`: every figure of the performance targets (bench/README.md) in one run.

The app and the bare Django project of bench/bare (the yardstick: startproject's defaults,
`/hello` without the database, `/db` with one query, `/page` with a 50-row table) are each
served by gunicorn (sync workers, one per core) on 127.0.0.1, over PostgreSQL with Redis
as the app's cache, and measured in the same run with wrk (`-t2 -c16`, the median of 3
runs per page) when it is installed, else with a Python loader. The figures:

- `/ping/` against `/hello`;
- the dashboard of a runner with 5 years of history against `/db`;
- `/sessions/` of that runner against `/page`;
- a coach's athlete list with 500 athletes against `/page`;
- logging a session dated today, 30 and 400 days back (`services.session_log`, median
  of alternating rounds) against `/db`'s median latency;
- the query count of every page, for a short and a long history.

It prints a table with PASS or FAIL per target and writes it, with the date, the load
average and the set-up, to bench/results/latest.md (`BENCH_OUT` to change). It creates
its own databases (`BENCH_DATABASE_URL`, default
postgresql://root@127.0.0.1:5432/rc_bench, plus the same name with `_bare`) and drops
them at the end; cache keys get a prefix of their own in the Redis of `BENCH_REDIS_URL`
(default redis://127.0.0.1:6379/15) and are removed at the end. Requests go to 127.0.0.1 only, in
bounded loops.

    make bench
    BENCH_SECONDS=5 BENCH_RUNS=1 .venv/bin/python bench/run.py    # a quick look
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
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
SCRATCH_URL = os.environ.get("BENCH_DATABASE_URL", "postgresql://root@127.0.0.1:5432/rc_bench")
if __name__ == "__main__":
    # `make bench` works in databases of its own, which it creates and drops.
    os.environ["DATABASE_URL"] = SCRATCH_URL
    os.environ["BARE_DATABASE_URL"] = SCRATCH_URL + "_bare"
    # A Redis database of its own (test suites empty theirs), keys under a prefix of its own.
    os.environ["REDIS_URL"] = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
    os.environ["CACHE_KEY_PREFIX"] = f"rc-bench-{os.getpid()}"
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
from accounts.versions import version_bump  # noqa: E402
from logbook import load, services  # noqa: E402
from logbook.models import Session  # noqa: E402

# isort: split

import report  # noqa: E402
from knobs import (  # noqa: E402
    COACH_ATHLETES,
    LOG_ROUNDS,
    MONDAY_RUNNERS,
    OUT,
    RECENT_DAYS,
    RENDER_ROUNDS,
    YEARS,
)
from loadgen import Figure, measure, served_app  # noqa: E402


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


RENDERS: dict[str, list[float]] = {}


def query_count(user: User, path: str) -> tuple[int, int]:
    """The page's queries when it is rendered (its data just changed) and when it comes
    from the cache (the next visit). Keeps the time of the rendering in RENDERS."""
    client = Client()
    client.force_login(user)
    client.get(path)  # the first visit may mark warnings as seen
    counts = []
    for attempt in range(6):
        if attempt % 2 == 0:
            version_bump(athlete_id=user.pk)  # as any write does: the next visit renders anew
        t0 = time.perf_counter()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(path).status_code == 200
        if attempt % 2 == 0:
            RENDERS.setdefault(path, []).append((time.perf_counter() - t0) * 1000)
        counts.append(len(ctx.captured_queries))
    return counts[0], counts[1]


def time_logging(user: User, days_back: int = 0) -> float:
    start = timezone.now() - timedelta(days=days_back, hours=1)
    t0 = time.perf_counter()
    result = services.session_log(
        athlete=user, start=start, kind="run", duration_s=2700, distance_m=8000, rpe=5
    )
    elapsed = time.perf_counter() - t0
    assert result.session is not None
    services.session_delete(session=result.session)
    return elapsed


def _admin_url(url: str) -> str:
    return url.rsplit("/", 1)[0] + "/postgres"


def databases_create() -> None:
    import psycopg

    with psycopg.connect(_admin_url(SCRATCH_URL), autocommit=True) as conn:
        for url in (SCRATCH_URL, SCRATCH_URL + "_bare"):
            name = url.rsplit("/", 1)[1]
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')


def cache_keys_drop() -> None:
    """Removes this run's keys (its own prefix) from Redis: nothing is left behind."""
    import redis

    prefix = settings.CACHES["default"].get("KEY_PREFIX", "")
    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    for key in client.scan_iter(match=f"{prefix}:*", count=1000):
        client.delete(key)


def databases_drop() -> None:
    import psycopg

    connection.close()
    with psycopg.connect(_admin_url(SCRATCH_URL), autocommit=True) as conn:
        for url in (SCRATCH_URL, SCRATCH_URL + "_bare"):
            conn.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


def main() -> None:
    if not SCRATCH_URL.startswith("postgres"):
        raise SystemExit("BENCH_DATABASE_URL must be a PostgreSQL URL")
    started = datetime.now(UTC)
    databases_create()
    try:
        report = run_all(started)
    finally:
        databases_drop()
        cache_keys_drop()
    print(report)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(report, encoding="utf-8")
    print(f"written to {OUT}")


@dataclass(frozen=True)
class Seeded:
    """The bench's runners and coaches, with the sessions each runner got."""

    fresh: User  # the recent weeks only
    veteran: User  # YEARS of history
    decade: User  # twice that
    small: User  # a coach with 5 athletes
    big: User  # a coach with COACH_ATHLETES athletes
    sessions_recent: int
    sessions_5y: int
    sessions_10y: int


def prepare(bare_env: dict[str, str]) -> None:
    """The app's tables and static files, and the yardstick's tables and rows."""
    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    subprocess.run(
        [sys.executable, "-m", "bench.bare.prepare"],
        cwd=ROOT,
        env=dict(os.environ, **bare_env),
        check=True,
    )


def settle_database() -> None:
    """The database as it stands once autovacuum has seen the seeded rows (statistics for
    the planner, the visibility map for index-only scans), before anything is measured:
    otherwise autovacuum may start on the fresh tables in the middle of a measurement and
    take a core from it."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def seed() -> Seeded:
    import coach_admin

    fresh = User.objects.create_user(email="fresh@bench.invalid", password="x")
    veteran = User.objects.create_user(email="veteran@bench.invalid", password="x")
    print(f"seeding {YEARS} years ...", flush=True)
    count = seed_history(veteran, YEARS * 365)
    # The same recent weeks, without the years before: what history length alone costs.
    recent = seed_history(fresh, RECENT_DAYS)
    decade = User.objects.create_user(email="decade@bench.invalid", password="x")
    decade_count = seed_history(decade, 2 * YEARS * 365)
    print(f"veteran has {count} sessions, the recent runner {recent}", flush=True)
    small = coach_admin.make_coach("small@bench.invalid", 5)
    big = coach_admin.make_coach("big@bench.invalid", COACH_ATHLETES)
    print(f"seeding {COACH_ATHLETES} athletes ...", flush=True)
    coach_admin.seed_sessions(big)
    coach_admin.seed_sessions(small)
    settle_database()
    return Seeded(fresh, veteran, decade, small, big, recent, count, decade_count)


def served_figures(
    seeded: Seeded, *, workers: int, bare_env: dict[str, str], runner_pages: list[str]
) -> tuple[dict[str, Figure], dict[str, Figure], dict[str, float]]:
    """Requests per second of the yardstick's pages, of the app's with and without the page
    cache, and the timings of logging a run then opening the dashboard over HTTP."""
    import coach_admin
    import first_view

    figures: dict[str, Figure] = {}
    print("measuring the yardstick ...", flush=True)
    with served_app(workers, wsgi="bench.bare.wsgi:application", env=bare_env) as port:
        for path in ["/hello", "/db", "/page"]:
            figures[path] = measure(port, path)
    print("measuring the app ...", flush=True)
    with served_app(workers) as port:
        runner_cookie = session_cookie(seeded.veteran)
        coach_cookie = session_cookie(seeded.big)
        figures["/ping/"] = measure(port, "/ping/")
        for path in runner_pages[:2]:
            figures[path] = measure(port, path, runner_cookie)
        figures[coach_admin.LIST] = measure(port, coach_admin.LIST, coach_cookie)
        print("logging a run, then the dashboard, over HTTP ...", flush=True)
        log_dashboard = first_view.log_then_dashboard_ms(port, seeded.veteran, LOG_ROUNDS)
    print("measuring the app with PAGE_CACHE=0 ...", flush=True)
    uncached: dict[str, Figure] = {}
    with served_app(workers, env={"PAGE_CACHE": "0"}) as port:
        for path in runner_pages[:2]:
            uncached[path] = measure(port, path, runner_cookie)
    return figures, uncached, log_dashboard


def logging_ms(user: User, days_back: tuple[int, ...] = (0, 30, 400)) -> dict[int, float]:
    """Median ms of logging a session dated each number of days back."""
    print("timing logging ...", flush=True)
    times: dict[int, list[float]] = {d: [] for d in days_back}
    for d in days_back:
        time_logging(user, d)  # warm up
    for _ in range(LOG_ROUNDS):  # alternate, so machine noise hits all alike
        for d in days_back:
            times[d].append(time_logging(user, d))
    return {d: statistics.median(t) * 1000 for d, t in times.items()}


def page_queries(seeded: Seeded, runner_pages: list[str]) -> dict[str, report.QueryCounts]:
    """Each page's queries for a short and a long history (5 and many athletes for the
    coach's list), rendered and cached."""
    import coach_admin

    fresh, veteran = seeded.fresh, seeded.veteran
    queries = {p: (query_count(fresh, p), query_count(veteran, p)) for p in runner_pages}
    coach_list = coach_admin.LIST
    queries[coach_list] = (
        query_count(seeded.small, coach_list),
        query_count(seeded.big, coach_list),
    )
    return queries


def monday_run() -> dict[str, float] | None:
    """The weekly e-mails of MONDAY_RUNNERS runners (bench/reminders.py); None when left out."""
    import first_view

    if not MONDAY_RUNNERS:
        return None
    print(f"the Monday run for {MONDAY_RUNNERS:,} runners ...", flush=True)
    return first_view.monday_run(MONDAY_RUNNERS, SCRATCH_URL, os.environ["REDIS_URL"])


def run_all(started: datetime) -> str:
    # bench/coach_admin.py seeds the coaches; it imports this module as `run`.
    sys.modules.setdefault("run", sys.modules[__name__])
    import coach_admin
    import first_view

    bare_env = {"DJANGO_SETTINGS_MODULE": "bench.bare.settings"}
    prepare(bare_env)
    seeded = seed()
    coach_first_view = coach_admin.first_view_after_write(seeded.big)

    runner_pages = ["/dashboard/", "/sessions/", "/week/"]
    queries = page_queries(seeded, runner_pages)
    fresh, veteran = seeded.fresh, seeded.veteran
    coach_list = coach_admin.LIST

    print("rendering the dashboard anew in process ...", flush=True)
    renders = first_view.render_ms(
        {"60 days": fresh, "5 years": veteran, "10 years": seeded.decade},
        "/dashboard/",
        RENDER_ROUNDS,
    )

    workers = os.cpu_count() or 1
    figures, uncached, log_dashboard = served_figures(
        seeded, workers=workers, bare_env=bare_env, runner_pages=runner_pages
    )
    log_ms = logging_ms(veteran)
    load_avg = os.getloadavg()
    monday = monday_run()

    issue22 = first_view.issue22_lines(
        renders=renders,
        log_dashboard=log_dashboard,
        # bench/coach_admin.py: median of 20, after an athlete's write.
        coach_list_ms=coach_first_view,
        coach_athletes=COACH_ATHLETES,
        rps={p: f.rps for p, f in figures.items()},
        uncached_rps={p: f.rps for p, f in uncached.items()},
        monday=monday,
        monday_runners=MONDAY_RUNNERS,
    )
    measured = report.Measured(
        started=started,
        load_avg=load_avg,
        workers=workers,
        sessions_5y=seeded.sessions_5y,
        sessions_10y=seeded.sessions_10y,
        sessions_recent=seeded.sessions_recent,
        figures=figures,
        uncached=uncached,
        queries=queries,
        renders=RENDERS,
        log_ms=log_ms,
        issue22=issue22,
    )
    return report.report_text(measured, coach_list=coach_list)


if __name__ == "__main__":
    main()
