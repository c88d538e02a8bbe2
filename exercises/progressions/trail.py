"""Trail running: forest paths, then sand roads and heath, then singletracks, one step on
after two weeks at a step free of pain and alarms."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from exercises.progressions.common import (
    ADVANCE,
    START,
    STAY,
    TOP,
    TRAIL,
    Number,
    Suggestion,
    WeekFacts,
    completed_weeks,
    pain_above,
    weeks_in_a_row,
)

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
    return not pain_above(week, 0) and not week.alarms


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
    held = _latest_week_holds_back(latest, step, numbers)
    if held is not None:
        return held
    if step == TRAIL_TOP_STEP:
        reason = _(
            "You run singletracks, the last step. From here, raise distance and difficulty "
            "gradually."
        )
        return Suggestion(TRAIL, TOP, step, None, reason, numbers)

    streak = weeks_in_a_row(done, lambda w: trail_step(w) >= step and _trail_free(w))
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


def _latest_week_holds_back(
    latest: WeekFacts, step: int, numbers: dict[str, Number]
) -> Suggestion | None:
    """Any pain or an alarm in the latest completed week keeps the runner at their step."""
    if pain_above(latest, 0):
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
    return None
