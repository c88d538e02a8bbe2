"""Walking and running backward: at most 10 % more backward minutes a week, a walk never
longer than 60 minutes, running a short finisher."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final, Literal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from exercises.progressions.common import (
    ADVANCE,
    INCREASE_PCT,
    PAIN_LIMIT,
    RETRO_RUN,
    RETRO_WALK,
    START,
    STAY,
    TOP,
    Number,
    Suggestion,
    WeekFacts,
    completed_weeks,
    duration_text,
    pain_above,
    plus_pct,
    whole_seconds,
)

RETRO_WALK_CAP_S: Final = 60 * 60


def retro_suggestion(weeks: Iterable[WeekFacts], *, kind: Literal["walk", "run"]) -> Suggestion:
    """Next week at most 10 % more backward minutes than the latest completed week; a walk
    never longer than 60 minutes; running stays a short finisher or short repeats."""
    progression = RETRO_WALK if kind == "walk" else RETRO_RUN
    done = completed_weeks(weeks)
    latest = done[-1] if done else None
    minutes = 0.0
    if latest is not None:
        minutes = latest.backward_walk_min if kind == "walk" else latest.backward_run_min
    this_s = whole_seconds(minutes)
    if latest is None or this_s == 0:
        return _start(progression, kind)

    next_s = plus_pct(this_s)
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
    if pain_above(latest, PAIN_LIMIT) or latest.alarms:
        return _hold(progression, latest, this_s, numbers)

    if kind == "run":
        reason = _(
            "Next week at most %(next)s of running backward, %(increase_pct)d %% more than "
            "this week's %(this)s (a rule of thumb). Keep it a short finisher or a few short "
            "repeats at the end of a run, never a whole session backward."
        )
        return Suggestion(progression, ADVANCE, current, next_s / 60, reason % numbers, numbers)

    return _walk_next(progression, latest, this_s, next_s, numbers)


def _start(progression: str, kind: Literal["walk", "run"]) -> Suggestion:
    """Nothing backward in the latest completed week: where to begin."""
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


def _hold(
    progression: str, latest: WeekFacts, this_s: int, numbers: dict[str, Number]
) -> Suggestion:
    """Pain above the line or an alarm: no more backward time next week."""
    current = this_s / 60
    numbers["next_week_max_s"] = this_s
    if pain_above(latest, PAIN_LIMIT):
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


def _walk_next(
    progression: str, latest: WeekFacts, this_s: int, next_s: int, numbers: dict[str, Number]
) -> Suggestion:
    """Walking backward: 10 % more in total, and no single walk over the 60-minute cap."""
    current = this_s / 60
    longest_s = whole_seconds(latest.longest_backward_walk_min) or this_s
    walk_max_s = min(plus_pct(longest_s), RETRO_WALK_CAP_S)
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
