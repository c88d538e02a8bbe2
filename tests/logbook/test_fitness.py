"""Fitness, fatigue and form: DOMAIN.md's formula on hand-computed loads, and the panel on
the dashboard."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from logbook import services
from logbook.load.fitness import fitness_fatigue_form

DAY = date(2025, 6, 1)
AMS = ZoneInfo("Europe/Amsterdam")


def test_nothing_before_the_first_session() -> None:
    assert fitness_fatigue_form({}, first_day=None, today=DAY) == []


def test_first_day_moves_fatigue_and_fitness_by_their_decay_constants() -> None:
    [first] = fitness_fatigue_form({DAY: 100.0}, first_day=DAY, today=DAY)
    assert first.fatigue == round(100 * (1 - math.exp(-1 / 7)), 1) == 13.3
    assert first.fitness == round(100 * (1 - math.exp(-1 / 42)), 1) == 2.4
    assert first.form == 0.0


def test_form_is_yesterdays_fitness_minus_yesterdays_fatigue() -> None:
    _first, rest_day = fitness_fatigue_form(
        {DAY: 100.0}, first_day=DAY, today=DAY + timedelta(days=1)
    )
    fatigue = 100 * (1 - math.exp(-1 / 7))
    fitness = 100 * (1 - math.exp(-1 / 42))
    assert rest_day.form == round(fitness - fatigue, 1) == -11.0
    assert rest_day.fatigue == round(fatigue * math.exp(-1 / 7), 1)
    assert rest_day.load == 0.0


def test_steady_load_brings_fatigue_to_the_daily_load_first() -> None:
    loads = {DAY + timedelta(days=n): 100.0 for n in range(60)}
    days = fitness_fatigue_form(loads, first_day=DAY, today=DAY + timedelta(days=59))
    assert days[-1].fatigue > 99 > days[-1].fitness > 70
    assert days[-1].form < 0


@pytest.mark.services
def test_dashboard_shows_todays_fitness_fatigue_and_form(runner: Any, runner_client: Any) -> None:
    now = datetime(2025, 6, 11, 12, 0, tzinfo=AMS)
    with time_machine.travel(now, tick=False):
        services.session_log(
            athlete=runner,
            start=now - timedelta(hours=3),
            kind="run",
            duration_s=3600,
            distance_m=10000,
            rpe=5,
        )
        html = runner_client.get(reverse("logbook:dashboard")).content.decode()
    # Load 300 on the first day: fatigue 300 x (1 - e^(-1/7)) = 39.9, fitness with 42: 7.1.
    assert 'id="fatigue-today">39.9<' in html
    assert 'id="fitness-today">7.1<' in html
    assert 'id="fitness-data"' in html
    assert "js/fitness-chart.js" in html


@pytest.mark.services
def test_dashboard_notes_a_return_after_a_break(runner: Any, runner_client: Any) -> None:
    now = datetime(2025, 6, 11, 12, 0, tzinfo=AMS)
    with time_machine.travel(now, tick=False):
        # Runs 40 and 30 days back, then nothing for four weeks, then a run today.
        for days_back in (40, 30, 0):
            services.session_log(
                athlete=runner,
                start=now - timedelta(days=days_back, hours=3),
                kind="run",
                duration_s=1800,
                distance_m=5000,
                rpe=4,
            )
        html = runner_client.get(reverse("logbook:dashboard")).content.decode()
    assert 'id="break-note"' in html
    assert "Returning after a break: build back gradually." in html
    assert 'data-rule="acwr"' not in html
