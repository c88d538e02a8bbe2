"""monotony: mean of the last 7 daily loads over their population standard deviation
(Foster 1998), only above a minimum weekly load: Foster linked monotony with high load."""

from __future__ import annotations

import statistics
from datetime import date, timedelta
from fractions import Fraction
from typing import ClassVar, Literal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from logbook.load import text
from logbook.load.core import (
    WEEK_DAYS,
    Facts,
    LoadWarning,
    Number,
    Rule,
    Thresholds,
    exact,
    round_half_up,
)

MONOTONY = "monotony"


class Monotony(Rule):
    code: ClassVar[str] = MONOTONY
    severities: ClassVar[tuple[str, ...]] = ("caution",)
    kind: ClassVar[Literal["alarm", "window"]] = "window"
    options: ClassVar[frozenset[str]] = frozenset(
        {"monotony_min_session_days", "monotony_min_weekly_load", "monotony_caution"}
    )

    def days_back(self, t: Thresholds) -> int:
        return WEEK_DAYS - 1

    def evaluate(self, facts: Facts, day: date) -> list[LoadWarning]:
        t = facts.thresholds
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
        mean = Fraction(total, 10 * count)
        loads = [x / 10 for x in tenths]
        sd = statistics.pstdev(loads)
        numbers: dict[str, Number] = {
            "mean_load": round_half_up(mean, 1),
            "sd_load": round_half_up(sd, 1),
            "monotony": None if spread == 0 else round_half_up(float(mean) / sd, 2),
            "session_days": session_days,
        }
        return [LoadWarning(MONOTONY, "caution", day, None, numbers)]

    @classmethod
    def name(cls) -> str:
        return _("Little variation in daily load")

    @classmethod
    def message(cls, w: LoadWarning, t: Thresholds) -> str:
        n = w.numbers
        days = n["session_days"]
        count = days if isinstance(days, int) else 0
        mean, sd = n["mean_load"], n["sd_load"]
        if n["monotony"] is None:
            return _(
                "The daily load was %(mean)s on each of the last 7 days: no variation from "
                "day to day at all"
            ) % {"mean": text.decimal(mean, 1)}
        if isinstance(mean, int | float) and isinstance(sd, int | float) and sd:
            figure = text.beyond(exact(mean) / exact(sd), exact(t.monotony_caution), places=2)
        else:
            figure = text.decimal(n["monotony"], 2)
        values = {
            "mean": text.decimal(mean, 1),
            "sd": text.decimal(sd, 1),
            "monotony": figure,
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

    @classmethod
    def advice(cls, w: LoadWarning, t: Thresholds) -> str:
        return _("Vary the load from day to day: make easy days easier, or take a rest day.")

    @classmethod
    def source(cls, w: LoadWarning) -> str:
        return _(
            "Training monotony (average daily load divided by its standard deviation), "
            "Foster, 1998. Little variation together with a high load went with illness and "
            "poor form in athletes, so runningcoach only looks at weeks of substantial load. "
            "It describes how little your days vary; it is not an injury forecast."
        )
