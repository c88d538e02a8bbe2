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
from collections.abc import Mapping, Sequence
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


@dataclass(frozen=True)
class FitnessState:
    """Fitness and fatigue at the end of `day`, unrounded: the recursion goes on from them."""

    day: date
    load: float
    fitness: float
    fatigue: float


def fitness_steps(
    daily_loads: Mapping[date, float],
    *,
    first_day: date,
    last_day: date,
    fitness: float = 0.0,
    fatigue: float = 0.0,
) -> list[FitnessState]:
    """The model run over the local days [first_day, last_day], from the values at the end
    of the day before (0 before the first session day). Missing days are rest days."""
    fatigue_step = 1 - math.exp(-1 / FATIGUE_DAYS)
    fitness_step = 1 - math.exp(-1 / FITNESS_DAYS)
    result = []
    day = first_day
    while day <= last_day:
        load = daily_loads.get(day, 0.0)
        fatigue += (load - fatigue) * fatigue_step
        fitness += (load - fitness) * fitness_step
        result.append(FitnessState(day=day, load=load, fitness=fitness, fatigue=fatigue))
        day += timedelta(days=1)
    return result


def fitness_days(
    states: Sequence[FitnessState], *, fitness: float = 0.0, fatigue: float = 0.0
) -> list[FitnessDay]:
    """The states as shown, rounded to one decimal; form is the morning's (the values of
    the day before, `fitness` and `fatigue` before the first state)."""
    result = []
    for state in states:
        result.append(
            FitnessDay(
                day=state.day,
                load=round(state.load, 1),
                fitness=round(state.fitness, 1),
                fatigue=round(state.fatigue, 1),
                form=round(fitness - fatigue, 1),
            )
        )
        fitness, fatigue = state.fitness, state.fatigue
    return result


def fitness_fatigue_form(
    daily_loads: Mapping[date, float], *, first_day: date | None, today: date
) -> list[FitnessDay]:
    """One value per local day from the first session day to today (empty before it).

    `daily_loads` holds the days with sessions; missing days are rest days. Values are
    rounded to one decimal for display; the recursion runs on the unrounded ones.
    """
    if first_day is None or first_day > today:
        return []
    return fitness_days(fitness_steps(daily_loads, first_day=first_day, last_day=today))
