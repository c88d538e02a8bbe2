"""How figures and dates read, in the active language, everywhere: pages, the admin,
e-mails and the calendar feed.

One rounding rule for a distance: from whole metres to a tenth of a kilometre, half up
(26,050 m is "26.1 km" in every place). Django's `number_format` cuts decimals off
instead of rounding them (26,090 m would read "26.0"), so every figure is rounded here as
a Decimal first and only then given the language's decimal mark.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

Figure = int | float | Decimal


def number(value: Figure, places: int = 0) -> str:
    """`value` rounded half up to `places` decimals, with the language's decimal mark."""
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # never "-0.0"
    return formats.number_format(rounded, decimal_pos=places)


def km_figure(metres: Figure | None) -> str:
    """A distance in km without its unit, one decimal: "26.1", in Dutch "26,1"."""
    if metres is None:
        return ""
    return number(Decimal(str(metres)) / 1000, 1)


def km(metres: Figure | None) -> str:
    """A distance: "26.1 km" ("26,1 km"); empty for no distance."""
    if metres is None:
        return ""
    return _("%(km)s km") % {"km": km_figure(metres)}


def km_cap(metres: Figure) -> str:
    """A limit in km, rounded down to 100 m so that a figure shown never exceeds it."""
    tenths = (Decimal(str(metres)) / 100).to_integral_value(ROUND_FLOOR)
    return formats.number_format(tenths / 10, decimal_pos=1)


def km_target(metres: Figure | None) -> str:
    """A planned distance: the same rounding, without a trailing ",0" ("8 km", "8.5 km")."""
    if metres is None:
        return ""
    tenths = (Decimal(str(metres)) / 100).quantize(Decimal(1), ROUND_HALF_UP)
    figure = number(tenths / 10, 0 if tenths % 10 == 0 else 1)
    return _("%(km)s km") % {"km": figure}


def size_cap(size_bytes: int) -> str:
    """A size limit: MB, or KB below 1 MB, rounded down to a tenth so that it never reads
    larger than it is, without a trailing ",0" ("200 MB", "1.5 MB", "512 KB")."""
    scale = 2**20 if size_bytes >= 2**20 else 2**10
    tenths = size_bytes * 10 // scale
    figure = formats.number_format(Decimal(tenths) / 10, decimal_pos=0 if tenths % 10 == 0 else 1)
    if scale == 2**20:
        return _("%(mb)s MB") % {"mb": figure}
    return _("%(kb)s KB") % {"kb": figure}


def duration(seconds: Figure | None) -> str:
    """Elapsed time: "40 s", "20 min", "1 min 30 s", "1 h 05 min"."""
    if not seconds:
        return ""
    total = int(Decimal(str(seconds)).quantize(Decimal(1), ROUND_HALF_UP))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return _("%(h)d h %(m)02d min") % {"h": hours, "m": minutes}
    if minutes and secs:
        return _("%(m)d min %(s)d s") % {"m": minutes, "s": secs}
    if minutes:
        return _("%(m)d min") % {"m": minutes}
    return _("%(s)d s") % {"s": secs}


def pace(seconds_per_km: Figure | None) -> str:
    """Minutes:seconds per kilometre, e.g. "5:30"."""
    if not seconds_per_km:
        return ""
    minutes, seconds = divmod(int(Decimal(str(seconds_per_km)).quantize(Decimal(1))), 60)
    return f"{minutes}:{seconds:02d}"


def load(value: Figure | None) -> str:
    """Session load (RPE x minutes) as a whole number."""
    if value is None:
        return ""
    return number(value, 0)


def month_day(day: date) -> str:
    """ "23 November" ("23 november")."""
    return formats.date_format(day, "j F")


def date_range(first: date, last: date) -> str:
    """ "23-29 November", "30 November - 6 December", "28 December 2026 - 3 January 2027",
    with an en dash (and spaces around it between two full dates)."""
    if first.year != last.year:
        return _("%(first)s – %(last)s") % {  # noqa: RUF001
            "first": formats.date_format(first, "j F Y"),
            "last": formats.date_format(last, "j F Y"),
        }
    if first.month != last.month:
        return _("%(first)s – %(last)s") % {  # noqa: RUF001
            "first": month_day(first),
            "last": month_day(last),
        }
    return _("%(first)d–%(last)s") % {"first": first.day, "last": month_day(last)}  # noqa: RUF001


def week_of(monday: date) -> str:
    """The ISO week that starts on `monday`, as people say it: "week of 23-29 November"."""
    return pgettext("a week", "week of %(days)s") % {"days": week_days(monday)}


def week_days(monday: date) -> str:
    return date_range(monday, date.fromordinal(monday.toordinal() + 6))


def local_datetime(moment: datetime, zone: tzinfo | None = None) -> str:
    """A moment in the viewer's zone (the active one unless given): "Tue 1 Dec 2026, 08:00"."""
    return formats.date_format(timezone.localtime(moment, zone), "DATETIME_FORMAT")


def local_date(moment: datetime, zone: tzinfo | None = None) -> str:
    """The day of a moment in the viewer's zone: "Tue 1 Dec 2026"."""
    return formats.date_format(timezone.localtime(moment, zone), "DATE_FORMAT")


def local_time(moment: datetime, zone: tzinfo | None = None) -> str:
    """The clock time of a moment in the viewer's zone: "08:00"."""
    return formats.time_format(timezone.localtime(moment, zone), "TIME_FORMAT")
