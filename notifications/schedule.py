"""When the weekly e-mails are due: pure, from an explicit `now` and the person's zone.

The weekly reminder (and the coach's digest) is due at the person's local weekday and
hour (Monday 08:00 by default) and reports on the last complete ISO week before that
moment (DOMAIN.md section 5). The wall-clock hour holds across daylight-saving changes:
08:00 in Amsterdam is 07:00 UTC in winter and 06:00 UTC in summer.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo


def latest_due(*, now: datetime, tz: tzinfo, weekday: int, hour: int) -> tuple[datetime, date]:
    """The latest due moment at or before `now`, and the Monday of the week it reports on.

    `weekday` is ISO (1 Monday .. 7 Sunday), `hour` 0-23, both in the zone `tz`."""
    if not 1 <= weekday <= 7 or not 0 <= hour <= 23:
        raise ValueError("weekday must be 1-7 and hour 0-23")
    local_today = now.astimezone(tz).date()
    this_monday = local_today - timedelta(days=local_today.weekday())
    due_day = this_monday + timedelta(days=weekday - 1)
    due = datetime.combine(due_day, time(hour), tzinfo=tz)
    if due > now:
        due_day -= timedelta(days=7)
        due = datetime.combine(due_day, time(hour), tzinfo=tz)
    due_monday = due_day - timedelta(days=due_day.weekday())
    return due, due_monday - timedelta(days=7)


def week_key(monday: date) -> str:
    """An ISO week as the outbox's subject key: 2026-W48."""
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def week_monday(key: str) -> date:
    year, week = key.split("-W")
    return date.fromisocalendar(int(year), int(week), 1)


def report_day(key: str) -> date:
    """The day a weekly e-mail about the ISO week `key` speaks from: the Monday after it."""
    return week_monday(key) + timedelta(days=7)
