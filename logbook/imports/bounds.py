"""Physical bounds: what one session of a person on foot can be. A file may hold anything
(a 3-billion-second lap, 11,000 km between two points, a clock in year 1); a session that
lies outside these is skipped with the reason, never stored."""

from __future__ import annotations

import dataclasses
import math
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from typing import Final

from django.utils.translation import gettext as _

from logbook.imports.base import ImportedActivity, ParseResult, SkippedActivity, day

MAX_DURATION_S: Final = 24 * 3600
MAX_DISTANCE_M: Final = 300_000
# A 24-hour vertical race climbs under 20 km.
MAX_ELEVATION_GAIN_M: Final = 25_000
EARLIEST_START: Final = datetime(1990, 1, 1, tzinfo=UTC)
# A start up to a day ahead is a watch in another time zone; later is a wrong clock.
LATEST_START_AHEAD: Final = timedelta(days=1)
# Session.external_id is a 64-character column.
MAX_EXTERNAL_ID_CHARS: Final = 64
# Two runs a day plus a walk and a strength session is a busy day; a file with dozens in a
# day is a logger's track split into pieces, not training. The load rules compare each run
# with the runs of the 30 days before, so a day's count also bounds an import's cost.
MAX_SESSIONS_PER_DAY: Final = 12
# The name becomes the session's notes; a name longer than this is cut, not refused.
MAX_NAME_CHARS: Final = 255


def _finite(value: int | None) -> bool:
    return value is None or math.isfinite(value)


def bound_reason(activity: ImportedActivity, *, now: datetime) -> str | None:
    """Why the activity cannot be a real session, or None when it can."""
    if not EARLIEST_START <= activity.start <= now + LATEST_START_AHEAD:
        return _("its start (%(date)s) is before 1990 or after tomorrow") % {
            "date": day(activity.start)
        }
    numbers = (activity.duration_s, activity.distance_m, activity.elevation_gain_m)
    if not all(_finite(value) for value in numbers):
        return _("it holds a number that is not a number")
    if activity.duration_s is not None and not 0 < activity.duration_s <= MAX_DURATION_S:
        return _("its duration (%(seconds)d s) is not between 0 and 24 hours") % {
            "seconds": activity.duration_s
        }
    if activity.distance_m is not None and not 0 <= activity.distance_m <= MAX_DISTANCE_M:
        return _("its distance (%(km)s km) is not between 0 and 300 km") % {
            "km": f"{activity.distance_m / 1000:.1f}"
        }
    if (
        activity.elevation_gain_m is not None
        and not 0 <= activity.elevation_gain_m <= MAX_ELEVATION_GAIN_M
    ):
        return _("its climb (%(metres)d m) is not between 0 and 25,000 m") % {
            "metres": activity.elevation_gain_m
        }
    if len(activity.external_id) > MAX_EXTERNAL_ID_CHARS:
        return _("its id is longer than %(count)d characters") % {"count": MAX_EXTERNAL_ID_CHARS}
    return None


def _description(activity: ImportedActivity) -> str:
    return _("%(kind)s on %(date)s") % {
        "kind": activity.name[:80] or activity.kind.capitalize(),
        "date": day(activity.start),
    }


def screen(result: ParseResult, *, now: datetime) -> ParseResult:
    """The activities within bounds, at most MAX_SESSIONS_PER_DAY on one (UTC) day; the
    others move to skipped with their reason."""
    kept: list[ImportedActivity] = []
    skipped = list(result.skipped)
    per_day: Counter[date] = Counter()
    for activity in result.activities:
        reason = bound_reason(activity, now=now)
        if reason is None:
            per_day[activity.start.date()] += 1
            if per_day[activity.start.date()] > MAX_SESSIONS_PER_DAY:
                reason = _("it is more than the %(count)d sessions one day can hold") % {
                    "count": MAX_SESSIONS_PER_DAY
                }
        if reason is not None:
            skipped.append(SkippedActivity(description=_description(activity), reason=reason))
        elif len(activity.name) > MAX_NAME_CHARS:
            kept.append(dataclasses.replace(activity, name=activity.name[:MAX_NAME_CHARS]))
        else:
            kept.append(activity)
    return ParseResult(activities=kept, skipped=skipped)
