"""acwr: load of the last 7 days against the weekly average of the 21 days before
("uncoupled", Gabbett 2016). Context from team-sport research, never an alarm."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta
from fractions import Fraction
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
    exact,
    round_half_up,
    rounded_away,
)

ACWR = "acwr"
CHRONIC_WEEKS = 3
CHRONIC_DAYS = CHRONIC_WEEKS * WEEK_DAYS


def _weeks_before(day: date) -> list[tuple[date, date]]:
    """The three 7-day weeks before the acute week ending with `day`, nearest first."""
    acute_from = day - timedelta(days=WEEK_DAYS - 1)
    return [
        (
            acute_from - timedelta(days=WEEK_DAYS * (n + 1)),
            acute_from - timedelta(days=WEEK_DAYS * n + 1),
        )
        for n in range(CHRONIC_WEEKS)
    ]


def _has_history(facts: Facts, day: date) -> bool:
    return _history_from(facts.first_session_day, day, facts.thresholds)


def _history_from(first_session_day: date | None, day: date, t: Thresholds) -> bool:
    history_from = day - timedelta(days=t.acwr_min_history_days - 1)
    return first_session_day is not None and first_session_day <= history_from


def returning_after_break(facts: Facts, day: date) -> bool:
    """Sessions in the last 7 days after a week or more without any in the 21 before.

    The ratio would then be high by construction; the dashboard shows a note instead.
    """
    return returning_after_break_on(
        set(facts.by_day), day=day, first_session_day=facts.first_session_day, t=facts.thresholds
    )


def returning_after_break_on(
    session_days: Collection[date], *, day: date, first_session_day: date | None, t: Thresholds
) -> bool:
    """`returning_after_break` from the local days that hold a session."""
    if not _history_from(first_session_day, day, t):
        return False

    def any_session(first: date, last: date) -> bool:
        return any(first <= d <= last for d in session_days)

    if not any_session(day - timedelta(days=WEEK_DAYS - 1), day):
        return False
    return any(not any_session(*week) for week in _weeks_before(day))


class Acwr(Rule):
    code: ClassVar[str] = ACWR
    severities: ClassVar[tuple[str, ...]] = ("caution", "high")
    kind: ClassVar[Literal["alarm", "window"]] = "window"
    options: ClassVar[frozenset[str]] = frozenset(
        {"acwr_min_history_days", "acwr_caution", "acwr_high"}
    )

    def days_back(self, t: Thresholds) -> int:
        return WEEK_DAYS + CHRONIC_DAYS - 1

    def evaluate(self, facts: Facts, day: date) -> list[LoadWarning]:
        t = facts.thresholds
        if not _has_history(facts, day):
            return []
        weeks = _weeks_before(day)
        if any(facts.session_days(*week) == 0 for week in weeks):
            return []  # after a break: returning_after_break, never a warning
        acute_tenths = facts.load_tenths_total(day - timedelta(days=WEEK_DAYS - 1), day)
        chronic_tenths = facts.load_tenths_total(weeks[-1][0], weeks[0][1])
        if chronic_tenths <= 0:
            return []
        acute, chronic = Fraction(acute_tenths, 10), Fraction(chronic_tenths, 10)
        # acute / (chronic / 3) > t, without dividing.
        if acute * CHRONIC_WEEKS > chronic * exact(t.acwr_high):
            severity = "high"
        elif acute * CHRONIC_WEEKS > chronic * exact(t.acwr_caution):
            severity = "caution"
        else:
            return []
        line = exact(t.acwr_high if severity == "high" else t.acwr_caution)
        numbers: dict[str, Number] = {
            "acute_load": round_half_up(acute, 1),
            "chronic_weekly_load": round_half_up(chronic / CHRONIC_WEEKS, 1),
            # From the exact loads, never from the rounded weekly average beside it.
            "ratio": float(rounded_away(acute * CHRONIC_WEEKS / chronic, line, 2)),
        }
        return [LoadWarning(ACWR, severity, day, None, numbers)]

    @classmethod
    def name(cls) -> str:
        return _("Acute load above the recent average")

    @classmethod
    def message(cls, w: LoadWarning, t: Thresholds) -> str:
        n = w.numbers
        line = t.acwr_high if w.severity == "high" else t.acwr_caution
        acute, chronic = n["acute_load"], n["chronic_weekly_load"]
        return _(
            "Load of the last 7 days: %(acute)s, against a weekly average of %(chronic)s "
            "over the 21 days before: ratio %(ratio)s, above %(threshold)s"
        ) % {
            "acute": text.decimal(acute, 1),
            "chronic": text.decimal(chronic, 1),
            "ratio": text.decimal(n["ratio"], 2),
            "threshold": text.threshold(line),
        }

    @classmethod
    def advice(cls, w: LoadWarning, t: Thresholds) -> str:
        return _(
            "Context, not an alarm: if the extra load was not planned, a few easier days "
            "bring your weekly load back towards its recent average of %(chronic)s."
        ) % {"chronic": text.decimal(w.numbers["chronic_weekly_load"], 1)}

    @classmethod
    def source(cls, w: LoadWarning) -> str:
        return _(
            "Acute:chronic workload ratio, from team-sport research (Gabbett, British "
            "Journal of Sports Medicine 2016). It is widely criticised as a risk measure "
            "(Lolli et al., BJSM 2019: the ratio is coupled mathematically; Impellizzeri et "
            "al., Sports Medicine 2021: ratio artefacts and thresholds taken from team "
            "sports), and Frandsen et al., BJSM 2025 compared a 1-week to 3-week ratio in "
            "runners and found no positive link with injury. Shown as context only."
        )


def break_note() -> str:
    return _("Returning after a break: build back gradually.")
