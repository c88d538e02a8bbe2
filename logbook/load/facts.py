"""What the rules read: plain session values, local days, distances, and the facts of one
evaluation worked out once for every rule.

Pure: plain values and an explicit day, no database and no clock. Every day boundary is a
local calendar day in the runner's time zone, which the caller passes in.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from decimal import ROUND_HALF_UP, Decimal

from logbook.load.arithmetic import whole

RUN = "run"
WALK = "walk"
STRENGTH = "strength"
KINDS = (RUN, WALK, STRENGTH)

# Fixed by the rule definitions: "the last 7 days", "the 7 before".
WEEK_DAYS = 7


@dataclass(frozen=True)
class SessionFacts:
    """What the rules need to know about one session."""

    id: int | None
    start: datetime  # timezone-aware
    kind: str  # "run" | "walk" | "strength"
    duration_s: int  # elapsed
    distance_m: int | None
    backward_s: int = 0
    backward_m: int | None = None
    load: float = 0.0  # as stored: rpe x minutes (see session_load)
    pain: int | None = None  # 0-10, None when not recorded
    sharp_pain: bool = False

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.start.utcoffset() is None:
            raise ValueError("SessionFacts.start must be timezone-aware")
        if self.kind not in KINDS:
            raise ValueError(f"unknown session kind: {self.kind!r}")


@dataclass(frozen=True)
class PlannedFacts:
    """What the rules need to know about one planned session."""

    id: int
    day: date
    kind: str
    duration_s: int | None = None
    distance_m: int | None = None
    rpe: int | None = None
    backward_s: int = 0


def session_load(*, duration_s: int, rpe: int | None, default_rpe: int) -> tuple[float, bool]:
    """Foster's session-RPE load, rounded to 1 decimal, and whether the RPE was estimated.

    load = RPE x elapsed minutes; a session without RPE uses `default_rpe` and is estimated.
    """
    estimated = rpe is None
    used_rpe = default_rpe if rpe is None else rpe
    if not 1 <= used_rpe <= 10:
        raise ValueError(f"RPE must be 1-10, not {used_rpe}")
    if duration_s < 0:
        raise ValueError(f"duration must not be negative: {duration_s}")
    load = (Decimal(used_rpe * duration_s) / 60).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return float(load), estimated


def local_day(start: datetime, tz: tzinfo) -> date:
    """The runner's calendar day on which a session started (a run over midnight stays put)."""
    return start.astimezone(tz).date()


def is_wholly_backward(s: SessionFacts) -> bool:
    if 0 < s.duration_s <= s.backward_s:
        return True
    return (
        s.distance_m is not None and s.backward_m is not None and 0 < s.distance_m <= s.backward_m
    )


def backward_distance_m(s: SessionFacts) -> float:
    """Backward metres: as recorded, else estimated from the backward share of the time."""
    if s.backward_m is not None:
        backward = float(s.backward_m)
    elif s.distance_m is not None and s.duration_s > 0:
        backward = s.distance_m * min(s.backward_s, s.duration_s) / s.duration_s
    else:
        backward = 0.0
    if s.distance_m is not None:
        backward = min(backward, float(s.distance_m))
    return max(backward, 0.0)


def equivalent_distance_m(s: SessionFacts, factor: float) -> float:
    """Forward metres + factor x backward metres (`distance_m` is the total of both).

    Works for any kind; the rules only sum it over runs, so walks and strength sessions
    add nothing to running distance. Unknown distance counts as 0 (plus recorded backward
    metres, if any).
    """
    backward = backward_distance_m(s)
    forward = 0.0 if s.distance_m is None else s.distance_m - backward
    return forward + factor * backward


def days_between(first_day: date, last_day: date) -> list[date]:
    return [first_day + timedelta(days=i) for i in range((last_day - first_day).days + 1)]


def daily_loads(
    sessions: Iterable[SessionFacts], *, first_day: date, last_day: date, tz: tzinfo
) -> dict[date, float]:
    """Load per local day for every day in [first_day, last_day]; rest days are 0."""
    loads = dict.fromkeys(days_between(first_day, last_day), 0.0)
    for s in sessions:
        day = local_day(s.start, tz)
        if day in loads:
            loads[day] += s.load
    # Stored loads carry one decimal; rounding the sums removes float noise.
    return {day: round(total, 1) for day, total in loads.items()}


def has_distance(s: SessionFacts) -> bool:
    return s.distance_m is not None and s.distance_m > 0


def longest_run_before(
    sessions: Iterable[SessionFacts],
    *,
    before: datetime,
    window_days: int,
    backward: bool,
    exclude_id: int | None,
) -> SessionFacts | None:
    """Longest run of one direction that started in [before - window_days x 24 h, before).

    Earlier the same day counts. Runs without a distance are ignored.
    """
    # In UTC: arithmetic on a local datetime is wall-clock time, which would stretch or
    # shrink the window by an hour across a daylight-saving change.
    before = before.astimezone(UTC)
    since = before - timedelta(hours=24 * window_days)
    candidates = [
        s
        for s in sessions
        if s.kind == RUN
        and has_distance(s)
        and since <= s.start < before
        and is_wholly_backward(s) == backward
        and (exclude_id is None or s.id != exclude_id)
    ]
    if not candidates:
        return None
    return max(candidates, key=lambda s: (s.distance_m or 0, s.start))


