"""What the write services of the training log share: the thresholds in force and the
runner's local days."""

from __future__ import annotations

from datetime import date, datetime, time, tzinfo

from logbook import load


def thresholds() -> load.Thresholds:
    """The thresholds in force (LOAD_THRESHOLDS and each LOAD_RULES entry's OPTIONS)."""
    return load.active().thresholds


def local_day(moment: datetime, tz: tzinfo) -> date:
    return load.local_day(moment, tz)


def local_midnight(day: date, tz: tzinfo) -> datetime:
    return datetime.combine(day, time.min, tzinfo=tz)
