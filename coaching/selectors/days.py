"""Local days as instants, for the selectors' windows."""

from __future__ import annotations

from datetime import date, datetime, time, tzinfo


def midnight(day: date, tz: tzinfo) -> datetime:
    """The start of a local day in `tz`."""
    return datetime.combine(day, time.min, tzinfo=tz)
