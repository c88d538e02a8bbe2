"""single_run_spike: a run against the longest run of the same direction in the 30 x 24 h
before it (Frandsen et al., BJSM 2025). Also the one source of the next long run's cap."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from typing import ClassVar, Literal, Protocol

from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from logbook.load import text
from logbook.load.arithmetic import exceeds, floor_increase, increase_pct
from logbook.load.core import LoadWarning, Number, Rule, Severity
from logbook.load.facts import (
    RUN,
    Facts,
    PlannedFacts,
    SessionFacts,
    has_distance,
    is_wholly_backward,
    local_day,
)

SINGLE_RUN_SPIKE = "single_run_spike"


@dataclass(frozen=True)
class SpikeOptions:
    spike_window_days: int = 30  # 30 x 24 h before the run's start
    spike_small: float = 0.10  # also the next long run's cap: one figure, one source
    spike_moderate: float = 0.30
    spike_large: float = 1.00

    def __post_init__(self) -> None:
        if self.spike_window_days < 1:
            raise ValueError("spike_window_days must be at least 1")


class SpikeFigures(Protocol):
    """What the long-run cap reads: the spike rule's options, or any view of them."""

    @property
    def spike_window_days(self) -> int: ...

    @property
    def spike_small(self) -> float: ...


class SingleRunSpike(Rule):
    code: ClassVar[str] = SINGLE_RUN_SPIKE
    severities: ClassVar[tuple[Severity, ...]] = (
        Severity("small", 50, pgettext_lazy("load warning severity", "small")),
        Severity("moderate", 40, pgettext_lazy("load warning severity", "moderate")),
        Severity("large", 20, pgettext_lazy("load warning severity", "large")),
    )
    kind: ClassVar[Literal["alarm", "window"]] = "alarm"
    Options: ClassVar[type[SpikeOptions]] = SpikeOptions
    options: SpikeOptions
    judges_plans: ClassVar[bool] = True

    def days_back(self) -> int:
        # 30 x 24 h before a run just after midnight, plus one day in case a daylight-saving
        # change in between moves that instant to the evening of the day before.
        return self.options.spike_window_days + 1

    def plan_marks(self, warning: LoadWarning, planned: PlannedFacts) -> bool:
        # Every severity; the planned run that jumps (coaching.plan_check negates its id).
        return warning.session_id == -planned.id

    def evaluate(self, facts: Facts, day: date) -> list[LoadWarning]:
        t = self.options
        warnings = []
        for run in facts.sessions_on(day):
            if run.kind != RUN or not has_distance(run):
                continue
            backward = is_wholly_backward(run)
            earlier = facts.longest_run_before(
                before=run.start,
                window_days=t.spike_window_days,
                backward=backward,
                exclude_id=run.id,
            )
            if earlier is None or earlier.distance_m is None:
                continue
            distance, longest = run.distance_m or 0, earlier.distance_m
            severity = spike_severity(distance, longest, t)
            if severity is None:
                continue
            numbers: dict[str, Number] = {
                "distance_m": distance,
                "longest_m": longest,
                "increase_pct": increase_pct(distance, longest, _increase_of(severity, t)),
                # The next run after this one: the longest the rule lets pass after it.
                "cap_m": next_long_run_cap_m(max(distance, longest), t),
                "direction": "backward" if backward else "forward",
            }
            warnings.append(LoadWarning(SINGLE_RUN_SPIKE, severity, day, run.id, numbers))
        return warnings

    @classmethod
    def name(cls) -> str:
        return _("Single run longer than usual")

    def message(self, w: LoadWarning) -> str:
        t = self.options
        n = w.numbers
        distance, longest = n["distance_m"], n["longest_m"]
        values = {
            "distance": text.km(distance),
            "longest": text.km(longest),
            "pct": text.decimal(n["increase_pct"], 1),
            "threshold": text.threshold_pct(_increase_of(w.severity, t)),
        }
        if n.get("direction") == "backward":
            message = _(
                "%(distance)s km backward against a longest backward run of %(longest)s km "
                "in the 30 days before: +%(pct)s %%, more than %(threshold)s %%"
            )
        else:
            message = _(
                "%(distance)s km against a longest run of %(longest)s km "
                "in the 30 days before: +%(pct)s %%, more than %(threshold)s %%"
            )
        return message % values

    def advice(self, w: LoadWarning) -> str:
        t = self.options
        values = {"cap": text.km_cap(w.numbers["cap_m"]), "pct": text.threshold_pct(t.spike_small)}
        longest = w.numbers.get("longest_m")
        if w.session_id is not None and w.session_id < 0 and isinstance(longest, int):
            # A planned run (coaching.plan_check negates its id): what to plan instead.
            values["cap"] = text.km_cap(next_long_run_cap_m(longest, t))
            return (
                _(
                    "Plan it at or under %(cap)s km, %(pct)s %% over the longest run before "
                    "it: the longest the spike rule would not flag, a rule of thumb (Buist et "
                    "al. 2008)."
                )
                % values
            )
        if w.numbers.get("direction") == "backward":
            advice = _(
                "Keep your next backward run at or under %(cap)s km, %(pct)s %% over this one: "
                "the longest the spike rule would not flag, a rule of thumb borrowed from "
                "forward running. As in the retro progression, keep backward running to a short "
                "finisher or short repeats."
            )
        else:
            advice = _(
                "Keep your next long run at or under %(cap)s km, %(pct)s %% over this one: "
                "the longest the spike rule would not flag. That line is a rule of thumb, not "
                "a proven limit: a programme that added at most 10 %% a week did not prevent "
                "injuries in novice runners (Buist et al. 2008). Repeating this distance "
                "before building on it is a common, cautious choice."
            )
        return advice % values

    @classmethod
    def source(cls, w: LoadWarning) -> str:
        # xgettext:no-python-format
        study = _(
            "In 5,205 recreational runners (Garmin data, mostly men around 46; Frandsen et "
            "al., British Journal of Sports Medicine 2025, doi:10.1136/bjsports-2024-109380), "
            "runs more than 10 % beyond the longest run of the previous 30 days went "
            "with a higher rate of self-reported overuse injuries (about 1.5 to 2.3 times): "
            "an association in a group, not a forecast for you. The rate did not rise "
            "steadily with the size of the jump (1.64, 1.52 and 2.28 times for the three "
            "sizes), so the severity names how big the jump was, not how risky it is."
        )
        if w.numbers.get("direction") == "backward":
            return " ".join(
                [
                    study,
                    _(
                        "For backward runs the rule is borrowed: it was studied in forward "
                        "running only."
                    ),
                ]
            )
        return study


