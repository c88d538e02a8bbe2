"""retro_increase: backward minutes (runs and walks) of the last 7 local days against the 7
before, after the advice on building up backward walking (at most about 10 % a week)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import ClassVar, Literal

from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from logbook.load import text
from logbook.load.arithmetic import exceeds, increase_pct, round_half_up
from logbook.load.core import LoadWarning, Number, Rule, Severity
from logbook.load.facts import RUN, WALK, WEEK_DAYS, Facts, PlannedFacts
from logbook.load.weekly import two_weeks

RETRO_INCREASE = "retro_increase"


@dataclass(frozen=True)
class RetroOptions:
    retro_min_base_s: int = 300
    retro_caution: float = 0.10


class RetroIncrease(Rule):
    code: ClassVar[str] = RETRO_INCREASE
    severities: ClassVar[tuple[Severity, ...]] = (
        Severity("caution", 80, pgettext_lazy("load warning severity", "caution")),
    )
    kind: ClassVar[Literal["alarm", "window"]] = "window"
    Options: ClassVar[type[RetroOptions]] = RetroOptions
    options: RetroOptions
    judges_plans: ClassVar[bool] = True

    def days_back(self) -> int:
        return 2 * WEEK_DAYS - 1

    def plan_marks(self, warning: LoadWarning, planned: PlannedFacts) -> bool:
        # A planned run or walk with backward minutes: what adds to the backward minutes.
        return planned.kind in (RUN, WALK) and planned.backward_s > 0

    def evaluate(self, facts: Facts, day: date) -> list[LoadWarning]:
        t = self.options
        last7, prev7 = two_weeks(day)
        last_s, prev_s = facts.backward_s(*last7), facts.backward_s(*prev7)
        if prev_s <= 0 or prev_s < t.retro_min_base_s:
            return []
        if not exceeds(last_s, prev_s, t.retro_caution):
            return []
        numbers: dict[str, Number] = {
            "last7_min": round_half_up(Fraction(last_s, 60), 1),
            "prev7_min": round_half_up(Fraction(prev_s, 60), 1),
            # From the seconds, not from the rounded minutes shown beside it.
            "increase_pct": increase_pct(last_s, prev_s, t.retro_caution),
        }
        return [LoadWarning(RETRO_INCREASE, "caution", day, None, numbers)]

    @classmethod
    def name(cls) -> str:
        return _("Backward minutes up")

    def message(self, w: LoadWarning) -> str:
        t = self.options
        n = w.numbers
        last, prev = n["last7_min"], n["prev7_min"]
        return _(
            "%(last)s minutes backward in the last 7 days against %(prev)s minutes in the "
            "7 days before: +%(pct)s %%, more than %(threshold)s %%"
        ) % {
            "last": text.decimal(last, 1),
            "prev": text.decimal(prev, 1),
            "pct": text.decimal(n["increase_pct"], 1),
            "threshold": text.threshold_pct(t.retro_caution),
        }

    def advice(self, w: LoadWarning) -> str:
        return _(
            "Keep next week's backward minutes at about this week's %(last)s minutes or less; "
            "backward running stays a short finisher or short repeats."
        ) % {"last": text.decimal(w.numbers["last7_min"], 1)}

    @classmethod
    def source(cls, w: LoadWarning) -> str:
        # xgettext:no-python-format
        return _(
            "Advice on building up backward walking (Dufek): at most about 10 % more a week. "
            "A rule of thumb rather than a tested limit: for forward running, a programme "
            "that added at most 10 % a week did not prevent injuries in novices (Buist et al. "
            "2008)."
        )
