"""Benchmark: the coach's athlete list (/admin/coaching/athlete/) for a coach with 500
athletes, beside the trivial /ping/ view of the same app served the same way in the same
run (gunicorn, 2 sync workers), plus the list's query count for 5 and for 500 athletes.

    DATABASE_URL=postgresql://.../rc_bench REDIS_URL=redis://127.0.0.1:6379/N \\
        .venv/bin/python bench/coach_admin.py [--athletes 500] [--requests 200]

Use a scratch database: it creates and deletes users ending in @bench.invalid. Requests go
to 127.0.0.1 only, in bounded loops that stop by themselves.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

# bench/run.py sets up the environment and Django first; bench/loadgen.py serves and loads pages.
from run import session_cookie

# isort: split

from loadgen import hammer, served_app

# isort: split

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import COACHES_GROUP, AthleteProfile, User
from accounts.versions import version_bump
from logbook import load, services
from logbook.models import Session

LIST = "/admin/coaching/athlete/"
# Issue 22: the list of 500 rendered in process right after an athlete's write, median of
# 20, when the admin's changelist printed every cell; and the target.
FIRST_VIEW_BEFORE_MS = 111.0
FIRST_VIEW_TARGET_MS = 50.0
DAYS = 42
WITH_WARNINGS = 50  # athletes whose warnings are evaluated (the others have sessions only)


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--athletes", type=int, default=500, help="athletes of the coach")
    parser.add_argument("--requests", type=int, default=200, help="requests per page")
    return parser.parse_args()


def make_coach(email: str, athletes: int) -> User:
    coach = User.objects.create_user(email=email, password="x", is_staff=True)
    coach.groups.add(Group.objects.get(name=COACHES_GROUP))
    prefix = email.split("@")[0]
    users = User.objects.bulk_create(
        User(email=f"{prefix}-{n}@bench.invalid", password="!") for n in range(athletes)
    )
    AthleteProfile.objects.bulk_create(
        AthleteProfile(
            user=u, display_name=f"Runner {n}", coach=coach, health_consent_at=timezone.now()
        )
        for n, u in enumerate(users)
    )
    return coach


def seed_sessions(coach: User) -> int:
    """Four runs a week for six weeks per athlete, one long-run spike in every tenth."""
    now = timezone.now()
    rules = services.thresholds()
    rows = []
    athletes = list(User.objects.filter(profile__coach=coach).order_by("pk"))
    for index, athlete in enumerate(athletes):
        for day in range(DAYS, 0, -1):
            if day % 7 not in (0, 2, 4, 5):
                continue
            km = 6 + (index + day) % 5
            if index % 10 == 0 and day == 2:
                km = 20
            session = Session(
                athlete=athlete,
                start=now - timedelta(days=day, hours=2),
                kind="run",
                duration_s=km * 360,
                distance_m=km * 1000,
                rpe=4 + day % 4,
                pain=(index + day) % 4,
                surface="road",
            )
            session.load, _ = load.session_load(
                duration_s=session.duration_s, rpe=session.rpe, default_rpe=rules.default_rpe
            )
            rows.append(session)
    Session.objects.bulk_create(rows, batch_size=2000)
    for athlete in athletes[:WITH_WARNINGS]:
        services.warnings_recompute(
            athlete=athlete,
            first_day=(now - timedelta(days=DAYS)).date(),
            last_day=now.date(),
        )
    return len(rows)


def list_queries(coach: User, query: str = "") -> int:
    client = Client()
    client.force_login(coach)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(LIST + query).status_code == 200
    return len(ctx.captured_queries)


def first_view_after_write(coach: User, rounds: int = 20) -> float:
    """Median ms of the coach's list (its first page, in attention order over the whole
    squad) rendered in process right after one of their athletes' data changed: the view a
    coach gets after any athlete's write, which the page cache cannot serve."""
    client = Client()
    client.force_login(coach)
    athletes = list(User.objects.filter(profile__coach=coach).values_list("pk", flat=True))
    client.get(LIST)
    times = []
    for n in range(rounds):
        version_bump(athlete_id=athletes[n % len(athletes)])  # as the athlete's write does
        started = time.perf_counter()
        assert client.get(LIST).status_code == 200
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    args = parse()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    User.objects.filter(email__endswith="@bench.invalid").delete()
    small = make_coach("small@bench.invalid", 5)
    big = make_coach("big@bench.invalid", args.athletes)
    print(f"seeding {args.athletes} athletes ...", flush=True)
    sessions = seed_sessions(big) + seed_sessions(small)
    print(f"{sessions} sessions")
    queries = {
        "page of 100": (list_queries(small), list_queries(big)),
        "all": (list_queries(small, "?all="), list_queries(big, "?all=")),
    }

    first_view = first_view_after_write(big)
    workers = 2
    pages = ["/ping/", LIST, LIST + "?all="]
    results = {}
    with served_app(workers) as port:
        cookie = session_cookie(big)
        for path in pages:
            hammer(port, path, cookie, 10, workers)  # warm up
            results[path] = hammer(port, path, cookie, args.requests, workers)
    load_avg = os.getloadavg()
    User.objects.filter(email__endswith="@bench.invalid").delete()

    db = str(settings.DATABASES["default"]["ENGINE"]).rsplit(".", 1)[-1]
    print()
    print(f"database: {db}; gunicorn sync workers: {workers}; {args.requests} requests per page")
    print(
        f"load average during the run (1/5/15 min): {load_avg[0]:.2f} {load_avg[1]:.2f} {load_avg[2]:.2f}"
    )
    print(f"{'page':<36}{'req/s':>9}{'median ms':>11}{'vs /ping/':>11}")
    ping = results["/ping/"][0]
    for path in pages:
        rps, median = results[path]
        print(f"{path:<36}{rps:>9.1f}{median:>11.1f}{rps / ping:>10.0%}")
    print()
    for view, (five, many) in queries.items():
        print(f"queries, {view}: 5 athletes {five}, {args.athletes} athletes {many}")
    print(
        f"first view after an athlete's write, in process, median of 20: {first_view:.1f} ms "
        f"(before the plain template: {FIRST_VIEW_BEFORE_MS:.0f} ms; target: at most "
        f"{FIRST_VIEW_TARGET_MS:.0f} ms)"
    )


if __name__ == "__main__":
    main()
