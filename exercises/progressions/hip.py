"""The hip programme: three levels, a level on after three weeks in a row at it with two
hip sessions a week and no pain above 2/10."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from exercises.progressions.common import (
    ADVANCE,
    HIP,
    PAIN_LIMIT,
    START,
    STAY,
    TOP,
    Number,
    Suggestion,
    WeekFacts,
    completed_weeks,
    pain_above,
    weeks_in_a_row,
)

HIP_TOP_LEVEL: Final = 3
HIP_WEEKS_NEEDED: Final = 3
HIP_SESSIONS_PER_WEEK: Final = 2
HIP_LEVEL_NAMES: Final[Mapping[int, str]] = {
    1: gettext_noop("activation"),
    2: gettext_noop("strength"),
    3: gettext_noop("dynamic"),
}


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
    held = _latest_week_holds_back(latest, current_level, numbers)
    if held is None:
        held = _gate_not_passed(done, current_level, numbers)
    return held if held is not None else _next_level(current_level, numbers)


def _stay(current_level: int, reason: str, numbers: dict[str, Number]) -> Suggestion:
    return Suggestion(HIP, STAY, current_level, current_level, reason % numbers, numbers)


def _latest_week_holds_back(
    latest: WeekFacts, current_level: int, numbers: dict[str, Number]
) -> Suggestion | None:
    """Pain above the line, or too few hip sessions, in the latest completed week."""
    if pain_above(latest, PAIN_LIMIT):
        return _stay(
            current_level,
            _(
                "Stay at level %(level)d: in week %(week)s a session had pain of "
                "%(max_pain)d/10, above 2/10, runningcoach's own cautious line (not a study "
                "result). The next level comes after three weeks in a row at this level with "
                "at least two hip sessions and no pain above 2/10."
            ),
            numbers,
        )
    # A week known to be at another level (before a move) is told by the streak that follows.
    at_level = latest.hip_level in (None, current_level)
    if at_level and latest.hip_sessions < HIP_SESSIONS_PER_WEEK:
        return _stay(
            current_level,
            ngettext(
                "Stay at level %(level)d: week %(week)s had %(sessions)d hip session, fewer "
                "than two hip sessions a week. Two a week is the target.",
                "Stay at level %(level)d: week %(week)s had %(sessions)d hip sessions, fewer "
                "than two hip sessions a week. Two a week is the target.",
                latest.hip_sessions,
            ),
            numbers,
        )
    return None


def _gate_not_passed(
    done: list[WeekFacts], current_level: int, numbers: dict[str, Number]
) -> Suggestion | None:
    """Fewer than three qualifying weeks in a row at the current level."""
    streak = weeks_in_a_row(
        done,
        lambda w: (
            # A week whose level is unknown never counts toward the gate.
            w.hip_level == current_level
            and w.hip_sessions >= HIP_SESSIONS_PER_WEEK
            and not pain_above(w, PAIN_LIMIT)
        ),
    )
    numbers["weeks_in_a_row"] = streak
    if streak >= HIP_WEEKS_NEEDED:
        return None
    return _stay(
        current_level,
        _(
            "Stay at level %(level)d for now: %(weeks_in_a_row)d of 3 weeks in a row at "
            "level %(level)d with at least two hip sessions and no pain above 2/10 "
            "(runningcoach's own cautious line, not a study result)."
        ),
        numbers,
    )


def _next_level(current_level: int, numbers: dict[str, Number]) -> Suggestion:
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
