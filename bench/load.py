"""Load test: concurrent runners log sessions and open their dashboards against the running
app (gunicorn, the database of DATABASE_URL, Redis of REDIS_URL) for a bounded time, beside
the trivial /ping/ view served the same way in the same run.

    DATABASE_URL=postgresql://root@127.0.0.1:5432/rc_bench REDIS_URL=redis://127.0.0.1:6379/9 \\
        .venv/bin/python bench/load.py --runners 8 --seconds 30

Use a scratch database: it is migrated, and users ending in @load.invalid are created and
deleted. Only 127.0.0.1 is contacted; every loop stops at its deadline.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import statistics
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# bench/run.py reads the environment and sets Django up; the app's imports come after it.
import run as bench_run  # noqa: E402

# isort: split

import loadgen  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import User  # noqa: E402

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, seconds: float, ok: bool) -> None:
        with self.lock:
            self.latencies.append(seconds)
            self.errors += 0 if ok else 1


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


class Browser:
    """One runner's connection with its cookies."""

    def __init__(self, port: int, cookie: str) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookies = dict(part.split("=", 1) for part in [cookie])

    def request(self, method: str, path: str, body: str = "") -> tuple[int, str]:
        headers = {
            "Host": "127.0.0.1",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        if method == "POST":
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = "http://127.0.0.1/"
        self.conn.request(method, path, body=body, headers=headers)
        response = self.conn.getresponse()
        text = response.read().decode(errors="replace")
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, text


def runner_loop(
    port: int, cookie: str, index: int, deadline: float, tallies: dict[str, Tally]
) -> None:
    browser = Browser(port, cookie)
    day = (timezone.localdate() - timedelta(days=1)).isoformat()
    minute = 0
    while time.monotonic() < deadline:
        started = time.perf_counter()
        status, _ = browser.request("GET", "/dashboard/")
        tallies["/dashboard/"].add(time.perf_counter() - started, status == 200)

        status, page = browser.request("GET", "/sessions/new/")
        token = CSRF_INPUT.search(page)
        if status != 200 or token is None:
            tallies["log a session"].add(0.0, False)
            continue
        minute = (minute + 2) % (24 * 60)
        form = {
            "csrfmiddlewaretoken": token.group(1),
            "kind": "run",
            "date": day,
            "time": f"{minute // 60:02d}:{minute % 60:02d}",
            "duration": "30",
            "distance_km": "5",
            "surface": "road",
            "rpe": "5",
            "form-TOTAL_FORMS": "0",
            "form-INITIAL_FORMS": "0",
        }
        started = time.perf_counter()
        status, _ = browser.request("POST", "/sessions/new/", urlencode(form))
        tallies["log a session"].add(time.perf_counter() - started, status == 302)


def ping_loop(port: int, deadline: float, tally: Tally) -> None:
    browser = Browser(port, "x=y")
    while time.monotonic() < deadline:
        started = time.perf_counter()
        status, _ = browser.request("GET", "/ping/")
        tally.add(time.perf_counter() - started, status == 200)


def run_threads(targets: list[threading.Thread]) -> float:
    started = time.perf_counter()
    for thread in targets:
        thread.start()
    for thread in targets:
        thread.join()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runners", type=int, default=8, help="concurrent runners (threads)")
    parser.add_argument("--seconds", type=float, default=30.0, help="length of each phase")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="gunicorn workers")
    options = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        raise SystemExit("Set DATABASE_URL to a scratch PostgreSQL database (and REDIS_URL).")

    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    User.objects.filter(email__endswith="@load.invalid").delete()
    cookies = []
    for index in range(options.runners):
        user = User.objects.create_user(email=f"runner{index}@load.invalid", password="x")
        cookies.append(bench_run.session_cookie(user))

    try:
        with loadgen.served_app(options.workers) as port:
            ping = Tally()
            deadline = time.monotonic() + options.seconds
            ping_elapsed = run_threads(
                [
                    threading.Thread(target=ping_loop, args=(port, deadline, ping))
                    for _ in range(options.runners)
                ]
            )
            tallies = {"/dashboard/": Tally(), "log a session": Tally()}
            deadline = time.monotonic() + options.seconds
            elapsed = run_threads(
                [
                    threading.Thread(
                        target=runner_loop, args=(port, cookie, index, deadline, tallies)
                    )
                    for index, cookie in enumerate(cookies)
                ]
            )
    finally:
        User.objects.filter(email__endswith="@load.invalid").delete()

    load_average = os.getloadavg()
    print(
        f"{options.runners} runners, {options.workers} gunicorn sync workers, {options.seconds:.0f} s per phase"
    )
    print(
        f"load average before the end: {load_average[0]:.2f} {load_average[1]:.2f} {load_average[2]:.2f}"
    )
    print(f"{'what':<16}{'requests':>9}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}")
    for name, tally, seconds in [("/ping/", ping, ping_elapsed)] + [
        (name, tally, elapsed) for name, tally in tallies.items()
    ]:
        count = len(tally.latencies)
        print(
            f"{name:<16}{count:>9}{count / seconds:>9.1f}{statistics.median(tally.latencies or [0]) * 1000:>9.1f}"
            f"{percentile(tally.latencies, 0.99) * 1000:>9.1f}{tally.errors:>8}"
        )


if __name__ == "__main__":
    main()
