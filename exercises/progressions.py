"""Which step of each progression comes next, from plain facts about recent ISO weeks.

Pure: no ORM, no clock. The caller (the weekly reminder) sums a runner's recent ISO weeks
into `WeekFacts` and passes them in any order; weeks still running carry `complete=False`
and are ignored. A suggestion is only ever a suggestion: the runner or their coach takes
the step, nothing here changes anything (DOMAIN.md section 3).

Our readings where DOMAIN.md leaves room, in one place:
- "Pain above 2/10" holds the hip programme and retro back; trail asks for weeks "free of
  pain" (no pain at all) and without alarms, two weeks in a row at a step.
- The retro walking cap of 60 minutes is per walk (the source builds a walk to 30-60
  minutes); the +10 % applies to the week's backward minutes. Amounts are exact whole
  seconds, rounded down, so a suggestion never exceeds +10 %.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Final, Literal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from runningcoach import units

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

HIP_TOP_LEVEL: Final = 3
HIP_WEEKS_NEEDED: Final = 3
HIP_SESSIONS_PER_WEEK: Final = 2
PAIN_LIMIT: Final = 2  # pain above 2/10 holds a progression back
INCREASE_PCT: Final = 10  # retro minutes a week and the longest run
RETRO_WALK_CAP_S: Final = 60 * 60
TRAIL_WEEKS_PER_STEP: Final = 2
TRAIL_TOP_STEP: Final = 4

# Logbook surface codes to the trail progression's terrain: 1 wide forest paths, 2 sand
# roads and heath (loose sand is as demanding), 3 singletracks. "mixed" says too little to
# count as more than a forest path.
SURFACE_STEPS: Final[Mapping[str, int]] = {
    "forest_path": 1,
    "mixed": 1,
    "sand_road": 2,
    "heath": 2,
    "loose_sand": 2,
    "singletrack": 3,
}

TRAIL_STEP_TITLES: Final[Mapping[int, str]] = {
    1: gettext_noop("one off-road run a week on wide forest paths"),
    2: gettext_noop("two off-road runs a week on wide forest paths"),
    3: gettext_noop("sand roads and heath"),
    4: gettext_noop("singletracks"),
}
HIP_LEVEL_NAMES: Final[Mapping[int, str]] = {
    1: gettext_noop("activation"),
    2: gettext_noop("strength"),
    3: gettext_noop("dynamic"),
}

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


def _streak(done: Sequence[WeekFacts], qualifies: Callable[[WeekFacts], bool]) -> int:
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


def _pain_above(week: WeekFacts, limit: int) -> bool:
    return week.max_pain is not None and week.max_pain > limit


def _seconds(minutes: float) -> int:
    return max(0, int(minutes * 60 + 0.5))


def _plus_pct(amount: int, pct: int = INCREASE_PCT) -> int:
    """`amount` plus `pct` percent, rounded down, so the result never exceeds the limit."""
    return amount * (100 + pct) // 100


def duration_text(seconds: int) -> str:
    minutes, rest = divmod(seconds, 60)
    if not minutes:
        return f"{rest} s"
    if not rest:
        return f"{minutes} min"
    return f"{minutes} min {rest} s"


def _km(metres: int) -> str:
    # Tenths of a kilometre, rounded down: a shown limit never exceeds the real one.
    return units.km_cap(metres)


# Hip programme ------------------------------------------------------------------------


def hip_suggestion(weeks: Iterable[WeekFacts], *, current_level: int) -> Suggestion:
    """Suggest the next hip level after 3 consecutive completed ISO weeks, each with at least
    2 hip sessions and no pain above 2/10. Level 3 only through the level-2 gate: it is
    suggested only to a runner at level 2, after such weeks at level 2."""
    if current_level not in HIP_LEVEL_NAMES:
        raise ValueError("hip level must be 1, 2 or 3")
    done = completed_weeks(weeks)
    numbers: dict[str, Number] = {
        "level": current_level,
        "weeks_needed": HIP_WEEKS_NEEDED,
        "sessions_needed": HIP_SESSIONS_PER_WEEK,
        "pain_limit": PAIN_LIMIT,
    }
    if current_level == HIP_TOP_LEVEL:
        return Suggestion(
            HIP,
            TOP,
            current_level,
            None,
            _(
                "Level 3 is the top of the hip programme. Keep two sessions of 20-30 minutes "
                "a week as maintenance and make the exercises a little harder over time."
            ),
            numbers,
        )
    if not any(w.hip_sessions for w in done):
        return Suggestion(
            HIP,
            START,
            current_level,
            current_level,
            _("Start the hip programme at level %(level)d: two sessions of 20-30 minutes a week.")
            % numbers,
            numbers,
        )

    latest = done[-1]
    numbers.update(week=latest.label, sessions=latest.hip_sessions, max_pain=latest.max_pain)
    if _pain_above(latest, PAIN_LIMIT):
        return Suggestion(
            HIP,
            STAY,
            current_level,
            current_level,
            _(
                "Stay at level %(level)d: in week %(week)s a session had pain of "
                "%(max_pain)d/10, above 2/10, runningcoach's own cautious line (not a study "
                "result). The next level comes after three weeks in a row at this level with "
                "at least two hip sessions and no pain above 2/10."
            )
            % numbers,
            numbers,
        )
    # A week known to be at another level (before a move) is told by the streak below.
    at_level = latest.hip_level in (None, current_level)
    if at_level and latest.hip_sessions < HIP_SESSIONS_PER_WEEK:
        return Suggestion(
            HIP,
            STAY,
            current_level,
            current_level,
            ngettext(
                "Stay at level %(level)d: week %(week)s had %(sessions)d hip session, fewer "
                "than two hip sessions a week. Two a week is the target.",
                "Stay at level %(level)d: week %(week)s had %(sessions)d hip sessions, fewer "
                "than two hip sessions a week. Two a week is the target.",
                latest.hip_sessions,
            )
            % numbers,
            numbers,
        )

    streak = _streak(
        done,
        lambda w: (
            # A week whose level is unknown never counts toward the gate.
            w.hip_level == current_level
            and w.hip_sessions >= HIP_SESSIONS_PER_WEEK
            and not _pain_above(w, PAIN_LIMIT)
        ),
    )
    numbers["weeks_in_a_row"] = streak
    if streak < HIP_WEEKS_NEEDED:
        return Suggestion(
            HIP,
            STAY,
            current_level,
            current_level,
            _(
                "Stay at level %(level)d for now: %(weeks_in_a_row)d of 3 weeks in a row at "
                "level %(level)d with at least two hip sessions and no pain above 2/10 "
                "(runningcoach's own cautious line, not a study result)."
            )
            % numbers,
            numbers,
        )

    next_level = current_level + 1
    numbers.update(next_level=next_level, next_level_name=_(HIP_LEVEL_NAMES[next_level]))
    if next_level == HIP_TOP_LEVEL:
        reason = _(
            "Level-2 gate passed: three weeks in a row at level 2 with at least two hip "
            "sessions and no pain above 2/10 (runningcoach's own cautious line, not a study "
            "result). You could move up to level 3 (%(next_level_name)s). You or your coach "
            "decide; nothing changes by itself."
        )
    else:
        reason = _(
            "Three weeks in a row at level %(level)d with at least two hip sessions and no "
            "pain above 2/10 (runningcoach's own cautious line, not a study result): you could "
            "move up to level %(next_level)d (%(next_level_name)s). You or your coach decide; "
            "nothing changes by itself."
        )
    return Suggestion(HIP, ADVANCE, current_level, next_level, reason % numbers, numbers)


# Retro walking and running --------------------------------------------------------------


def retro_suggestion(weeks: Iterable[WeekFacts], *, kind: Literal["walk", "run"]) -> Suggestion:
    """Next week at most 10 % more backward minutes than the latest completed week; a walk
    never longer than 60 minutes; running stays a short finisher or short repeats."""
    progression = RETRO_WALK if kind == "walk" else RETRO_RUN
    done = completed_weeks(weeks)
    latest = done[-1] if done else None
    minutes = 0.0
    if latest is not None:
        minutes = latest.backward_walk_min if kind == "walk" else latest.backward_run_min
    this_s = _seconds(minutes)
    if latest is None or this_s == 0:
        if kind == "walk":
            reason = _(
                "Start with about 5 minutes of walking backward a few times a week (about 20 "
                "minutes on a slight incline if you are active), then add at most "
                "%(increase_pct)d %% a week, a rule of thumb."
            ) % {"increase_pct": INCREASE_PCT}
        else:
            reason = _(
                "Start with 30-40 seconds of running backward at the end of a run, on a track "
                "or a quiet, flat path."
            )
        return Suggestion(progression, START, 0, None, reason, {"this_week_s": 0})

    next_s = _plus_pct(this_s)
    numbers: dict[str, Number] = {
        "week": latest.label,
        "this_week_s": this_s,
        "next_week_max_s": next_s,
        "increase_pct": INCREASE_PCT,
        "max_pain": latest.max_pain,
        "alarms": latest.alarms,
        "this": duration_text(this_s),
        "next": duration_text(next_s),
    }
    current = this_s / 60
    if _pain_above(latest, PAIN_LIMIT) or latest.alarms:
        numbers["next_week_max_s"] = this_s
        if _pain_above(latest, PAIN_LIMIT):
            reason = _(
                "Do not add backward time next week (stay at or under %(this)s): in week "
                "%(week)s a session had pain of %(max_pain)d/10, above 2/10, runningcoach's "
                "own cautious line."
            )
        else:
            reason = ngettext(
                "Do not add backward time next week (stay at or under %(this)s): week "
                "%(week)s had %(alarms)d alarm.",
                "Do not add backward time next week (stay at or under %(this)s): week "
                "%(week)s had %(alarms)d alarms.",
                latest.alarms,
            )
        return Suggestion(progression, STAY, current, current, reason % numbers, numbers)

    if kind == "run":
        reason = _(
            "Next week at most %(next)s of running backward, %(increase_pct)d %% more than "
            "this week's %(this)s (a rule of thumb). Keep it a short finisher or a few short "
            "repeats at the end of a run, never a whole session backward."
        )
        return Suggestion(progression, ADVANCE, current, next_s / 60, reason % numbers, numbers)

    longest_s = _seconds(latest.longest_backward_walk_min) or this_s
    walk_max_s = min(_plus_pct(longest_s), RETRO_WALK_CAP_S)
    numbers.update(
        longest_walk_s=longest_s,
        longest_walk_max_s=walk_max_s,
        walk_cap_s=RETRO_WALK_CAP_S,
        walk_max=duration_text(walk_max_s),
    )
    if longest_s >= RETRO_WALK_CAP_S:
        reason = _(
            "Your longest backward walk reached 60 minutes, the ceiling: keep every walk at or "
            "under 60 minutes. In total, at most %(next)s next week (%(increase_pct)d %% more "
            "than %(this)s, a rule of thumb)."
        )
        return Suggestion(progression, TOP, current, next_s / 60, reason % numbers, numbers)
    reason = _(
        "Next week at most %(next)s of walking backward in total, %(increase_pct)d %% more "
        "than this week's %(this)s (a rule of thumb), and no single walk longer than "
        "%(walk_max)s (never more than 60 minutes)."
    )
    return Suggestion(progression, ADVANCE, current, next_s / 60, reason % numbers, numbers)


# Trail ----------------------------------------------------------------------------------


def trail_step(week: WeekFacts) -> int:
    """The trail progression step a week's off-road running matches; 0 for none."""
    if week.off_road_runs <= 0:
        return 0
    if week.off_road_runs < 2:
        # Every step from the third on asks for two off-road runs a week: a single run on
        # sand or singletrack is still the first step.
        return 1
    terrain = week.hardest_surface_step or 1
    if terrain <= 1:
        return 2
    return 3 if terrain == 2 else 4


