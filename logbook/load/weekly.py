"""weekly_increase: equivalent running distance of the last 7 local days against the 7
before, a rule of thumb (Buist et al. 2008 found the 10 % programme did not prevent injuries)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import ClassVar, Literal

from django.utils.translation import gettext as _

from logbook.load import text
from logbook.load.core import (
    WEEK_DAYS,
    Facts,
    LoadWarning,
    Number,
    Rule,
    Thresholds,
    exceeds,
    increase_pct,
)

WEEKLY_INCREASE = "weekly_increase"


def two_weeks(day: date) -> tuple[tuple[date, date], tuple[date, date]]:
    """(the last 7 local days ending with `day`, the 7 before those)."""
    last7 = (day - timedelta(days=WEEK_DAYS - 1), day)
    prev7 = (day - timedelta(days=2 * WEEK_DAYS - 1), day - timedelta(days=WEEK_DAYS))
    return last7, prev7


class WeeklyIncrease(Rule):
    code: ClassVar[str] = WEEKLY_INCREASE
    severities: ClassVar[tuple[str, ...]] = ("caution", "warning")
    kind: ClassVar[Literal["alarm", "window"]] = "window"
    options: ClassVar[frozenset[str]] = frozenset(
        {"weekly_min_base_m", "weekly_caution", "weekly_warning"}
    )

    def days_back(self, t: Thresholds) -> int:
        return 2 * WEEK_DAYS - 1

    def evaluate(self, facts: Facts, day: date) -> list[LoadWarning]:
        t = facts.thresholds
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

    @classmethod
    def message(cls, w: LoadWarning, t: Thresholds) -> str:
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

    @classmethod
    def advice(cls, w: LoadWarning, t: Thresholds) -> str:
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
