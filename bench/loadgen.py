"""Serving a project on gunicorn at 127.0.0.1 and loading its pages, with wrk when it is
installed, else with a Python loader (bench/run.py, bench/coach_admin.py, bench/load.py)."""

from __future__ import annotations

import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from knobs import REQUESTS, ROOT, RUNS, SECONDS, SECONDS_CAP, WRK


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
