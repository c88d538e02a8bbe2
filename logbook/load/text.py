"""How the rules write their figures: the active language's decimal mark, kilometres, and
figures beside a threshold rounded away from it ("+10.1 %", never "+10 %")."""

from __future__ import annotations

from fractions import Fraction

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from logbook.load.arithmetic import exact, round_half_up, rounded_away
from logbook.load.core import Number


def decimal(value: Number | Fraction, places: int) -> str:
    """A number with a fixed count of decimals and the active language's decimal mark."""
    if value is None or isinstance(value, str):
        return str(value)
    text = f"{round_half_up(value, places):.{places}f}"
    return text.replace(".", pgettext("decimal separator", "."))


def km(metres: Number) -> str:
    if metres is None or isinstance(metres, str):
        return str(metres)
    return decimal(metres / 1000, 1)


def km_cap(metres: Number) -> str:
    """A limit in km, rounded down to 100 m so that the advice never exceeds it."""
    if metres is None or isinstance(metres, str):
        return str(metres)
    return decimal((int(metres) // 100) / 10, 1)


def beyond(value: Fraction, threshold: Fraction, places: int = 1) -> str:
    """`value` rounded away from `threshold` to `places` decimals, so that a figure that
    crossed a line never reads as the line itself: 10.01 beside 10 is "10.1"."""
    return decimal(rounded_away(value, threshold, places), places)


def threshold_pct(increase: float) -> str:
    """A threshold such as 0.10 as the percentage written in a text: "10"."""
    pct = exact(increase) * 100
    return str(pct.numerator) if pct.denominator == 1 else decimal(pct, 1)


def threshold(value: float) -> str:
    return decimal(value, max(len(str(value).partition(".")[2]), 1))


def title(rule_name: str, severity_word: str) -> str:
    return _("%(rule)s: %(severity)s") % {"rule": rule_name, "severity": severity_word}
