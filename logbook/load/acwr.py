"""acwr: load of the last 7 days against the weekly average of the 21 days before
("uncoupled", Gabbett 2016). Context from team-sport research, never an alarm."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from typing import ClassVar, Literal, Protocol

from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from logbook.load import text
from logbook.load.arithmetic import exact, round_half_up, rounded_away
from logbook.load.core import LoadWarning, Number, Rule, Severity
from logbook.load.facts import WEEK_DAYS, Facts

ACWR = "acwr"


@dataclass(frozen=True)
class AcwrOptions:
    acwr_min_history_days: int = 28
    acwr_caution: float = 1.3
    acwr_high: float = 1.5
    acwr_chronic_weeks: int = 3  # the weeks before the acute week whose average it is

    def __post_init__(self) -> None:
        if self.acwr_chronic_weeks < 1:
            raise ValueError("acwr_chronic_weeks must be at least 1")


class AcwrFigures(Protocol):
    """What the break note reads: the acwr rule's options, or any view of them."""

    @property
    def acwr_min_history_days(self) -> int: ...

    @property
    def acwr_chronic_weeks(self) -> int: ...


Span = tuple[date, date]


def acute_week(day: date) -> Span:
    """The 7 local days ending with `day`."""
    return day - timedelta(days=WEEK_DAYS - 1), day


def weeks_before(day: date, weeks: int) -> list[Span]:
    """The `weeks` 7-day weeks before the acute week ending with `day`, nearest first."""
    acute_from = acute_week(day)[0]
    return [
        (
            acute_from - timedelta(days=WEEK_DAYS * (n + 1)),
            acute_from - timedelta(days=WEEK_DAYS * n + 1),
        )
        for n in range(weeks)
    ]


def _history_from(first_session_day: date | None, day: date, t: AcwrFigures) -> bool:
    history_from = day - timedelta(days=t.acwr_min_history_days - 1)
    return first_session_day is not None and first_session_day <= history_from


def returning_after_break(facts: Facts, day: date, t: AcwrFigures) -> bool:
    """Sessions in the last 7 days after a week or more without any in the 21 before.

    The ratio would then be high by construction; the dashboard shows a note instead.
    """
    return returning_after_break_on(
        set(facts.by_day), day=day, first_session_day=facts.first_session_day, t=t
    )


def returning_after_break_on(
    session_days: Collection[date], *, day: date, first_session_day: date | None, t: AcwrFigures
) -> bool:
    """`returning_after_break` from the local days that hold a session."""
    if not _history_from(first_session_day, day, t):
        return False

    def any_session(first: date, last: date) -> bool:
        return any(first <= d <= last for d in session_days)

    if not any_session(*acute_week(day)):
        return False
    return any(not any_session(*week) for week in weeks_before(day, t.acwr_chronic_weeks))


