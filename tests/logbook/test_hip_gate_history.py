"""The hip gate counts only ISO weeks the runner spent at the level (DOMAIN.md section 3),
read from the history of level changes, never from today's level."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from coaching.models import HipLevelChange
from exercises import progressions
from exercises.models import Category, Exercise
from logbook import selectors, services
from logbook.models import Kind

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# Wednesday 11 June 2025. The three completed ISO weeks before this one: 19-25 May,
# 26 May-1 June and 2-8 June.
NOW = datetime(2025, 6, 11, 12, 0, tzinfo=AMSTERDAM)
TODAY = NOW.date()
WEEKS = [date(2025, 5, 19), date(2025, 5, 26), date(2025, 6, 2)]


def at(day: date, hour: int = 18) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=AMSTERDAM)


@pytest.fixture
def level2_exercise(db: None) -> Exercise:
    return Exercise.objects.create(
        slug="gate-split-squat",
        name="Split squat",
        category=Category.HIP,
        level=2,
        purpose="Single-leg strength.",
        how_to="Slowly.",
        cues="Knee over toes",
    )


def two_level2_sessions_a_week(runner: Any, exercise: Exercise) -> None:
    for monday in WEEKS:
        for offset in (1, 4):  # Tuesday and Friday
            services.session_log(
                athlete=runner,
                start=at(monday + timedelta(days=offset)),
                kind=Kind.STRENGTH,
                duration_s=25 * 60,
                rpe=4,
                exercises=[services.ExerciseDone(exercise_id=exercise.pk, sets=3, reps=10)],
            )


def move_to_level_2(runner_client: Any, moment: datetime) -> None:
    """The runner sets the level the self-check gave, at `moment`."""
    with time_machine.travel(moment, tick=False):
        response = runner_client.post(reverse("exercises:hip_check_set_level"), {"level": 2})
    assert response.status_code == 302


def hip_step(runner: Any) -> progressions.Suggestion:
    runner.profile.refresh_from_db()
    with translation.override("en"):
        [hip, *_] = selectors.next_steps(athlete=runner, today=TODAY)
    assert hip.progression == progressions.HIP
    return hip


def test_weeks_of_level_2_exercises_while_on_level_1_do_not_pass_the_gate(
    runner: Any, runner_client: Any, level2_exercise: Exercise
) -> None:
    two_level2_sessions_a_week(runner, level2_exercise)
    move_to_level_2(runner_client, at(date(2025, 6, 9), 7))

    # None of those sessions was at the level the runner was on: level 2 starts now.
    hip = hip_step(runner)
    assert (hip.action, hip.current, hip.next) == ("start", 2, 2)
    assert "gate passed" not in hip.reason
    change = HipLevelChange.objects.get(athlete=runner)
    assert (change.previous_level, change.level, change.set_by) == (1, 2, runner)


def test_three_weeks_at_level_2_pass_the_gate(
    runner: Any, runner_client: Any, level2_exercise: Exercise
) -> None:
    move_to_level_2(runner_client, at(date(2025, 5, 18), 20))  # the Sunday before
    two_level2_sessions_a_week(runner, level2_exercise)

    hip = hip_step(runner)
    assert (hip.action, hip.current, hip.next, hip.numbers["weeks_in_a_row"]) == (
        "advance",
        2,
        3,
        3,
    )
    assert hip.reason.startswith("Level-2 gate passed: three weeks in a row at level 2")
    assert "runningcoach's own cautious line, not a study result" in hip.reason


def test_the_week_of_the_move_counts_for_neither_level(
    runner: Any, runner_client: Any, level2_exercise: Exercise
) -> None:
    # Moved on Monday 19 May at 07:00, before both sessions of that week: still a week
    # that began at level 1.
    move_to_level_2(runner_client, at(date(2025, 5, 19), 7))
    two_level2_sessions_a_week(runner, level2_exercise)

    hip = hip_step(runner)
    assert (hip.action, hip.numbers["weeks_in_a_row"]) == ("stay", 2)
    assert "2 of 3 weeks in a row at level 2" in hip.reason


def test_dashboard_of_a_runner_who_just_moved_up_suggests_no_level_3(
    runner: Any, runner_client: Any, level2_exercise: Exercise
) -> None:
    two_level2_sessions_a_week(runner, level2_exercise)
    move_to_level_2(runner_client, at(date(2025, 6, 9), 7))
    with time_machine.travel(NOW, tick=False):
        html = runner_client.get(reverse("logbook:dashboard"), HTTP_ACCEPT_LANGUAGE="en").text
    assert "Start the hip programme at level 2" in html
    assert "level 3" not in html