def _trail_free(week: WeekFacts) -> bool:
    return not _pain_above(week, 0) and not week.alarms


def trail_suggestion(weeks: Iterable[WeekFacts]) -> Suggestion:
    """Forest paths, then sand roads and heath, then singletracks, and from one to two
    off-road runs a week; a step on only after two weeks at the step free of pain and
    alarms."""
    done = completed_weeks(weeks)
    step = trail_step(done[-1]) if done else 0
    if step == 0:
        numbers: dict[str, Number] = {"step": 0, "next_step": 1}
        return Suggestion(
            TRAIL,
            START,
            0,
            1,
            _("Start with one short off-road run a week on wide, clear forest paths."),
            numbers,
        )

    latest = done[-1]
    numbers = {
        "step": step,
        "step_title": _(TRAIL_STEP_TITLES[step]),
        "week": latest.label,
        "max_pain": latest.max_pain,
        "alarms": latest.alarms,
        "weeks_needed": TRAIL_WEEKS_PER_STEP,
    }
    if _pain_above(latest, 0):
        reason = _(
            "Stay at step %(step)d (%(step_title)s): week %(week)s had pain (%(max_pain)d/10). "
            "Move on only after two weeks in a row free of pain and alarms."
        )
        return Suggestion(TRAIL, STAY, step, step, reason % numbers, numbers)
    if latest.alarms:
        reason = ngettext(
            "Stay at step %(step)d (%(step_title)s): week %(week)s had %(alarms)d alarm. Move "
            "on only after two weeks in a row free of pain and alarms.",
            "Stay at step %(step)d (%(step_title)s): week %(week)s had %(alarms)d alarms. Move "
            "on only after two weeks in a row free of pain and alarms.",
            latest.alarms,
        )
        return Suggestion(TRAIL, STAY, step, step, reason % numbers, numbers)
    if step == TRAIL_TOP_STEP:
        reason = _(
            "You run singletracks, the last step. From here, raise distance and difficulty "
            "gradually."
        )
        return Suggestion(TRAIL, TOP, step, None, reason, numbers)

    streak = _streak(done, lambda w: trail_step(w) >= step and _trail_free(w))
    numbers["weeks_in_a_row"] = streak
    if streak < TRAIL_WEEKS_PER_STEP:
        reason = _(
            "Stay at step %(step)d (%(step_title)s) for another week: %(weeks_in_a_row)d of 2 "
            "weeks in a row free of pain and alarms."
        )
        return Suggestion(TRAIL, STAY, step, step, reason % numbers, numbers)
    numbers.update(next_step=step + 1, next_step_title=_(TRAIL_STEP_TITLES[step + 1]))
    reason = _(
        "Two weeks in a row at step %(step)d free of pain and alarms: next, %(next_step_title)s."
    )
    return Suggestion(TRAIL, ADVANCE, step, step + 1, reason % numbers, numbers)


