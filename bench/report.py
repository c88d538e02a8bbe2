"""The report of `make bench` (bench/run.py): the figures, each target with PASS or FAIL,
the query counts and issue 22's table, as Markdown."""

from __future__ import annotations

import os
import statistics
from dataclasses import dataclass
from datetime import datetime

from knobs import (
    COACH_ATHLETES,
    LOG_ROUNDS,
    RECENT_DAYS,
    REQUESTS,
    RUNS,
    SECONDS,
    WRK,
    YEARS,
)
from loadgen import Figure

# The page pairs of the query-count table: (rendered, cached) for a short and a long history.
QueryCounts = tuple[tuple[int, int], tuple[int, int]]


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


@dataclass(frozen=True)
class Measured:
    """What one run measured."""

    started: datetime
    load_avg: tuple[float, float, float]
    workers: int
    sessions_5y: int  # the 5-year runner's sessions
    sessions_10y: int
    sessions_recent: int
    figures: dict[str, Figure]
    uncached: dict[str, Figure]  # PAGE_CACHE=0
    queries: dict[str, QueryCounts]
    renders: dict[str, list[float]]  # in-process renderings, ms
    log_ms: dict[int, float]  # days back -> median ms of logging a session
    issue22: list[str]


def targets(m: Measured, *, coach_list: str) -> list[Target]:
    figures = m.figures

    def ratio(app: str, bare: str) -> float:
        return figures[app].rps / figures[bare].rps

    db_ms = figures["/db"].median_ms
    found = [
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
    for d, ms in m.log_ms.items():
        label = "today" if d == 0 else f"{d} days back"
        found.append(
            Target(f"log a session dated {label}", f"{ms:.1f} ms", "/db", ms / db_ms, 2.0, False)
        )
    return found


def _setup_lines(m: Measured) -> list[str]:
    loader = (
        f"wrk -t2 -c16 -d{SECONDS}s, median of {RUNS} runs"
        if WRK
        else (f"Python loader ({REQUESTS} requests, 16 threads), median of {RUNS} runs")
    )
    load_avg = m.load_avg
    return [
        f"# Bench run {m.started:%Y-%m-%d %H:%M} UTC",
        "",
        f"- machine: {os.cpu_count()} cores, load average {load_avg[0]:.2f} / {load_avg[1]:.2f} / "
        f"{load_avg[2]:.2f} (1 / 5 / 15 min) at the end of the run",
        f"- served: gunicorn sync, {m.workers} workers each (app and bare project), PostgreSQL, "
        "Redis as the app's cache",
        f"- loader: {loader}",
        f"- data: a runner with {m.sessions_5y} sessions over {YEARS} years, one with "
        f"{m.sessions_10y} over {2 * YEARS} years, one with {m.sessions_recent} over "
        f"{RECENT_DAYS} days; a coach with {COACH_ATHLETES} athletes and one with 5",
        f"- logging: `services.session_log`, median of {LOG_ROUNDS} alternating rounds",
        "",
    ]


def _figure_lines(m: Measured) -> list[str]:
    lines = [
        "| page | req/s | median ms |",
        "|---|---|---|",
    ]
    for path, figure in m.figures.items():
        lines.append(f"| `{path}` | {figure.rps:,.1f} | {figure.median_ms:.1f} |")
    for path, figure in m.uncached.items():
        lines.append(f"| `{path}` (`PAGE_CACHE=0`) | {figure.rps:,.1f} | {figure.median_ms:.1f} |")
    return lines


def _target_lines(m: Measured, found: list[Target]) -> list[str]:
    db_ms = m.figures["/db"].median_ms
    lines = [
        "",
        "| target | app | yardstick | ratio | target | result |",
        "|---|---|---|---|---|---|",
    ]
    for t in found:
        app = f"{m.figures[t.app].rps:,.1f} req/s" if t.app in m.figures else t.app
        bare = (
            f"`{t.yardstick}` {db_ms:.1f} ms"
            if not t.at_least
            else f"`{t.yardstick}` {m.figures[t.yardstick].rps:,.1f} req/s"
        )
        value = f"{t.value:.0%}" if t.at_least else f"{t.value:.2f}x"
        limit = f"at least {t.limit:.0%}" if t.at_least else f"at most {t.limit:.0f}x"
        lines.append(
            f"| {t.name} | {app} | {bare} | {value} | {limit} | {'PASS' if t.passed else 'FAIL'} |"
        )
    return lines


def _query_lines(m: Measured) -> list[str]:
    lines = [
        "",
        "| page | queries, short history | long history | cached, short | cached, long |",
        "|---|---|---|---|---|",
    ]
    for path, ((short, short_hit), (long, long_hit)) in m.queries.items():
        lines.append(f"| `{path}` | {short} | {long} | {short_hit} | {long_hit} |")
    lines += [
        "",
        "Rendering a page anew (the first visit after a write), in-process, median ms over "
        "both histories: "
        + ", ".join(f"`{p}` {statistics.median(t):.1f}" for p, t in m.renders.items())
        + ".",
    ]
    return lines


def report_text(m: Measured, *, coach_list: str) -> str:
    lines = [
        *_setup_lines(m),
        *_figure_lines(m),
        *_target_lines(m, targets(m, coach_list=coach_list)),
        *_query_lines(m),
        "",
        *m.issue22,
        "",
        "Short and long: 60 days and 5 years of sessions for the runner's pages, 5 and "
        f"{COACH_ATHLETES} athletes for the coach's list. Rendered: right after a write; "
        "cached: the visit after that (what the figures above measure, as nobody writes "
        "while they run).",
        "",
    ]
    return "\n".join(lines)
