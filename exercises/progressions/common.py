"""What every progression shares: the week facts it reads, the suggestion it gives, and the
arithmetic of streaks and increases."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Final, Literal

HIP: Final = "hip"
RETRO_WALK: Final = "retro_walk"
RETRO_RUN: Final = "retro_run"
TRAIL: Final = "trail"
LONG_RUN: Final = "long_run"

Action = Literal["advance", "stay", "start", "top"]
ADVANCE: Final = "advance"  # a next step (or a bigger amount) is suggested
STAY: Final = "stay"  # keep the current step or amount, with the reason
START: Final = "start"  # nothing done yet: where to begin
TOP: Final = "top"  # the last step or the ceiling is reached

PAIN_LIMIT: Final = 2  # pain above 2/10 holds a progression back
INCREASE_PCT: Final = 10  # retro minutes a week and the longest run

Number = int | float | str | None


@dataclass(frozen=True)
class WeekFacts:
    """What one ISO week (Monday to Sunday, the runner's local time) held."""

    iso_year: int
    iso_week: int
    hip_sessions: int = 0  # strength/mobility sessions with an exercise of the current level
    max_pain: int | None = None  # highest pain (0-10) logged after any session, if any
    backward_walk_min: float = 0.0
    backward_run_min: float = 0.0
    off_road_runs: int = 0
    hardest_surface_step: int | None = None  # SURFACE_STEPS of the hardest off-road run
    alarms: int = 0  # spike and pain warnings of the week's sessions
    complete: bool = True  # False for the week still running
    longest_backward_walk_min: float = 0.0  # 0 means unknown: the week's total is used
    hip_level: int | None = None  # the runner's hip level that week; None: unknown

    @property
    def label(self) -> str:
        return f"{self.iso_year}-W{self.iso_week:02d}"

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.iso_year, self.iso_week, 1)


@dataclass(frozen=True)
class Suggestion:
    progression: str  # HIP, RETRO_WALK, RETRO_RUN, TRAIL or LONG_RUN
    action: Action
    current: Number  # hip level, trail step, backward minutes, longest run in metres
    next: Number
    reason: str  # in the active language, with the numbers
    numbers: Mapping[str, Number] = field(default_factory=dict)


def completed_weeks(weeks: Iterable[WeekFacts]) -> list[WeekFacts]:
    """The completed weeks, oldest first."""
    return sorted((w for w in weeks if w.complete), key=lambda w: (w.iso_year, w.iso_week))


def weeks_in_a_row(done: Sequence[WeekFacts], qualifies: Callable[[WeekFacts], bool]) -> int:
    """How many consecutive ISO weeks, ending with the latest completed one, qualify."""
    count = 0
    later: WeekFacts | None = None
    for week in reversed(done):
        if later is not None and (later.monday - week.monday).days != 7:
            break
        if not qualifies(week):
            break
        count += 1
        later = week
    return count


def pain_above(week: WeekFacts, limit: int) -> bool:
    return week.max_pain is not None and week.max_pain > limit


def whole_seconds(minutes: float) -> int:
    return max(0, int(minutes * 60 + 0.5))


def plus_pct(amount: int, pct: int = INCREASE_PCT) -> int:
    """`amount` plus `pct` percent, rounded down, so the result never exceeds the limit."""
    return amount * (100 + pct) // 100


def duration_text(seconds: int) -> str:
    minutes, rest = divmod(seconds, 60)
    if not minutes:
        return f"{rest} s"
    if not rest:
        return f"{minutes} min"
    return f"{minutes} min {rest} s"
