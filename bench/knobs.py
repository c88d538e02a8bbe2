"""What `make bench` (bench/run.py) measures and how long, from the environment."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

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
