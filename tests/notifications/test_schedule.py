"""When a weekly e-mail is due: hand-computed moments, no database."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from notifications.schedule import latest_due, week_key, week_monday

AMS = ZoneInfo("Europe/Amsterdam")
NYC = ZoneInfo("America/New_York")


def test_due_at_local_monday_0800_reporting_the_week_before():
    due, monday = latest_due(
        now=datetime(2026, 11, 23, 7, 0, tzinfo=UTC), tz=AMS, weekday=1, hour=8
    )
    assert due == datetime(2026, 11, 23, 8, 0, tzinfo=AMS)
    assert monday == date(2026, 11, 16)


def test_a_minute_before_the_due_moment_the_latest_is_last_weeks():
    due, monday = latest_due(
        now=datetime(2026, 11, 23, 6, 59, tzinfo=UTC), tz=AMS, weekday=1, hour=8
    )
    assert due == datetime(2026, 11, 16, 8, 0, tzinfo=AMS)
    assert monday == date(2026, 11, 9)


@pytest.mark.parametrize(
    ("tz", "now_utc", "due_utc"),
    [
        (AMS, datetime(2026, 10, 26, 7, 0, tzinfo=UTC), datetime(2026, 10, 26, 7, 0, tzinfo=UTC)),
        (AMS, datetime(2026, 10, 20, 0, 0, tzinfo=UTC), datetime(2026, 10, 19, 6, 0, tzinfo=UTC)),
        (NYC, datetime(2026, 11, 2, 13, 0, tzinfo=UTC), datetime(2026, 11, 2, 13, 0, tzinfo=UTC)),
        (NYC, datetime(2026, 3, 9, 12, 0, tzinfo=UTC), datetime(2026, 3, 9, 12, 0, tzinfo=UTC)),
    ],
)
def test_the_local_hour_holds_across_daylight_saving_changes(tz, now_utc, due_utc):
    due, _ = latest_due(now=now_utc, tz=tz, weekday=1, hour=8)
    assert due.astimezone(UTC) == due_utc


def test_weekday_and_hour_are_settings():
    # Due on Sunday 19:00: that week is not over yet, so the e-mail reports the last
    # complete ISO week, the one that ended the Sunday before.
    due, monday = latest_due(
        now=datetime(2026, 11, 29, 18, 0, tzinfo=UTC), tz=AMS, weekday=7, hour=19
    )
    assert due == datetime(2026, 11, 29, 19, 0, tzinfo=AMS)
    assert monday == date(2026, 11, 16)


def test_week_key_round_trips_across_a_year_boundary():
    assert week_key(date(2026, 12, 28)) == "2026-W53"
    assert week_monday("2027-W01") == date(2027, 1, 4)
