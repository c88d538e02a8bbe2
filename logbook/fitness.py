"""Fitness, fatigue and form of a runner for the dashboard and the coach's athlete page.

One query: the runner's daily loads since their first session (grouped by local day in
PostgreSQL or SQLite); the model itself is the pure logbook.load.fitness.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Sum
from django.db.models.functions import TruncDate
from django.utils import formats
from django.utils.translation import gettext as _

from accounts.models import User
from logbook import load
from logbook.models import Session

CHART_DAYS = 90


@dataclass(frozen=True)
class FitnessPanel:
    """What logbook/_fitness.html shows: today's three values and 90 days of them."""

    today: load.FitnessDay | None
    days: list[load.FitnessDay]
    returning_after_break: bool

    @property
    def break_note(self) -> str:
        return load.break_note()

    def as_json(self) -> dict[str, Any]:
        """What static/js/fitness-chart.js draws; every text already translated."""
        return {
            "labels": [formats.date_format(d.day, "j M") for d in self.days],
            "days": [d.day.isoformat() for d in self.days],
            "fitness": {"label": _("Fitness"), "data": [d.fitness for d in self.days]},
            "fatigue": {"label": _("Fatigue"), "data": [d.fatigue for d in self.days]},
            "form": {"label": _("Form"), "data": [d.form for d in self.days]},
        }


def daily_loads_since_first(*, athlete: User) -> dict[date, float]:
    """The runner's load per local day (profile.tz), days with sessions only."""
    tz = athlete.profile.tz
    rows = (
        Session.objects.filter(athlete=athlete)
        .annotate(local_day=TruncDate("start", tzinfo=tz))
        .values("local_day")
        .annotate(total=Sum("load"))
        .order_by("local_day")
    )
    # Stored loads carry one decimal; rounding the sums removes float noise.
    return {row["local_day"]: round(row["total"] or 0.0, 1) for row in rows}


def fitness_build(*, athlete: User, today: date) -> FitnessPanel:
    loads = daily_loads_since_first(athlete=athlete)
    first_day = min(loads, default=None)
    values = load.fitness_fatigue_form(loads, first_day=first_day, today=today)
    chart_from = today - timedelta(days=CHART_DAYS - 1)
    return FitnessPanel(
        today=values[-1] if values else None,
        days=[d for d in values if d.day >= chart_from],
        returning_after_break=load.returning_after_break_on(
            loads.keys(),
            day=today,
            first_session_day=first_day,
            t=load.active().thresholds,
        ),
    )
