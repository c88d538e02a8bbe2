"""The writes of training plans: save, import, copy a week, pin a match."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

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


def test_import_plan_command_adds_a_plan(tmp_path: Any) -> None:
    alice = make_runner("alice@example.com")
    path = tmp_path / "plan.csv"
    path.write_text(HEADER + "2026-03-09,run,45,,,,,\n2026-03-11,walk,30,,,,,\n")
    out = io.StringIO()
    call_command("import_plan", "ALICE@example.com", str(path), stdout=out)
    assert "2 planned sessions added" in out.getvalue()
    assert PlannedSession.objects.filter(athlete=alice).count() == 2


def test_import_plan_command_names_each_bad_line_and_saves_nothing(tmp_path: Any) -> None:
    make_runner("alice@example.com")
    path = tmp_path / "plan.csv"
    path.write_text(
        HEADER + "2026-03-09,run,45,,,,,\n2026-03-10,jog,45,,,,,\n2026-13-01,run,,,,,,\n"
    )
    err = io.StringIO()
    with pytest.raises(CommandError, match="2 bad line"):
        call_command("import_plan", "alice@example.com", str(path), stderr=err)
    assert "Line 3: kind jog is not one of run, walk, strength" in err.getvalue()
    assert "Line 4: date 2026-13-01 does not exist" in err.getvalue()
    assert not PlannedSession.objects.exists()


def test_copying_a_week_twice_does_not_double_it() -> None:
    alice = make_runner("alice@example.com")
    services.plan_session_save(
        athlete=alice,
        planned_by=alice,
        values=services.PlanValues(day=date(2026, 3, 10), kind="run", duration_s=1800),
    )
    services.plan_week_copy(athlete=alice, week_start=date(2026, 3, 9), planned_by=alice)
    again = services.plan_week_copy(athlete=alice, week_start=date(2026, 3, 9), planned_by=alice)
    assert again == []
    assert PlannedSession.objects.filter(day=date(2026, 3, 17)).count() == 1


def test_compliance_of_many_athletes_in_their_own_zones_in_three_queries(
    django_assert_num_queries: Any,
) -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from accounts.models import User
    from coaching import selectors
    from logbook import services as logbook_services

    ams = make_runner("ams@example.com", time_zone="Europe/Amsterdam")
    nyc = make_runner("nyc@example.com", time_zone="America/New_York")
    for athlete in (ams, nyc):
        for day in (9, 10):
            services.plan_session_save(
                athlete=athlete,
                planned_by=None,
                values=services.PlanValues(day=date(2026, 3, day), kind="run", duration_s=1800),
            )
    # 23:30 on Monday in New York is Tuesday in UTC: it is Monday's run there.
    logbook_services.session_log(
        athlete=nyc,
        start=datetime(2026, 3, 9, 23, 30, tzinfo=ZoneInfo("America/New_York")),
        kind="run",
        duration_s=1800,
    )
    athletes = list(User.objects.filter(pk__in=[ams.pk, nyc.pk]).select_related("profile"))
    now = datetime(2026, 3, 11, 12, tzinfo=ZoneInfo("UTC"))
    with django_assert_num_queries(3):
        weeks = selectors.plan_compliance_for(athletes=athletes, now=now)
    assert weeks[ams.pk].compliance_pct == 0
    assert weeks[nyc.pk].compliance_pct == 50
