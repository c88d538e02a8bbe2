"""Every retro step's "Log this" logs its minutes as backward minutes, the treadmill's too
(which give a speed, not minutes): they reach the retro chart and the retro rule."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from exercises.models import ProgressionStep
from logbook.models import Session

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 12, 3, 18, 30, tzinfo=AMS)  # a Thursday
NEW = reverse("logbook:session_new")


def form_values(html: str) -> dict[str, str]:
    """What the browser would send back for the pre-filled form: text inputs with a value,
    checked boxes and radios, and the selected options."""
    values: dict[str, str] = {}
    for tag in re.findall(r"<input[^>]*>", html):
        name = re.search(r'name="([^"]+)"', tag)
        if name is None:
            continue
        kind = re.search(r'type="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if kind and kind.group(1) in ("checkbox", "radio"):
            if " checked" in tag:
                values[name.group(1)] = value.group(1) if value else "on"
        elif value is not None:
            values[name.group(1)] = value.group(1)
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        selected = re.search(r'<option value="([^"]*)"[^>]*selected', body)
        if selected:
            values[name] = selected.group(1)
    return values


@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_treadmill_retro_walking_step_logs_backward_minutes(
    runner: Any, runner_client: Any, number: int
) -> None:
    step = ProgressionStep.objects.get(progression__slug="retro-walking-treadmill", number=number)
    with time_machine.travel(NOW, tick=False):
        html = runner_client.get(f"{NEW}?step={step.pk}").content.decode()
        values = form_values(html)
        assert values["kind"] == "walk"
        assert values["surface"] == "treadmill"
        assert values["all_backward"] == "on"
        # The runner adds only what the step leaves open: the minutes and the effort.
        values.update(duration="12", rpe="3")
        response = runner_client.post(NEW, values)
    assert response.status_code == 302
    session = Session.objects.get(athlete=runner)
    assert (session.kind, session.duration_s, session.backward_s) == ("walk", 720, 720)


def test_every_retro_step_prefills_backward(runner_client: Any) -> None:
    steps = ProgressionStep.objects.filter(progression__category="retro")
    assert steps.count() > 10
    for step in steps:
        values = form_values(runner_client.get(f"{NEW}?step={step.pk}").content.decode())
        assert values.get("all_backward") == "on" or values.get("backward"), step