# Long run -------------------------------------------------------------------------------


def long_run_suggestion(
    longest_30d_m: int | None, *, base_m: int | None = None, cap_m: int | None = None
) -> Suggestion:
    """The next longest run at most 10 % over the longest of the last 30 days: the longest
    run the spike rule would not flag (whole metres, rounded down).

    `cap_m` is the spike rule's own figure (logbook.load.LongRunCap); `base_m`, what it
    counts from, is the longest run itself."""
    if not longest_30d_m:
        return Suggestion(
            LONG_RUN,
            START,
            None,
            None,
            _("No run in the last 30 days to compare with: start with a distance that feels easy."),
            {"longest_30d_m": None},
        )
    base_m = base_m or longest_30d_m
    cap_m = cap_m or _plus_pct(base_m)
    numbers: dict[str, Number] = {
        "longest_30d_m": longest_30d_m,
        "base_m": base_m,
        "cap_m": cap_m,
        "increase_pct": INCREASE_PCT,
        "longest_km": units.km_figure(longest_30d_m),
        "base_km": units.km_figure(base_m),
        "cap_km": _km(cap_m),
    }
    reason = _(
        "Your longest run of the last 30 days was %(longest_km)s km: keep your next longest "
        "run at or under %(cap_km)s km (%(increase_pct)d %% more), the longest the spike rule "
        "would not flag. A rule of thumb, not a proven limit (Buist et al. 2008)."
    )
    return Suggestion(LONG_RUN, ADVANCE, longest_30d_m, cap_m, reason % numbers, numbers)