class Acwr(Rule):
    code: ClassVar[str] = ACWR
    severities: ClassVar[tuple[Severity, ...]] = (
        Severity("caution", 100, pgettext_lazy("load warning severity", "caution")),
        Severity("high", 70, pgettext_lazy("load warning severity", "high")),
    )
    kind: ClassVar[Literal["alarm", "window"]] = "window"
    Options: ClassVar[type[AcwrOptions]] = AcwrOptions
    options: AcwrOptions

    def days_back(self) -> int:
        return WEEK_DAYS * (1 + self.options.acwr_chronic_weeks) - 1

    def chronic_weeks(self, day: date) -> list[Span]:
        """The weeks whose average the acute week is held against, oldest first."""
        return weeks_before(day, self.options.acwr_chronic_weeks)[::-1]

    def ratio(
        self,
        *,
        acute_load: float,
        chronic_load: float,
        weeks_with_sessions: int,
        first_session_day: date | None,
        day: date,
    ) -> float | None:
        """The uncoupled ratio from loads added up elsewhere (the coach's list adds them up
        in the database over `acute_week` and `chronic_weeks`), under the rule's own
        conditions: enough history, a session in every chronic week, a chronic load; as a
        warning quotes it (`quoted_ratio`)."""
        weeks = self.options.acwr_chronic_weeks
        if not chronic_load or weeks_with_sessions < weeks:
            return None
        if not _history_from(first_session_day, day, self.options):
            return None
        # Session loads hold one decimal: their sums in tenths are the rule's exact loads.
        acute, chronic = (
            Fraction(round(acute_load * 10), 10),
            Fraction(round(chronic_load * 10), 10),
        )
        if chronic <= 0:
            return None
        return float(self.quoted_ratio(acute, chronic))

    def quoted_ratio(self, acute: Fraction, chronic: Fraction) -> Fraction:
        """acute / (chronic / weeks) as a warning and the coach's list quote it: worked from
        the exact loads and rounded once to two decimals, away from the line it is read
        against (the high line above it, the caution line otherwise): 1.3004 reads 1.31."""
        t = self.options
        ratio = acute * t.acwr_chronic_weeks / chronic
        line = exact(t.acwr_high) if ratio > exact(t.acwr_high) else exact(t.acwr_caution)
        return rounded_away(ratio, line, 2)

    def evaluate(self, facts: Facts, day: date) -> list[LoadWarning]:
        t = self.options
        if not _history_from(facts.first_session_day, day, t):
            return []
        weeks = weeks_before(day, t.acwr_chronic_weeks)
        if any(facts.session_days(*week) == 0 for week in weeks):
            return []  # after a break: returning_after_break, never a warning
        acute_tenths = facts.load_tenths_total(*acute_week(day))
        chronic_tenths = facts.load_tenths_total(weeks[-1][0], weeks[0][1])
        if chronic_tenths <= 0:
            return []
        acute, chronic = Fraction(acute_tenths, 10), Fraction(chronic_tenths, 10)
        count = t.acwr_chronic_weeks
        # acute / (chronic / weeks) > t, without dividing.
        if acute * count > chronic * exact(t.acwr_high):
            severity = "high"
        elif acute * count > chronic * exact(t.acwr_caution):
            severity = "caution"
        else:
            return []
        numbers: dict[str, Number] = {
            "acute_load": round_half_up(acute, 1),
            "chronic_weekly_load": round_half_up(chronic / count, 1),
            # From the exact loads, never from the rounded weekly average beside it.
            "ratio": float(self.quoted_ratio(acute, chronic)),
        }
        return [LoadWarning(ACWR, severity, day, None, numbers)]

    @classmethod
    def name(cls) -> str:
        return _("Acute load above the recent average")

    def message(self, w: LoadWarning) -> str:
        t = self.options
        n = w.numbers
        line = t.acwr_high if w.severity == "high" else t.acwr_caution
        acute, chronic = n["acute_load"], n["chronic_weekly_load"]
        values = {
            "acute": text.decimal(acute, 1),
            "chronic": text.decimal(chronic, 1),
            "ratio": text.decimal(n["ratio"], 2),
            "threshold": text.threshold(line),
            "days": WEEK_DAYS * t.acwr_chronic_weeks,
        }
        if t.acwr_chronic_weeks == AcwrOptions.acwr_chronic_weeks:
            return (
                _(
                    "Load of the last 7 days: %(acute)s, against a weekly average of %(chronic)s "
                    "over the 21 days before: ratio %(ratio)s, above %(threshold)s"
                )
                % values
            )
        return (
            _(
                "Load of the last 7 days: %(acute)s, against a weekly average of %(chronic)s "
                "over the %(days)s days before: ratio %(ratio)s, above %(threshold)s"
            )
            % values
        )

    def advice(self, w: LoadWarning) -> str:
        return _(
            "Context, not an alarm: if the extra load was not planned, a few easier days "
            "bring your weekly load back towards its recent average of %(chronic)s."
        ) % {"chronic": text.decimal(w.numbers["chronic_weekly_load"], 1)}

    @classmethod
    def source(cls, w: LoadWarning) -> str:
        return _(
            "Acute:chronic workload ratio, from team-sport research (Gabbett, British "
            "Journal of Sports Medicine 2016). Gabbett's cut-offs came from the coupled "
            "ratio, whose average includes the last 7 days themselves, so that the two "
            "are coupled mathematically (Lolli et al., BJSM 2019); runningcoach uses the "
            "uncoupled ratio, which holds the last 7 days against the days before them "
            "only. The ratio is widely criticised as a risk measure (Impellizzeri et al., "
            "Sports Medicine 2021: ratio artefacts and thresholds taken from team sports), "
            "and Frandsen et al., BJSM 2025 compared a 1-week to 3-week ratio in runners "
            "and found no positive link with injury. Shown as context only."
        )


def break_note() -> str:
    return _("Returning after a break: build back gradually.")
