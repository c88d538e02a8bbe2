from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from logbook import services

AMS = ZoneInfo("Europe/Amsterdam")


def local(y: int, m: int, d: int, hh: int = 8, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=AMS)


def log_run(athlete: Any, start: datetime, km: float, minutes: int = 60, rpe: int = 5, **kw: Any):
    return services.session_log(
        athlete=athlete,
        start=start,
        kind="run",
        duration_s=minutes * 60,
        distance_m=int(km * 1000),
        rpe=rpe,
        **kw,
    )


def days_ago(n: int, hour: int = 8) -> datetime:
    """That day at `hour` in Amsterdam. With n=0 this may lie ahead of now: a test that needs
    a session of today that has already started takes earlier_today()."""
    now = timezone.now().astimezone(AMS)
    return (now - timedelta(days=n)).replace(hour=hour, minute=0, second=0, microsecond=0)


def earlier_today(hour: int = 8) -> datetime:
    """Today in Amsterdam at `hour`, or at the current hour when `hour` has not come yet, so
    the start is never after now whatever the time of day the suite runs (at 00:30 it is
    00:00)."""
    now = timezone.now().astimezone(AMS)
    return now.replace(hour=min(hour, now.hour), minute=0, second=0, microsecond=0)


def run_form(**overrides: Any) -> dict[str, Any]:
    """The log form filled in for a run of today, two hours ago (at midnight: at 00:00, so
    that it stays in today, and in this week on a Monday)."""
    start = max(timezone.now().astimezone(AMS) - timedelta(hours=2), earlier_today(0))
    data = {
        "kind": "run",
        "date": start.date().isoformat(),
        "time": start.strftime("%H:%M"),
        "duration": "45",
        "distance_km": "8.5",
        "rpe": "6",
        "surface": "road",
        "ex-TOTAL_FORMS": "3",
        "ex-INITIAL_FORMS": "0",
        "ex-MIN_NUM_FORMS": "0",
        "ex-MAX_NUM_FORMS": "20",
    }
    data.update(overrides)
    return data