def spike_severity(distance: int, longest: int, t: SpikeOptions) -> str | None:
    if exceeds(distance, longest, t.spike_large):
        return "large"
    if exceeds(distance, longest, t.spike_moderate):
        return "moderate"
    if exceeds(distance, longest, t.spike_small):
        return "small"
    return None


def _increase_of(severity: str, t: SpikeOptions) -> float:
    return {"small": t.spike_small, "moderate": t.spike_moderate, "large": t.spike_large}[severity]


@dataclass(frozen=True)
class LongRunCap:
    """The next long run's cap, as the spike advice, the dashboard and the reminder show it.

    `longest_m` is the longest forward run of the 30 local days up to today and `cap_m` the
    longest next run that the spike rule would not flag against it (DOMAIN.md section 3:
    after a jump from 10 to 12 km that is 13.2 km). `base_m`, what the cap counts from, is
    that same longest run.
    """

    longest_m: int | None
    base_m: int | None
    cap_m: int | None


def long_run_cap_days_back(t: SpikeFigures) -> int:
    """Local days of sessions before the first day that `long_runs_by_day` needs to see."""
    return 0


def next_long_run_cap_m(base_m: int, t: SpikeFigures) -> int:
    """The longest next run that the spike rule lets pass after a longest run of `base_m`:
    the largest whole number of metres for which `spike_severity` finds nothing."""
    return floor_increase(base_m, t.spike_small)


def long_runs_by_day(
    sessions: Sequence[SessionFacts],
    *,
    first_day: date,
    last_day: date,
    tz: tzinfo,
    thresholds: SpikeFigures,
) -> dict[date, tuple[int, int]]:
    """Per local day in [first_day, last_day] with a forward run: (its longest forward run,
    what that day adds to the long-run base, the same run: the spike rule compares the next
    run with the longest of the 30 days before it, jump or not)."""
    days: dict[date, tuple[int, int]] = {}
    for run in sessions:
        if run.kind != RUN or not has_distance(run) or is_wholly_backward(run):
            continue
        day = local_day(run.start, tz)
        if not first_day <= day <= last_day:
            continue
        longest = max(days.get(day, (0, 0))[0], run.distance_m or 0)
        days[day] = (longest, longest)
    return days


def long_run_cap_from_days(
    days: Mapping[date, tuple[int, int]], *, today: date, thresholds: SpikeFigures
) -> LongRunCap:
    """The cap of the 30 local days up to and including today, from `long_runs_by_day`."""
    first_day = today - timedelta(days=thresholds.spike_window_days - 1)
    recent = [figures for day, figures in days.items() if first_day <= day <= today]
    if not recent:
        return LongRunCap(longest_m=None, base_m=None, cap_m=None)
    base = max(b for _longest, b in recent)
    return LongRunCap(
        longest_m=max(longest for longest, _b in recent),
        base_m=base,
        cap_m=next_long_run_cap_m(base, thresholds),
    )


def long_run_cap(
    sessions: Sequence[SessionFacts], *, today: date, tz: tzinfo, thresholds: SpikeFigures
) -> LongRunCap:
    """The forward long-run cap for a run after today; pass the sessions of the
    `long_run_cap_days_back` + 30 local days up to today."""
    first_day = today - timedelta(days=thresholds.spike_window_days - 1)
    days = long_runs_by_day(
        sessions, first_day=first_day, last_day=today, tz=tz, thresholds=thresholds
    )
    return long_run_cap_from_days(days, today=today, thresholds=thresholds)


def long_run_cap_m(
    sessions: Sequence[SessionFacts], *, today: date, tz: tzinfo, thresholds: SpikeFigures
) -> tuple[int | None, int | None]:
    """(longest forward run of the 30 local days up to today, next long run's cap)."""
    found = long_run_cap(sessions, today=today, tz=tz, thresholds=thresholds)
    return found.longest_m, found.cap_m
