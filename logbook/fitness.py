"""Fitness, fatigue and form of a runner for the dashboard and the coach's athlete page.

Read from the days the write services keep (logbook/day_loads.py): the days the chart
shows, never the whole history; the model itself is the pure logbook.load.fitness.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.utils.translation import gettext as _

from accounts.models import User
from logbook import day_loads, labels, load
from logbook.load.fitness import FitnessDay, FitnessState, fitness_days, fitness_steps

CHART_DAYS = day_loads.CHART_DAYS


@dataclass(frozen=True)
class FitnessPanel:
    """What logbook/_fitness.html shows: today's three values and 90 days of them."""

    today: FitnessDay | None
    days: list[FitnessDay]
    returning_after_break: bool

    @property
    def break_note(self) -> str:
        return load.break_note()

    def as_json(self) -> dict[str, Any]:
        """What static/js/fitness-chart.js draws; every text already translated."""
        return {
            "labels": labels.date_labels([d.day for d in self.days], "j M"),
            "days": [d.day.isoformat() for d in self.days],
            "fitness": {"label": _("Fitness"), "data": [d.fitness for d in self.days]},
            "fatigue": {"label": _("Fatigue"), "data": [d.fatigue for d in self.days]},
            "form": {"label": _("Form"), "data": [d.form for d in self.days]},
        }


def fitness_build(*, athlete: User, today: date) -> FitnessPanel:
    return fitness_panel(day_loads.kept_days(athlete=athlete, today=today), today=today)


def fitness_panel(kept: day_loads.KeptDays, *, today: date) -> FitnessPanel:
    """The panel from the kept days up to today (logbook/day_loads.py): the series goes on
    over the rest days since the last session day."""
    if not kept.days:
        return FitnessPanel(today=None, days=[], returning_after_break=False)
    states = [FitnessState(k.day, k.load, k.fitness, k.fatigue) for k in kept.days]
    last = states[-1]
    states += fitness_steps(
        {},
        first_day=last.day + timedelta(days=1),
        last_day=today,
        fitness=last.fitness,
        fatigue=last.fatigue,
    )
    chart_from = today - timedelta(days=CHART_DAYS - 1)
    start = next((i for i, s in enumerate(states) if s.day >= chart_from), len(states))
    before = states[start - 1] if start > 0 else None
    values = fitness_days(
        states[start:],
        fitness=before.fitness if before else 0.0,
        fatigue=before.fatigue if before else 0.0,
    )
    return FitnessPanel(
        today=values[-1] if values else None,
        days=values,
        returning_after_break=load.returning_after_break_on(
            [k.day for k in kept.days if k.sessions],
            day=today,
            first_session_day=kept.first_day,
            t=load.active().thresholds,
        ),
    )