class Facts:
    """What the rules read, computed once per evaluation instead of once per rule and day:
    each session's local day, daily loads, daily running distance (equivalent) and backward
    seconds, and the runs in start order for the longest-run look-ups."""

    def __init__(
        self,
        sessions: Sequence[SessionFacts],
        *,
        tz: tzinfo,
        backward_factor: float,
        first_session_day: date | None = None,
    ) -> None:
        self.tz = tz
        self.backward_factor = backward_factor
        self.sessions = sorted(sessions, key=lambda s: s.start)
        self.by_day: dict[date, list[SessionFacts]] = {}
        for s in self.sessions:
            self.by_day.setdefault(local_day(s.start, tz), []).append(s)
        if first_session_day is None:
            first_session_day = min(self.by_day, default=None)
        self.first_session_day = first_session_day
        factor = backward_factor
        # In tenths: stored loads carry one decimal, so whole numbers keep the sums exact
        # (and cheap: the rules add them up for every day evaluated).
        self._load_tenths: dict[date, int] = {}
        self._run_m: dict[date, list[float]] = {}
        self._backward_s: dict[date, int] = {}
        for day, day_sessions in self.by_day.items():
            self._load_tenths[day] = round(sum(s.load for s in day_sessions) * 10)
            self._run_m[day] = [
                equivalent_distance_m(s, factor) for s in day_sessions if s.kind == RUN
            ]
            self._backward_s[day] = sum(s.backward_s for s in day_sessions if s.kind in (RUN, WALK))
        self._first = min(self.by_day, default=date.min)
        self._load_sums = self._prefix(self._load_tenths)
        self._backward_sums = self._prefix(self._backward_s)
        self._day_sums = self._prefix(dict.fromkeys(self.by_day, 1))
        self._run_m_by_offset: list[list[float]] = (
            [self._run_m.get(d, []) for d in days_between(self._first, max(self.by_day))]
            if self.by_day
            else []
        )
        self.runs = [s for s in self.sessions if s.kind == RUN and has_distance(s)]
        self._run_starts = [s.start.astimezone(UTC) for s in self.runs]
        self._run_backward = [is_wholly_backward(s) for s in self.runs]

    def _prefix(self, per_day: Mapping[date, int]) -> list[int]:
        """Running totals from the first session day: sums over any span in two look-ups."""
        if not per_day:
            return [0]
        totals = [0]
        for d in days_between(self._first, max(self.by_day)):
            totals.append(totals[-1] + per_day.get(d, 0))
        return totals

    def _span_sum(self, totals: list[int], first_day: date, last_day: date) -> int:
        if len(totals) == 1 or last_day < first_day:
            return 0
        lo = min(max((first_day - self._first).days, 0), len(totals) - 1)
        hi = min(max((last_day - self._first).days + 1, 0), len(totals) - 1)
        return totals[hi] - totals[lo] if hi > lo else 0

    def sessions_on(self, day: date) -> list[SessionFacts]:
        return self.by_day.get(day, [])

    def load_tenths(self, first_day: date, last_day: date) -> list[int]:
        """Daily loads of [first_day, last_day] in tenths, rest days 0."""
        return [self._load_tenths.get(d, 0) for d in days_between(first_day, last_day)]

    def run_m(self, first_day: date, last_day: date) -> int:
        """Equivalent running distance of the local days [first_day, last_day], whole metres."""
        lo, hi = self._offsets(first_day, last_day)
        # Summed session by session in start order, so the float total is always the same.
        return whole(sum(itertools.chain.from_iterable(self._run_m_by_offset[lo:hi])))

    def _offsets(self, first_day: date, last_day: date) -> tuple[int, int]:
        """[first_day, last_day] as a slice of the per-day lists from the first session day."""
        size = len(self._run_m_by_offset)
        lo = min(max((first_day - self._first).days, 0), size)
        hi = min(max((last_day - self._first).days + 1, 0), size)
        return lo, max(lo, hi)

    def load_tenths_total(self, first_day: date, last_day: date) -> int:
        return self._span_sum(self._load_sums, first_day, last_day)

    def backward_s(self, first_day: date, last_day: date) -> int:
        return self._span_sum(self._backward_sums, first_day, last_day)

    def session_days(self, first_day: date, last_day: date) -> int:
        return self._span_sum(self._day_sums, first_day, last_day)

    def longest_run_before(
        self, *, before: datetime, window_days: int, backward: bool, exclude_id: int | None
    ) -> SessionFacts | None:
        """`longest_run_before` over the runs of this evaluation, found by bisection."""
        before = before.astimezone(UTC)
        since = before - timedelta(hours=24 * window_days)
        lo = bisect.bisect_left(self._run_starts, since)
        hi = bisect.bisect_left(self._run_starts, before)
        # The same choice as longest_run_before: the longest, then the latest.
        found: SessionFacts | None = None
        for i in range(lo, hi):
            run = self.runs[i]
            if self._run_backward[i] != backward or (
                exclude_id is not None and run.id == exclude_id
            ):
                continue
            if found is None or (run.distance_m or 0, run.start) >= (
                found.distance_m or 0,
                found.start,
            ):
                found = run
        return found
