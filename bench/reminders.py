"""Benchmark: the whole Monday of weekly reminders for many runners, through a real worker.

Seeds a database of its own with N runners (bulk inserts, one precomputed password hash)
and a week of sessions each, starts a real Celery worker (prefork, 2 processes by
default) on Redis, publishes the sweeper once and times until every reminder is written
by the file e-mail backend. Reports e-mails per second beside the same worker running
trivial (empty) send tasks, the queries one chunk costs, peak worker memory and the total
time; then drops its database.

    DATABASE_URL=postgresql://root@127.0.0.1:5432/postgres REDIS_URL=redis://127.0.0.1:6379/8 \\
        .venv/bin/python bench/reminders.py --runners 100000

(bench/run.py sets up Django for its own SQLite or PostgreSQL run when imported, so this
script keeps its few helpers to itself.) Only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runners", type=int, default=100_000)
    parser.add_argument("--sessions-per-runner", type=int, default=7)
    parser.add_argument("--concurrency", type=int, default=2, help="worker processes")
    parser.add_argument("--chunk", type=int, default=200, help="e-mails per send task")
    parser.add_argument("--database", default="rc_i8_bench", help="name of the bench database")
    parser.add_argument("--keep", action="store_true", help="keep the bench database")
    parser.add_argument("--timeout", type=int, default=1800, help="give up after this many s")
    return parser.parse_args()


def admin_url(url: str, database: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{database}"))


def recreate_database(base_url: str, name: str, *, drop_only: bool = False) -> None:
    import psycopg

    with psycopg.connect(admin_url(base_url, "postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{name}"')


def rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            text = (task / "children").read_text().split()
            found.extend(int(child) for child in text)
    except OSError:
        pass
    return found


def bench_env(
    args: argparse.Namespace, base_url: str, redis_url: str, mail_dir: Path
) -> dict[str, str]:
    """The environment of this process and the worker: the bench database, e-mails to files."""
    return {
        **os.environ,
        "DATABASE_URL": admin_url(base_url, args.database),
        "REDIS_URL": redis_url,
        "EMAIL_BACKEND": "file",
        "EMAIL_FILE_PATH": str(mail_dir),
        "OUTBOX_CHUNK_SIZE": str(args.chunk),
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only-not-secret-" + "x" * 40),
        "DJANGO_SETTINGS_MODULE": "runningcoach.settings",
        "LOG_LEVEL": "WARNING",
    }


def worker_start(app: Any, env: dict[str, str], concurrency: int) -> subprocess.Popen[bytes]:
    """A real Celery worker (prefork) on the bench's Redis."""
    app.control.purge()
    worker = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "celery"),
            "-A", "runningcoach", "worker", "--pool", "prefork",
            "--concurrency", str(concurrency), "--loglevel", "WARNING",
            "--without-gossip", "--without-mingle", "--hostname", f"bench-{os.getpid()}@%h",
        ],
        cwd=ROOT,
        env=env,
    )  # fmt: skip
    return worker


def worker_wait(app: Any) -> None:
    deadline = time.monotonic() + 120
    while not app.control.ping(timeout=1):
        if time.monotonic() > deadline:
            raise SystemExit("the worker did not start")


def worker_stop(worker: subprocess.Popen[bytes] | None) -> None:
    if worker is not None:
        worker.terminate()
        try:
            worker.wait(timeout=60)
        except subprocess.TimeoutExpired:
            worker.kill()


def report_print(
    *,
    runners: int,
    seed_s: float,
    run: dict[str, float],
    written: int,
    trivial: float,
    chunk_queries: str,
    load_before: tuple[float, float, float],
    load_after: tuple[float, float, float],
    started: float,
) -> None:
    print()
    print(f"runners                      {runners:>10,}")
    print(f"seed (bulk inserts)          {seed_s:>10.1f} s")
    print(f"sweep: queue + hand out      {run['sweep_s']:>10.1f} s")
    print(f"sending                      {run['send_s']:>10.1f} s")
    print(f"Monday total (sweep to last) {run['total_s']:>10.1f} s")
    print(f"e-mails sent / in files      {run['sent']:>10,} / {written:,}")
    print(f"e-mails per second           {run['sent'] / run['total_s']:>10.1f}")
    print(f"empty send tasks per second  {trivial:>10.1f}  (same worker, same run)")
    print(f"queries per chunk            {chunk_queries}")
    print(f"peak worker memory           {run['peak_total_mb']:>10.1f} MB all processes, "
          f"{run['peak_child_mb']:.1f} MB largest process")  # fmt: skip
    print(f"load average before / after  {load_before[0]:.2f} / {load_after[0]:.2f}")
    print(f"wall time of the bench       {time.monotonic() - started:>10.1f} s")


