"""What pre-fills the session form: the last session ("same as Tuesday"), a retro-walking
step, a hip level; and tap targets for kind and effort."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from exercises.models import Category, Exercise, ProgressionStep
from tests.logbook.helpers import log_run

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 12, 3, 18, 30, tzinfo=AMS)  # a Thursday
NEW = reverse("logbook:session_new")


def value_of(html: str, name: str) -> str | None:
    match = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', html)
    return match.group(1) if match else None


def checked(html: str, name: str) -> str | None:
    match = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"[^>]*checked', html)
    return match.group(1) if match else None


def test_form_offers_the_last_session_by_weekday(runner: Any, runner_client: Any) -> None:
    with time_machine.travel(NOW, tick=False):
        session = log_run(runner, datetime(2026, 12, 1, 7, tzinfo=AMS), 8, minutes=45).session
        html = runner_client.get(NEW).content.decode()
    assert "Same as Tuesday" in html
    assert f'href="?same_as={session.pk}"' in html


def test_same_as_fills_the_values_and_starts_now(runner: Any, runner_client: Any) -> None:
    with time_machine.travel(NOW, tick=False):
        session = log_run(runner, datetime(2026, 12, 1, 7, tzinfo=AMS), 8, minutes=45, rpe=6)
        html = runner_client.get(f"{NEW}?same_as={session.session.pk}").content.decode()
    assert value_of(html, "duration") == "45"
    assert value_of(html, "distance_km") == "8"
    assert checked(html, "rpe") == "6"
    assert checked(html, "kind") == "run"
    assert value_of(html, "date") == "2026-12-03"
    assert value_of(html, "time") == "18:30"


def test_same_as_another_runners_session_is_404(other_runner: Any, runner_client: Any) -> None:
    session = log_run(other_runner, datetime(2026, 12, 1, 7, tzinfo=AMS), 8).session
    assert runner_client.get(f"{NEW}?same_as={session.pk}").status_code == 404


def test_retro_walking_step_fills_the_backward_minutes(runner_client: Any) -> None:
    step = ProgressionStep.objects.get(progression__slug="retro-walking-beginners", number=1)
    html = runner_client.get(f"{NEW}?step={step.pk}").content.decode()
    assert checked(html, "kind") == "walk"
    assert value_of(html, "duration") == "5"
    assert value_of(html, "backward") == "5"


def test_hip_level_step_fills_its_exercises(runner_client: Any) -> None:
    step = ProgressionStep.objects.get(progression__slug="hip-programme", number=2)
    html = runner_client.get(f"{NEW}?step={step.pk}").content.decode()
    level_two = Exercise.objects.filter(category=Category.HIP, level=2)
    assert level_two.count() >= 4
    for exercise in level_two:
        assert re.search(rf'<option value="{exercise.pk}" selected>', html), exercise.slug


def test_hip_progression_has_log_this_per_step(runner_client: Any) -> None:
    html = runner_client.get(reverse("exercises:progression", args=["hip-programme"])).content
    steps = ProgressionStep.objects.filter(progression__slug="hip-programme")
    for step in steps:
        assert f"?step={step.pk}" in html.decode()


def test_effort_choices_carry_the_cr10_words(runner_client: Any) -> None:
    html = runner_client.get(NEW).content.decode()
    assert re.search(r'for="id_rpe_0"[^>]*>.*?1<.*?very, very easy', html, re.S)
    assert re.search(r'for="id_rpe_9"[^>]*>.*?10<.*?maximal', html, re.S)


def test_rating_imports_uses_tap_targets(runner: Any, runner_client: Any) -> None:
    first = log_run(runner, datetime(2026, 11, 30, 7, tzinfo=AMS), 8, rpe=None).session
    second = log_run(runner, datetime(2026, 12, 1, 7, tzinfo=AMS), 8, rpe=None).session
    html = runner_client.get(reverse("logbook:sessions_to_rate")).content.decode()
    assert "<select" not in html
    for session in (first, second):
        assert f'id="id_rate{session.pk}_rpe_4"' in html
