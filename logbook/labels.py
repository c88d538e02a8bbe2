"""Dates and numbers of the dashboard's charts and tables, formatted once per language.

A chart shows the same days and many of the same figures on every rendering (90 days of
fitness, 28 of load); Django's `date_format` and `floatformat` cost tens of microseconds
each. These give exactly their output, kept per language, format and value.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import lru_cache

from django.template.defaultfilters import floatformat
from django.utils import formats, translation


@lru_cache(maxsize=16384)
def _date(language: str, fmt: str, day: date) -> str:
    with translation.override(language):
        return formats.date_format(day, fmt)


@lru_cache(maxsize=16384)
def _number(language: str, value: float, places: int) -> str:
    with translation.override(language):
        return str(floatformat(value, places))


def date_labels(days: Iterable[date], fmt: str) -> list[str]:
    """`formats.date_format(day, fmt)` of each day, in the active language."""
    language = translation.get_language()
    return [_date(language, fmt, day) for day in days]


def number_texts(values: Iterable[float], places: int) -> list[str]:
    """`{{ value|floatformat:places }}` of each value, in the active language."""
    language = translation.get_language()
    return [_number(language, value, places) for value in values]