def main() -> None:
    args = parse_args()
    base_url = os.environ.get("DATABASE_URL", "postgresql://root@127.0.0.1:5432/postgres")
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/8")
    mail_dir = Path(tempfile.mkdtemp(prefix="rc-bench-mail-"))
    env = bench_env(args, base_url, redis_url, mail_dir)
    os.environ.update(env)
    load_before = os.getloadavg()
    started = time.monotonic()
    recreate_database(base_url, args.database)
    worker: subprocess.Popen[bytes] | None = None
    try:
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        seed_started = time.monotonic()
        runner_ids = seed(args.runners, args.sessions_per_runner)
        seed_s = time.monotonic() - seed_started
        settle_database()

        from runningcoach.celery import app

        worker = worker_start(app, env, args.concurrency)
        worker_wait(app)
        trivial = trivial_tasks_per_second(app, count=max(args.runners // args.chunk, 50))
        run = monday(app, worker.pid, len(runner_ids), args.timeout)
        chunk_queries = queries_per_chunk(args.chunk)
        load_after = os.getloadavg()
        files = list(mail_dir.iterdir())
        written = sum(f.read_text(errors="replace").count("\nSubject: ") for f in files)
        report_print(
            runners=len(runner_ids),
            seed_s=seed_s,
            run=run,
            written=written,
            trivial=trivial,
            chunk_queries=chunk_queries,
            load_before=load_before,
            load_after=load_after,
            started=started,
        )
    finally:
        worker_stop(worker)
        from django.db import connections

        connections.close_all()
        if not args.keep:
            recreate_database(base_url, args.database, drop_only=True)
        for f in mail_dir.iterdir():
            f.unlink()
        mail_dir.rmdir()


def settle_database() -> None:
    """The seeded tables as autovacuum leaves them (bench/run.py), before the timing."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def seed(count: int, sessions_per_runner: int) -> list[int]:
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from accounts.models import AthleteProfile, User
    from logbook.models import Session
    from notifications import schedule

    password = make_password("bench-only-password")  # hashed once, shared by every runner
    joined = datetime(2026, 1, 1, tzinfo=UTC)
    batch = 5000
    ids: list[int] = []
    zones = ["Europe/Amsterdam", "America/New_York"]
    for start in range(0, count, batch):
        users = User.objects.bulk_create(
            User(email=f"runner{n}@bench.example", password=password, date_joined=joined)
            for n in range(start, min(start + batch, count))
        )
        AthleteProfile.objects.bulk_create(
            AthleteProfile(
                user_id=u.pk, display_name=f"Runner {u.pk}", time_zone=zones[u.pk % 10 == 0]
            )
            for u in users
        )
        EmailAddress.objects.bulk_create(
            EmailAddress(user_id=u.pk, email=u.email, primary=True, verified=True) for u in users
        )
        ids.extend(u.pk for u in users)
    # Sessions in the week the Monday run reports on.
    _due, monday = schedule.latest_due(
        now=timezone.now(), tz=ZoneInfo("Europe/Amsterdam"), weekday=1, hour=8
    )
    week_start = datetime.combine(monday, datetime.min.time(), tzinfo=UTC) + timedelta(hours=12)
    for start in range(0, len(ids), batch // 2):
        rows = []
        for user_id in ids[start : start + batch // 2]:
            for day in range(sessions_per_runner):
                minutes = 30 + (user_id + day) % 40
                rpe = 3 + (user_id + day) % 5
                rows.append(
                    Session(
                        athlete_id=user_id,
                        start=week_start + timedelta(days=day % 7, minutes=day),
                        kind="run" if day % 3 else "walk",
                        surface="road",
                        duration_s=minutes * 60,
                        distance_m=minutes * 160,
                        rpe=rpe,
                        load=rpe * minutes,
                    )
                )
        Session.objects.bulk_create(rows, batch_size=10_000)
    return ids


def trivial_tasks_per_second(app: object, count: int) -> float:
    """The same worker running send tasks with nothing to send: its per-task overhead."""
    from notifications.tasks import send_chunk

    begun = time.monotonic()
    results = [send_chunk.delay([]) for _ in range(count)]
    for result in results:
        result.get(timeout=120)
    return count / (time.monotonic() - begun)


def monday(app: object, worker_pid: int, expected: int, timeout: int) -> dict[str, float]:
    from notifications.models import OutboxEmail
    from notifications.tasks import sweep

    begun = time.monotonic()
    result = sweep.delay()
    peak_total = peak_child = 0
    sweep_s = 0.0
    sent = 0
    while time.monotonic() - begun < timeout:
        pids = [worker_pid, *children(worker_pid)]
        sizes = [rss_kb(pid) for pid in pids]
        peak_total = max(peak_total, sum(sizes))
        peak_child = max(peak_child, *sizes)
        if not sweep_s and result.ready():
            sweep_s = time.monotonic() - begun
        sent = OutboxEmail.objects.filter(status=OutboxEmail.Status.SENT).count()
        if sent >= expected:
            break
        time.sleep(1.0)  # sampling interval of the progress and memory readings
    total = time.monotonic() - begun
    return {
        "sweep_s": sweep_s,
        "send_s": total - sweep_s,
        "total_s": total,
        "sent": sent,
        "peak_total_mb": peak_total / 1024,
        "peak_child_mb": peak_child / 1024,
    }


def queries_per_chunk(chunk: int) -> str:
    """Queries of one chunk of `chunk` and of half as many, sent again in this process."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from notifications import services
    from notifications.models import OutboxEmail

    counts = []
    for size in (chunk // 2, chunk):
        ids = list(OutboxEmail.objects.order_by("pk").values_list("pk", flat=True)[:size])
        OutboxEmail.objects.filter(pk__in=ids).update(status=OutboxEmail.Status.PENDING)
        with CaptureQueriesContext(connection) as queries:
            services.outbox_send(ids=ids, now=timezone.now())
        counts.append(f"{len(queries)} for {size}")
    return ", ".join(counts) + " (8 reads, then one UPDATE per e-mail marking it sent)"


if __name__ == "__main__":
    main()
