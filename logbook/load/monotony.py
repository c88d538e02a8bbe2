"""monotony: mean of the last 7 daily loads over their population standard deviation
(Foster 1998), only above a minimum weekly load: Foster linked monotony with high load."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from typing import ClassVar, Literal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext_lazy

from logbook.load import text
from logbook.load.arithmetic import exact, round_half_up
from logbook.load.core import LoadWarning, Number, Rule, Severity
from logbook.load.facts import WEEK_DAYS, Facts

MONOTONY = "monotony"


@dataclass(frozen=True)
class MonotonyOptions:
    monotony_min_session_days: int = 3
    monotony_min_weekly_load: int = 1000  # about three and a half hours at RPE 5
    monotony_caution: float = 2.0


class Monotony(Rule):
    code: ClassVar[str] = MONOTONY
    severities: ClassVar[tuple[Severity, ...]] = (
        Severity("caution", 110, pgettext_lazy("load warning severity", "caution")),
    )
    kind: ClassVar[Literal["alarm", "window"]] = "window"
    Options: ClassVar[type[MonotonyOptions]] = MonotonyOptions
    options: MonotonyOptions

    def days_back(self) -> int:
        return WEEK_DAYS - 1

    def evaluate(self, facts: Facts, day: date) -> list[LoadWarning]:
        t = self.options
        first_day = day - timedelta(days=WEEK_DAYS - 1)
        session_days = facts.session_days(first_day, day)
        if session_days < t.monotony_min_session_days:
            return []
        tenths = facts.load_tenths(first_day, day)
        total = sum(tenths)
        # A light, steady routine is not what Foster warned about.
        if total <= 0 or total < t.monotony_min_weekly_load * 10:
            return []
        count = len(tenths)
        # mean / sd > t, exact in whole tenths: with S the sum and Q the sum of squares,
        # mean^2 <= t^2 x variance  <=>  S^2 <= t^2 x (count x Q - S^2).
        spread = count * sum(x * x for x in tenths) - total * total
        if spread > 0 and total * total <= exact(t.monotony_caution) ** 2 * spread:
            return []
        numbers: dict[str, Number] = {
            "mean_load": round_half_up(Fraction(total, 10 * count), 1),
            "sd_load": float(_sd_tenth(spread, count)),
            "monotony": (
                None if spread == 0 else float(_monotony_ceil(total, spread, t.monotony_caution))
            ),
            "session_days": session_days,
        }
        return [LoadWarning(MONOTONY, "caution", day, None, numbers)]

    @classmethod
    def name(cls) -> str:
        return _("Little variation in daily load")

    def message(self, w: LoadWarning) -> str:
        t = self.options
        n = w.numbers
        days = n["session_days"]
        count = days if isinstance(days, int) else 0
        mean, sd = n["mean_load"], n["sd_load"]
        if n["monotony"] is None:
            return _(
                "The daily load was %(mean)s on each of the last 7 days: no variation from "
                "day to day at all"
            ) % {"mean": text.decimal(mean, 1)}
        values = {
            "mean": text.decimal(mean, 1),
            "sd": text.decimal(sd, 1),
            "monotony": text.decimal(n["monotony"], 2),
            "threshold": text.threshold(t.monotony_caution),
            "days": days,
        }
        return (
            ngettext(
                "Little variation in daily load over the last 7 days (%(days)s session day): "
                "average %(mean)s, standard deviation %(sd)s, monotony %(monotony)s, above "
                "%(threshold)s",
                "Little variation in daily load over the last 7 days (%(days)s session days): "
                "average %(mean)s, standard deviation %(sd)s, monotony %(monotony)s, above "
                "%(threshold)s",
                count,
            )
            % values
        )

    def advice(self, w: LoadWarning) -> str:
        return _("Vary the load from day to day: make easy days easier, or take a rest day.")

    @classmethod
    def source(cls, w: LoadWarning) -> str:
        return _(
            "Training monotony (average daily load divided by its standard deviation), "
            "Foster, 1998. Foster linked little variation together with a high load (strain) "
            "to illness in athletes, so runningcoach only looks at weeks of substantial load. "
            "It describes how little your days vary; it is not an injury forecast."
        )


# Daily loads are whole tenths x_i over `count` days, with S their sum and
# spread = count x sum(x_i^2) - S^2; then mean / sd = S / sqrt(spread) and
# sd = sqrt(spread) / (10 x count). The square root is taken on whole numbers, so neither
# figure passes through a rounded mean or a float standard deviation.


def _monotony_ceil(total: int, spread: int, line: float) -> Fraction:
    """mean / sd rounded up to two decimals (it is above `line`, or sd is 0)."""
    # The smallest n with n / 100 >= S / sqrt(spread), i.e. n^2 x spread >= (100 S)^2.
    target = (100 * total) ** 2
    n = math.isqrt(target // spread)
    while n * n * spread < target:
        n += 1
    figure = Fraction(n, 100)
    if figure <= exact(line):  # cannot happen for a warning; never read as the line
        figure = exact(line) + Fraction(1, 100)
    return figure


def _sd_tenth(spread: int, count: int) -> Fraction:
    """sqrt(spread) / (10 x count), rounded half up to one decimal: the largest m with
    m - 1/2 <= sqrt(spread) / count, i.e. (2 m - 1) x count <= 2 sqrt(spread)."""
    m = math.isqrt(spread) // count
    while ((2 * m + 1) * count) ** 2 <= 4 * spread:
        m += 1
    return Fraction(m, 10)
