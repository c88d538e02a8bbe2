"""The next step of each progression: one function for the dashboard and the e-mails."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from exercises import progressions
from logbook import selectors
from tests.logbook.helpers import AMS, days_ago, log_run


def today():
    return timezone.now().astimezone(AMS).date()


@pytest.mark.django_db
def test_new_runner_is_pointed_at_the_start_of_the_hip_programme(runner):
    steps = selectors.next_steps(athlete=runner, today=today())
    assert [(s.progression, s.action) for s in steps] == [(progressions.HIP, progressions.START)]


@pytest.mark.django_db
def test_an_off_road_run_adds_the_trail_progression(runner):
    log_run(runner, days_ago(8), 6.0, surface="forest_path")
    steps = selectors.next_steps(athlete=runner, today=today())
    assert progressions.TRAIL in [s.progression for s in steps]


@pytest.mark.django_db
def test_backward_minutes_add_the_retro_progression(runner):
    log_run(runner, days_ago(8), 6.0, backward_s=40)
    trail = {s.progression: s for s in selectors.next_steps(athlete=runner, today=today())}
    assert progressions.RETRO_RUN in trail


@pytest.mark.django_db
def test_dashboard_block_shows_the_same_next_steps(runner_client, runner):
    log_run(runner, days_ago(8), 6.0, surface="sand_road")
    html = runner_client.get(reverse("logbook:dashboard")).content.decode()
    block = html.split('id="next-steps"', 1)[1].split("</section>", 1)[0]
    for step in selectors.next_steps(athlete=runner, today=today()):
        assert step.reason in block.replace("&#x27;", "'")


@pytest.mark.django_db
def test_next_steps_of_other_runners_stay_apart(runner, other_runner):
    log_run(other_runner, days_ago(8), 6.0, surface="heath")
    steps = selectors.next_steps(athlete=runner, today=today())
    assert progressions.TRAIL not in [s.progression for s in steps]


@pytest.mark.django_db
def test_a_week_of_hip_sessions_at_another_level_does_not_count(runner):
    from exercises.models import Category, Exercise
    from logbook import services

    level_two = Exercise.objects.filter(category=Category.HIP, level=2).first()
    assert level_two is not None
    for n in (3, 10, 17, 4, 11, 18):
        services.session_log(
            athlete=runner,
            start=days_ago(n),
            kind="strength",
            duration_s=1500,
            rpe=4,
            exercises=[services.ExerciseDone(exercise_id=level_two.pk)],
        )
    hip = selectors.next_steps(athlete=runner, today=today() + timedelta(days=0))[0]
    assert hip.action != progressions.ADVANCE  # runner is at level 1; these were level 2


@pytest.mark.django_db
def test_three_weeks_of_two_hip_sessions_at_the_current_level_suggest_the_next(runner):
    from datetime import datetime, time

    from exercises.models import Category, Exercise
    from logbook import services

    level_one = Exercise.objects.filter(category=Category.HIP, level=1).first()
    assert level_one is not None
    monday = today() - timedelta(days=today().weekday())
    for weeks_back in (1, 2, 3):
        for weekday in (1, 3):
            day = monday - timedelta(weeks=weeks_back) + timedelta(days=weekday)
            services.session_log(
                athlete=runner,
                start=datetime.combine(day, time(18), tzinfo=AMS),
                kind="strength",
                duration_s=1500,
                rpe=4,
                pain=1,
                exercises=[services.ExerciseDone(exercise_id=level_one.pk)],
            )
    hip = selectors.next_steps(athlete=runner, today=today())[0]
    assert (hip.action, hip.next) == (progressions.ADVANCE, 2)
