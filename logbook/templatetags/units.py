"""How durations and distances read on a page: "40 s", "20 min", "1 h 05 min", "2.5 km"."""

from __future__ import annotations

from django import template
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def duration(seconds: int | None) -> str:
    if not seconds:
        return ""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return _("%(h)d h %(m)02d min") % {"h": hours, "m": minutes}
    if minutes and secs:
        return _("%(m)d min %(s)d s") % {"m": minutes, "s": secs}
    if minutes:
        return _("%(m)d min") % {"m": minutes}
    return _("%(s)d s") % {"s": secs}


@register.filter
def km(metres: int | None) -> str:
    """Whole kilometres without decimals, else up to two ("2.5 km", "0.35 km")."""
    if metres is None:
        return ""
    hundredths = round(metres / 10)
    decimals = 0 if hundredths % 100 == 0 else 1 if hundredths % 10 == 0 else 2
    return f"{floatformat(hundredths / 100, decimals)} km"


@register.filter
def pace(seconds_per_km: float | None) -> str:
    """Minutes:seconds per kilometre, e.g. "5:30"."""
    if not seconds_per_km:
        return ""
    minutes, seconds = divmod(round(seconds_per_km), 60)
    return f"{minutes}:{seconds:02d}"
