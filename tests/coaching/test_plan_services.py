"""The writes of training plans: save, import, copy a week, pin a match."""

from __future__ import annotations

from datetime import date

import pytest

from coaching import services
from coaching.models import PlannedSession
from exercises.models import Exercise
from tests.factories import make_runner

HEADER = "date,kind,duration_min,distance_km,rpe,backward_min,surface,notes\n"
pytestmark = pytest.mark.django_db


def test_a_file_with_one_bad_row_saves_nothing_and_names_the_line() -> None:
    alice = make_runner("alice@example.com")
    content = (
        HEADER
        + "2026-03-09,run,45,,,,,\n"
        + "2026-03-10,run,45,,,,,\n"
        + "2026-03-11,run,forty,,,,,\n"
        + "2026-03-12,walk,30,,,,,\n"
    )
    with pytest.raises(services.PlanImportError) as caught:
        services.plan_import(athlete=alice, content=content, planned_by=alice)
    assert [e.line for e in caught.value.errors] == [4]
    assert "duration_min forty is not a number" in str(caught.value)
    assert not PlannedSession.objects.exists()


def test_a_good_file_is_saved_for_the_athlete() -> None:
    alice = make_runner("alice@example.com")
    created = services.plan_import(
        athlete=alice, content=HEADER + "2026-03-09,run,45,8,6,1,road,easy\n", planned_by=None
    )
    (planned,) = PlannedSession.objects.filter(athlete=alice)
    assert planned.pk == created[0].pk
    assert (planned.day, planned.duration_s, planned.distance_m, planned.backward_s) == (
        date(2026, 3, 9),
        2700,
        8000,
        60,
    )


def test_copying_a_week_forward_keeps_weekdays_and_exercises_but_not_matches() -> None:
    alice = make_runner("alice@example.com")
    exercise = Exercise.objects.first()
    assert exercise is not None
    monday = date(2026, 3, 9)
    strength = services.plan_session_save(
        athlete=alice,
        planned_by=alice,
        values=services.PlanValues(
            day=date(2026, 3, 11), kind="strength", duration_s=1500, exercise_ids=[exercise.pk]
        ),
    )
    services.plan_match_set(planned=strength, session=None, declined=True)
    services.plan_session_save(
        athlete=alice,
        planned_by=alice,
        values=services.PlanValues(day=date(2026, 3, 15), kind="run", distance_m=12000),
    )
    copies = services.plan_week_copy(athlete=alice, week_start=monday, planned_by=alice)
    assert sorted((c.day, c.kind) for c in copies) == [
        (date(2026, 3, 18), "strength"),
        (date(2026, 3, 22), "run"),
    ]
    copied_strength = PlannedSession.objects.get(day=date(2026, 3, 18))
    assert list(copied_strength.exercises.all()) == [exercise]
    assert copied_strength.match_declined is False
