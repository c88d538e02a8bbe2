"""Template filters for figures, all from runningcoach.units (one rounding rule, the
active language's decimal mark): "40 s", "1 h 05 min", "26.1 km", "5:30", "week of 23-29
November"."""

from __future__ import annotations

from datetime import date

from django import template

from runningcoach import units

register = template.Library()


@register.filter
def duration(seconds: int | None) -> str:
    return units.duration(seconds)


@register.filter
def km(metres: int | None) -> str:
    """ "26.1 km": rounded half up to 100 m, from whole metres."""
    return units.km(metres)


@register.filter
def km_figure(metres: int | None) -> str:
    """ "26.1", for a text that writes the unit itself."""
    return units.km_figure(metres)


@register.filter
def pace(seconds_per_km: float | None) -> str:
    """Minutes:seconds per kilometre, e.g. "5:30"."""
    return units.pace(seconds_per_km)


@register.filter
def load(value: float | None) -> str:
    return units.load(value)


@register.filter
def week_of(monday: date) -> str:
    return units.week_of(monday)


@register.filter
def date_range_to(first: date, last: date) -> str:
    """{{ first|date_range_to:last }}: "23-29 November"."""
    return units.date_range(first, last)
