"""Benchmark: logging a session dated 30 days back against one dated today, for a runner
with a year of history (median of alternating rounds; each logged session is deleted
again). A back-dated session re-evaluates every rule for the 31 days it affects, so it
may cost more, but at most twice as much: the rules share their facts per evaluation.

    .venv/bin/python bench/log_backdated.py                  # SQLite in a temporary folder
    DATABASE_URL=postgresql://... .venv/bin/python bench/log_backdated.py --rounds 21

Exits with status 1 when the back-dated session costs more than --max-ratio times the
one of today. Nothing is sent over the network.
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


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=15, help="alternating rounds (15)")
    parser.add_argument("--history-days", type=int, default=365, help="days of history (365)")
    parser.add_argument("--days-back", type=int, default=30, help="how far back (30)")
    parser.add_argument("--max-ratio", type=float, default=2.0, help="allowed ratio (2.0)")
    return parser.parse_args()


def main() -> int:
    args = parse_args()
    # bench/run.py sets up Django (its own SQLite file unless DATABASE_URL is set).
    import run as bench
    from django.core.management import call_command
    from django.utils import timezone

    from accounts.models import User
    from logbook import services

    call_command("migrate", verbosity=0)
    User.objects.filter(email="backdated@bench.invalid").delete()
    runner = User.objects.create_user(email="backdated@bench.invalid", password="x")
    count = bench.seed_history(runner, args.history_days)
    print(f"runner has {count} sessions over {args.history_days} days", flush=True)

    def log_once(days_back: int) -> float:
        start = timezone.now() - timedelta(days=days_back, hours=1)
        t0 = time.perf_counter()
        result = services.session_log(
            athlete=runner, start=start, kind="run", duration_s=2700, distance_m=8000, rpe=5
        )
        elapsed = time.perf_counter() - t0
        assert result.session is not None
        services.session_delete(session=result.session)
        return elapsed

    log_once(0), log_once(args.days_back)  # warm up connections and caches
    today: list[float] = []
    back: list[float] = []
    for _ in range(args.rounds):
        today.append(log_once(0))
        back.append(log_once(args.days_back))
    today_ms = statistics.median(today) * 1000
    back_ms = statistics.median(back) * 1000
    ratio = back_ms / today_ms
    engine = "PostgreSQL" if os.environ.get("DATABASE_URL") else "SQLite"
    with open("/proc/loadavg") as handle:
        load_avg = " ".join(handle.read().split()[:3])
    print(f"{engine}, {args.rounds} rounds, load average {load_avg}")
    print(f"logging a session dated today:          {today_ms:.1f} ms (median)")
    print(f"logging a session dated {args.days_back} days back: {back_ms:.1f} ms (median)")
    print(f"ratio {ratio:.2f} (allowed {args.max_ratio:.1f})")
    User.objects.filter(pk=runner.pk).delete()
    return 0 if ratio <= args.max_ratio else 1


if __name__ == "__main__":
    raise SystemExit(main())
