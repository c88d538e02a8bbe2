"""Exact arithmetic for the rules' comparisons and the figures they quote.

Comparisons that decide whether a warning fires are exact (whole metres, whole seconds,
fractions), so a rise of exactly 10 % never warns because of float noise.
"""

from __future__ import annotations

import functools
import math
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction


@functools.cache
def exact(value: float) -> Fraction:
    """A float as the decimal it was written as: 0.1 -> 1/10, not 0.1000000000000000055..."""
    return Fraction(str(value))


def exceeds(value: int | Fraction, base: int | Fraction, increase: float) -> bool:
    """value > base x (1 + increase), exactly."""
    step = exact(increase)
    if isinstance(value, int) and isinstance(base, int):
        # Whole numbers (metres, seconds): compare without building fractions.
        return value * step.denominator > base * (step.denominator + step.numerator)
    return Fraction(value) > Fraction(base) * (1 + step)


def rounded_away(value: Fraction, line: Fraction, places: int) -> Fraction:
    """`value` rounded once to `places` decimals away from `line`, so that a figure that
    crossed a line never reads as the line itself: 10.01 beside 10 is 10.1."""
    scale = 10**places
    scaled = value * scale
    steps = math.ceil(scaled) if value > line else math.floor(scaled)
    return Fraction(steps, scale)


def increase_pct(value: int | Fraction, base: int | Fraction, increase: float) -> float:
    """The rise of value over base in percent, worked exactly and rounded once to one
    decimal away from the line `increase` (0.10 for "more than 10 %"): the figure a
    message quotes and `numbers` stores."""
    rise = Fraction(value - base) * 100 / Fraction(base)
    return float(rounded_away(rise, exact(increase) * 100, 1))


def floor_increase(value: int, increase: float) -> int:
    """value x (1 + increase), rounded down to a whole number."""
    return math.floor(value * (1 + exact(increase)))


def round_half_up(value: float | Fraction, places: int) -> float:
    """Rounded half up to `places` decimals, as written: round_half_up(2.675, 2) is 2.68."""
    if isinstance(value, Fraction):
        decimal = Decimal(value.numerator) / Decimal(value.denominator)
    else:
        decimal = Decimal(str(value))
    return float(decimal.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP))


def whole(value: float) -> int:
    return int(Decimal(str(value)).quantize(Decimal(1), ROUND_HALF_UP))
