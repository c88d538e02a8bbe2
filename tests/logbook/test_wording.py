"""Words and dates as a runner reads them, in English and Dutch."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from exercises.models import Exercise
from logbook import services
from logbook.services import ExerciseDone
from tests.logbook.helpers import log_run

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
# A Wednesday.
NOW = datetime(2026, 12, 2, 12, 0, tzinfo=AMS)


@pytest.fixture(autouse=True)
def _english_afterwards() -> Any:
    """A Dutch runner's request leaves Dutch active in this thread: reset it."""
    yield
    translation.activate("en")


def dutch(runner: Any) -> None:
    runner.profile.language = "nl"
    runner.profile.save()


def test_days_still_to_come_are_not_called_rest(runner_client: Any) -> None:
    with time_machine.travel(NOW, tick=False):
        html = runner_client.get(reverse("logbook:week")).content.decode()
    # Monday and Tuesday have passed; Thursday to Sunday are still to come.
    assert html.count("Rest<") == 2
    assert html.count("Still to come") == 4
    assert "Nothing logged yet today" in html


def test_backward_part_reads_in_minutes_and_kilometres(runner: Any, runner_client: Any) -> None:
    with time_machine.travel(NOW, tick=False):
        session = log_run(
            runner, datetime(2026, 12, 1, 8, tzinfo=AMS), 10, backward_s=1200, backward_m=2500
        ).session
        html = runner_client.get(reverse("logbook:session_detail", args=[session.pk])).content
    assert "20 min · 2.5 km" in html.decode()
    assert "1200 s" not in html.decode()


def test_one_exercise_is_singular(runner: Any, runner_client: Any) -> None:
    exercise = Exercise.objects.first()
    assert exercise is not None
    with time_machine.travel(NOW, tick=False):
        services.session_log(
            athlete=runner,
            start=datetime(2026, 12, 1, 8, tzinfo=AMS),
            kind="strength",
            duration_s=1200,
            rpe=4,
            exercises=[ExerciseDone(exercise_id=exercise.pk, sets=2, reps=10, seconds=None)],
        )
        html = runner_client.get(reverse("logbook:session_list")).content.decode()
    assert "1 exercise<" in html
    assert "1 exercises" not in html


def test_dutch_dates_use_one_format_with_lower_case_months(runner: Any, runner_client: Any) -> None:
    dutch(runner)
    with time_machine.travel(NOW, tick=False):
        session = log_run(runner, datetime(2026, 12, 1, 8, tzinfo=AMS), 10).session
        listing = runner_client.get(reverse("logbook:session_list")).content.decode()
        detail = runner_client.get(reverse("logbook:session_detail", args=[session.pk]))
    assert "di 1 dec 2026, 08:00" in listing
    assert "di 1 dec 2026, 08:00" in detail.content.decode()
    assert "Dec" not in listing


def test_english_dates_use_the_same_layout(runner: Any, runner_client: Any) -> None:
    with time_machine.travel(NOW, tick=False):
        session = log_run(runner, datetime(2026, 12, 1, 8, tzinfo=AMS), 10).session
        detail = runner_client.get(reverse("logbook:session_detail", args=[session.pk]))
    assert "Tue 1 Dec 2026, 08:00" in detail.content.decode()
    assert "a.m." not in detail.content.decode()


def test_dutch_chart_labels_have_lower_case_months(runner: Any) -> None:
    from logbook.dashboard import dashboard_build

    with time_machine.travel(NOW, tick=False), translation.override("nl"):
        labels = dashboard_build(athlete=runner, now=NOW).load_chart.as_json()["labels"]
    assert labels[-1] == "2 dec"
