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

from exercises.progressions.common import (
    ADVANCE,
    HIP,
    INCREASE_PCT,
    LONG_RUN,
    PAIN_LIMIT,
    RETRO_RUN,
    RETRO_WALK,
    START,
    STAY,
    TOP,
    TRAIL,
    Action,
    Number,
    Suggestion,
    WeekFacts,
    completed_weeks,
    duration_text,
)
from exercises.progressions.hip import (
    HIP_LEVEL_NAMES,
    HIP_SESSIONS_PER_WEEK,
    HIP_TOP_LEVEL,
    HIP_WEEKS_NEEDED,
    hip_suggestion,
)
from exercises.progressions.long_run import long_run_suggestion
from exercises.progressions.retro import RETRO_WALK_CAP_S, retro_suggestion
from exercises.progressions.trail import (
    SURFACE_STEPS,
    TRAIL_STEP_TITLES,
    TRAIL_TOP_STEP,
    TRAIL_WEEKS_PER_STEP,
    trail_step,
    trail_suggestion,
)

__all__ = [
    "ADVANCE",
    "HIP",
    "HIP_LEVEL_NAMES",
    "HIP_SESSIONS_PER_WEEK",
    "HIP_TOP_LEVEL",
    "HIP_WEEKS_NEEDED",
    "INCREASE_PCT",
    "LONG_RUN",
    "PAIN_LIMIT",
    "RETRO_RUN",
    "RETRO_WALK",
    "RETRO_WALK_CAP_S",
    "START",
    "STAY",
    "SURFACE_STEPS",
    "TOP",
    "TRAIL",
    "TRAIL_STEP_TITLES",
    "TRAIL_TOP_STEP",
    "TRAIL_WEEKS_PER_STEP",
    "Action",
    "Number",
    "Suggestion",
    "WeekFacts",
    "completed_weeks",
    "duration_text",
    "hip_suggestion",
    "long_run_suggestion",
    "retro_suggestion",
    "trail_step",
    "trail_suggestion",
]
