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

import http.client
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
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

YEARS = 5
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "800"))  # the Python loader's requests
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))  # wrk's -d per run
RUNS = int(os.environ.get("BENCH_RUNS", "3"))  # runs per page; the median counts
SECONDS_CAP = 20.0  # the Python loader stops a run after this long
RECENT_DAYS = 60
LOG_ROUNDS = int(os.environ.get("BENCH_LOG_ROUNDS", "15"))
COACH_ATHLETES = int(os.environ.get("BENCH_ATHLETES", "500"))
RENDER_ROUNDS = int(os.environ.get("BENCH_RENDER_ROUNDS", "30"))
# Runners of the Monday run (bench/reminders.py); 0 leaves it out.
MONDAY_RUNNERS = int(os.environ.get("BENCH_MONDAY_RUNNERS", "100000"))
WRK = shutil.which("wrk")
OUT = Path(os.environ.get("BENCH_OUT", str(ROOT / "bench" / "results" / "latest.md")))


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
def served_app(
    workers: int, wsgi: str = "runningcoach.wsgi", env: dict[str, str] | None = None
) -> Iterator[int]:
    """The app (or, with `wsgi` and `env`, another project) on gunicorn (sync workers) at
    127.0.0.1; yields its port once it answers."""
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
        env=dict(os.environ, **(env or {})),
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


