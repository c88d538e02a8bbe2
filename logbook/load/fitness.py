"""Fitness, fatigue and form: Banister's impulse-response model as TrainingPeaks,
intervals.icu, GoldenCheetah and Runalyze name it, with GoldenCheetah's decay constants.
Descriptive only: no warning rests on it.

    fatigue_d = fatigue_{d-1} + (load_d - fatigue_{d-1}) x (1 - exp(-1/7))
    fitness_d = the same with 42
    form_d    = fitness_{d-1} - fatigue_{d-1}   (the morning of day d)

Both start at 0 on the first session day; the daily load is the sum of that local day's
session loads, 0 on rest days.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

FATIGUE_DAYS = 7
FITNESS_DAYS = 42


@dataclass(frozen=True)
class FitnessDay:
    day: date
    load: float
    fitness: float
    fatigue: float
    form: float


def fitness_fatigue_form(
    daily_loads: Mapping[date, float], *, first_day: date | None, today: date
) -> list[FitnessDay]:
    """One value per local day from the first session day to today (empty before it).

    `daily_loads` holds the days with sessions; missing days are rest days. Values are
    rounded to one decimal for display; the recursion runs on the unrounded ones.
    """
    if first_day is None or first_day > today:
        return []
    fatigue_step = 1 - math.exp(-1 / FATIGUE_DAYS)
    fitness_step = 1 - math.exp(-1 / FITNESS_DAYS)
    fitness = fatigue = 0.0
    result = []
    day = first_day
    while day <= today:
        load = daily_loads.get(day, 0.0)
        form = fitness - fatigue
        fatigue += (load - fatigue) * fatigue_step
        fitness += (load - fitness) * fitness_step
        result.append(
            FitnessDay(
                day=day,
                load=round(load, 1),
                fitness=round(fitness, 1),
                fatigue=round(fatigue, 1),
                form=round(form, 1),
            )
        )
        day += timedelta(days=1)
    return result
