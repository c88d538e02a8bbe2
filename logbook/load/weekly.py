"""weekly_increase: equivalent running distance of the last 7 local days against the 7
before, a rule of thumb (Buist et al. 2008 found the 10 % programme did not prevent injuries)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import ClassVar, Literal

from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from logbook.load import text
from logbook.load.arithmetic import exceeds, increase_pct
from logbook.load.core import LoadWarning, Number, Rule, Severity
from logbook.load.facts import RUN, WEEK_DAYS, Facts, PlannedFacts

WEEKLY_INCREASE = "weekly_increase"


def two_weeks(day: date) -> tuple[tuple[date, date], tuple[date, date]]:
    """(the last 7 local days ending with `day`, the 7 before those)."""
    last7 = (day - timedelta(days=WEEK_DAYS - 1), day)
    prev7 = (day - timedelta(days=2 * WEEK_DAYS - 1), day - timedelta(days=WEEK_DAYS))
    return last7, prev7


@dataclass(frozen=True)
class WeeklyOptions:
    weekly_min_base_m: int = 5000
    weekly_caution: float = 0.10
    weekly_warning: float = 0.30


class WeeklyIncrease(Rule):
    code: ClassVar[str] = WEEKLY_INCREASE
    severities: ClassVar[tuple[Severity, ...]] = (
        Severity("caution", 90, pgettext_lazy("load warning severity", "caution")),
        Severity("warning", 60, pgettext_lazy("load warning severity", "warning")),
    )
    kind: ClassVar[Literal["alarm", "window"]] = "window"
    Options: ClassVar[type[WeeklyOptions]] = WeeklyOptions
    options: WeeklyOptions
    judges_plans: ClassVar[bool] = True

    def days_back(self) -> int:
        return 2 * WEEK_DAYS - 1

    def plan_marks(self, warning: LoadWarning, planned: PlannedFacts) -> bool:
        # Only the upper severity (over 30 % by default), on a planned run with a distance:
        # what adds to the weekly distance.
        return warning.severity == "warning" and planned.kind == RUN and bool(planned.distance_m)

    def evaluate(self, facts: Facts, day: date) -> list[LoadWarning]:
        t = self.options
        last7, prev7 = two_weeks(day)
        last_m, prev_m = facts.run_m(*last7), facts.run_m(*prev7)
        if prev_m <= 0 or prev_m < t.weekly_min_base_m:
            return []
        if exceeds(last_m, prev_m, t.weekly_warning):
            severity = "warning"
        elif exceeds(last_m, prev_m, t.weekly_caution):
            severity = "caution"
        else:
            return []
        numbers: dict[str, Number] = {
            "last7_m": last_m,
            "prev7_m": prev_m,
            "increase_pct": increase_pct(
                last_m, prev_m, t.weekly_warning if severity == "warning" else t.weekly_caution
            ),
        }
        return [LoadWarning(WEEKLY_INCREASE, severity, day, None, numbers)]

    @classmethod
    def name(cls) -> str:
        return _("Weekly distance up")

    def message(self, w: LoadWarning) -> str:
        t = self.options
        n = w.numbers
        increase = t.weekly_warning if w.severity == "warning" else t.weekly_caution
        last, prev = n["last7_m"], n["prev7_m"]
        pct = text.decimal(n["increase_pct"], 1)
        return _(
            "%(last)s km of running in the last 7 days against %(prev)s km in the 7 days "
            "before: +%(pct)s %%, more than %(threshold)s %% (backward metres count extra)"
        ) % {
            "last": text.km(last),
            "prev": text.km(prev),
            "pct": pct,
            "threshold": text.threshold_pct(increase),
        }

    def advice(self, w: LoadWarning) -> str:
        return _(
            "Hold next week's running at about this week's %(last)s km or less before "
            "building further."
        ) % {"last": text.km(w.numbers["last7_m"])}

    @classmethod
    def source(cls, w: LoadWarning) -> str:
        # xgettext:no-python-format
        return _(
            "A rule of thumb, not a proven limit: in a randomised trial of 532 novice runners "
            "(Buist et al. 2008) a programme that added at most 10 % a week did not prevent "
            "injuries. Nielsen et al. 2014 found no significant overall link for novices "
            "raising their distance by more than 30 % over two weeks, and Frandsen et al., "
            "BJSM 2025 found none for week-to-week change."
        )