@dataclass(frozen=True)
class Figure:
    rps: float
    median_ms: float


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(port: int, path: str, cookie: str) -> Figure:
    """One wrk run: `-t2 -c16 -d<SECONDS>s --latency`; every answer must be a 200."""
    headers = ["-H", f"Cookie: {cookie}"] if cookie else []
    url = f"http://127.0.0.1:{port}{path}"
    result = subprocess.run(
        [
            WRK or "wrk",
            "-t2",
            "-c16",
            f"-d{SECONDS}s",
            "--latency",
            "--timeout",
            "30s",
            *headers,
            url,
        ],
        capture_output=True,
        text=True,
        timeout=SECONDS + 30,
        check=True,
    )
    out = result.stdout
    if "Non-2xx" in out or "Socket errors" in out:
        raise SystemExit(f"{path}: not every answer was a 200\n{out}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    value, unit = re.search(r"50%\s+([\d.]+)(us|ms|s)", out).groups()  # type: ignore[union-attr]
    return Figure(rps, float(value) * _UNITS[unit])


def python_loader(port: int, path: str, cookie: str) -> Figure:
    # 16 connections, as wrk -c16: the latency it reports is comparable.
    rps, median = hammer(port, path, cookie, REQUESTS, 16)
    return Figure(rps, median)


def measure(port: int, path: str, cookie: str = "") -> Figure:
    """The median of RUNS runs (by requests per second) after a short warm-up."""
    hammer(port, path, cookie, 40, 2)
    runs = [(wrk if WRK else python_loader)(port, path, cookie) for _ in range(RUNS)]
    return sorted(runs, key=lambda f: f.rps)[len(runs) // 2]


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


@dataclass(frozen=True)
class Target:
    name: str
    app: str  # the app's figure
    yardstick: str
    value: float  # the app's figure as a ratio of the yardstick's
    limit: float
    at_least: bool  # True: value >= limit; False: value <= limit

    @property
    def passed(self) -> bool:
        return self.value >= self.limit if self.at_least else self.value <= self.limit


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


def run_all(started: datetime) -> str:
    # bench/coach_admin.py seeds the coaches; it imports this module as `run`.
    sys.modules.setdefault("run", sys.modules[__name__])
    import coach_admin
    import first_view

    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    bare_env = {"DJANGO_SETTINGS_MODULE": "bench.bare.settings"}
    subprocess.run(
        [sys.executable, "-m", "bench.bare.prepare"],
        cwd=ROOT,
        env=dict(os.environ, **bare_env),
        check=True,
    )
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

    coach_first_view = coach_admin.first_view_after_write(big)

    runner_pages = ["/dashboard/", "/sessions/", "/week/"]
    queries = {p: (query_count(fresh, p), query_count(veteran, p)) for p in runner_pages}
    coach_list = coach_admin.LIST
    queries[coach_list] = (query_count(small, coach_list), query_count(big, coach_list))

    print("rendering the dashboard anew in process ...", flush=True)
    renders = first_view.render_ms(
        {"60 days": fresh, "5 years": veteran, "10 years": decade}, "/dashboard/", RENDER_ROUNDS
    )

    workers = os.cpu_count() or 1
    figures: dict[str, Figure] = {}
    print("measuring the yardstick ...", flush=True)
    with served_app(workers, wsgi="bench.bare.wsgi:application", env=bare_env) as port:
        for path in ["/hello", "/db", "/page"]:
            figures[path] = measure(port, path)
    print("measuring the app ...", flush=True)
    with served_app(workers) as port:
        runner_cookie = session_cookie(veteran)
        coach_cookie = session_cookie(big)
        figures["/ping/"] = measure(port, "/ping/")
        for path in runner_pages[:2]:
            figures[path] = measure(port, path, runner_cookie)
        figures[coach_list] = measure(port, coach_list, coach_cookie)
        print("logging a run, then the dashboard, over HTTP ...", flush=True)
        log_dashboard = first_view.log_then_dashboard_ms(port, veteran, LOG_ROUNDS)
    print("measuring the app with PAGE_CACHE=0 ...", flush=True)
    uncached: dict[str, Figure] = {}
    with served_app(workers, env={"PAGE_CACHE": "0"}) as port:
        for path in runner_pages[:2]:
            uncached[path] = measure(port, path, runner_cookie)

    print("timing logging ...", flush=True)
    days_back = (0, 30, 400)
    times: dict[int, list[float]] = {d: [] for d in days_back}
    for d in days_back:
        time_logging(veteran, d)  # warm up
    for _ in range(LOG_ROUNDS):  # alternate, so machine noise hits all alike
        for d in days_back:
            times[d].append(time_logging(veteran, d))
    log_ms = {d: statistics.median(t) * 1000 for d, t in times.items()}
    load_avg = os.getloadavg()
    monday = None
    if MONDAY_RUNNERS:
        print(f"the Monday run for {MONDAY_RUNNERS:,} runners ...", flush=True)
        monday = first_view.monday_run(MONDAY_RUNNERS, SCRATCH_URL, os.environ["REDIS_URL"])

    def ratio(app: str, bare: str) -> float:
        return figures[app].rps / figures[bare].rps

    db_ms = figures["/db"].median_ms
    targets = [
        Target("`/ping/`", "/ping/", "/hello", ratio("/ping/", "/hello"), 0.50, True),
        Target(
            "dashboard, 5-year runner",
            "/dashboard/",
            "/db",
            ratio("/dashboard/", "/db"),
            0.25,
            True,
        ),
        Target("session list", "/sessions/", "/page", ratio("/sessions/", "/page"), 1.00, True),
        Target(
            f"coach's athlete list, {COACH_ATHLETES} athletes",
            coach_list,
            "/page",
            ratio(coach_list, "/page"),
            0.50,
            True,
        ),
    ]
    for d in days_back:
        label = "today" if d == 0 else f"{d} days back"
        targets.append(
            Target(
                f"log a session dated {label}",
                f"{log_ms[d]:.1f} ms",
                "/db",
                log_ms[d] / db_ms,
                2.0,
                False,
            )
        )

    loader = (
        f"wrk -t2 -c16 -d{SECONDS}s, median of {RUNS} runs"
        if WRK
        else (f"Python loader ({REQUESTS} requests, 16 threads), median of {RUNS} runs")
    )
    lines = [
        f"# Bench run {started:%Y-%m-%d %H:%M} UTC",
        "",
        f"- machine: {os.cpu_count()} cores, load average {load_avg[0]:.2f} / {load_avg[1]:.2f} / "
        f"{load_avg[2]:.2f} (1 / 5 / 15 min) at the end of the run",
        f"- served: gunicorn sync, {workers} workers each (app and bare project), PostgreSQL, "
        "Redis as the app's cache",
        f"- loader: {loader}",
        f"- data: a runner with {count} sessions over {YEARS} years, one with {decade_count} "
        f"over {2 * YEARS} years, one with {recent} over {RECENT_DAYS} days; a coach with "
        f"{COACH_ATHLETES} athletes and one with 5",
        f"- logging: `services.session_log`, median of {LOG_ROUNDS} alternating rounds",
        "",
        "| page | req/s | median ms |",
        "|---|---|---|",
    ]
    for path, figure in figures.items():
        lines.append(f"| `{path}` | {figure.rps:,.1f} | {figure.median_ms:.1f} |")
    for path, figure in uncached.items():
        lines.append(f"| `{path}` (`PAGE_CACHE=0`) | {figure.rps:,.1f} | {figure.median_ms:.1f} |")
    lines += [
        "",
        "| target | app | yardstick | ratio | target | result |",
        "|---|---|---|---|---|---|",
    ]
    for t in targets:
        app = f"{figures[t.app].rps:,.1f} req/s" if t.app in figures else t.app
        bare = (
            f"`{t.yardstick}` {db_ms:.1f} ms"
            if not t.at_least
            else f"`{t.yardstick}` {figures[t.yardstick].rps:,.1f} req/s"
        )
        value = f"{t.value:.0%}" if t.at_least else f"{t.value:.2f}x"
        limit = f"at least {t.limit:.0%}" if t.at_least else f"at most {t.limit:.0f}x"
        lines.append(
            f"| {t.name} | {app} | {bare} | {value} | {limit} | {'PASS' if t.passed else 'FAIL'} |"
        )
    lines += [
        "",
        "| page | queries, short history | long history | cached, short | cached, long |",
        "|---|---|---|---|---|",
    ]
    for path, ((short, short_hit), (long, long_hit)) in queries.items():
        lines.append(f"| `{path}` | {short} | {long} | {short_hit} | {long_hit} |")
    lines += [
        "",
        "Rendering a page anew (the first visit after a write), in-process, median ms over "
        "both histories: "
        + ", ".join(f"`{p}` {statistics.median(t):.1f}" for p, t in RENDERS.items())
        + ".",
    ]
    lines += [
        "",
        *first_view.issue22_lines(
            renders=renders,
            log_dashboard=log_dashboard,
            # bench/coach_admin.py: median of 20, after an athlete's write.
            coach_list_ms=coach_first_view,
            coach_athletes=COACH_ATHLETES,
            rps={p: f.rps for p, f in figures.items()},
            uncached_rps={p: f.rps for p, f in uncached.items()},
            monday=monday,
            monday_runners=MONDAY_RUNNERS,
        ),
        "",
        "Short and long: 60 days and 5 years of sessions for the runner's pages, 5 and "
        f"{COACH_ATHLETES} athletes for the coach's list. Rendered: right after a write; "
        "cached: the visit after that (what the figures above measure, as nobody writes "
        "while they run).",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
