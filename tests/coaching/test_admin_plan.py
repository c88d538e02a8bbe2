"""The coach's plan for an athlete in the admin: a week at a time, copied forward, uploaded
from a file; only for the coach's own athletes, whatever is typed into a form or a URL."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import User
from coaching import services
from coaching.models import PlannedSession
from exercises.models import Exercise
from tests.coaching.conftest import Club

AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=AMS)  # Wednesday of ISO week 48
MONDAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


def plan_url(athlete: User, week: date | None = MONDAY, name: str = "plan") -> str:
    url = reverse(f"admin:coaching_athlete_{name}", args=[athlete.pk])
    return url if week is None else f"{url}?week={week.isoformat()}"


def day_url(athlete: User, day: date) -> str:
    return reverse("admin:coaching_athlete_plan_add", args=[athlete.pk, day.isoformat()])


def session_url(athlete: User, planned: PlannedSession, name: str = "change") -> str:
    return reverse(f"admin:coaching_athlete_plan_{name}", args=[athlete.pk, planned.pk])


def add_form(day: date, **values: Any) -> dict[str, Any]:
    """The small form of one day of the calendar, filled in."""
    return {f"add-{day.isoformat()}-{name}": value for name, value in values.items()}


def change_form(planned: PlannedSession, **values: Any) -> dict[str, Any]:
    """The form of one planned session as the calendar renders it, with `values` changed."""
    initial = {
        "day": planned.day.isoformat(),
        "kind": planned.kind,
        "duration": str(planned.duration_s // 60) if planned.duration_s else "",
        "distance_km": str(planned.distance_m / 1000) if planned.distance_m else "",
        "rpe": planned.rpe or "",
        "notes": planned.notes,
    }
    return {f"p{planned.pk}-{name}": value for name, value in {**initial, **values}.items()}


def planned(athlete: User, day: date, **fields: Any) -> PlannedSession:
    values = services.PlanValues(day=day, kind=fields.pop("kind", "run"), **fields)
    return services.plan_session_save(athlete=athlete, values=values, planned_by=None)


def test_the_athlete_page_links_to_the_plan(bob_client: Any, club: Club) -> None:
    html = bob_client.get(
        reverse("admin:coaching_athlete_change", args=[club.alice.pk])
    ).content.decode()
    assert reverse("admin:coaching_athlete_plan", args=[club.alice.pk]) in html


def test_a_coach_plans_a_week_for_his_athlete(bob_client: Any, club: Club) -> None:
    page = bob_client.get(plan_url(club.alice))
    assert page.status_code == 200
    html = page.content.decode()
    # One small form per day of the week, each posting to its own day.
    for n in range(7):
        assert f'action="{day_url(club.alice, date(2026, 11, 23 + n))}"' in html
    exercise = Exercise.objects.order_by("pk").first()
    assert exercise is not None
    for day, values in (
        (date(2026, 11, 25), {"kind": "run", "duration": "45", "distance_km": "8", "rpe": "5"}),
        (date(2026, 11, 27), {"kind": "strength", "duration": "20", "exercises": [exercise.pk]}),
        (date(2026, 11, 29), {"kind": "run", "distance_km": "14", "backward": "2:00"}),
    ):
        response = bob_client.post(day_url(club.alice, day), add_form(day, **values))
        assert response.status_code == 302, response.content.decode()[:2000]
        assert response["Location"].endswith(f"?week=2026-11-23#day-{day.isoformat()}")
    rows = list(PlannedSession.objects.filter(athlete=club.alice).order_by("day"))
    assert [(p.day.isoformat(), p.kind) for p in rows] == [
        ("2026-11-25", "run"),
        ("2026-11-27", "strength"),
        ("2026-11-29", "run"),
    ]
    assert rows[0].duration_s == 2700 and rows[0].distance_m == 8000 and rows[0].rpe == 5
    assert list(rows[1].exercises.all()) == [exercise]
    assert rows[2].backward_s == 120
    assert all(p.planned_by == club.bob for p in rows)
    # Alice sees them on her own plan page, planned by Bob.
    alice = bob_client.__class__()
    alice.force_login(club.alice)
    html = alice.get(reverse("coaching:plan") + "?week=2026-11-23").content.decode()
    assert "Planned by Bob" in html


def test_changing_and_removing_in_place(bob_client: Any, club: Club) -> None:
    first = planned(club.alice, date(2026, 11, 24), duration_s=1800)
    second = planned(club.alice, date(2026, 11, 26), duration_s=1800)
    html = bob_client.get(plan_url(club.alice)).content.decode()
    assert f'action="{session_url(club.alice, first)}"' in html
    assert f'action="{session_url(club.alice, second, "delete")}"' in html
    response = bob_client.post(session_url(club.alice, first), change_form(first, duration="50"))
    assert response.status_code == 302
    response = bob_client.post(session_url(club.alice, second, "delete"))
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.duration_s == 3000 and first.planned_by is None  # who planned it stays
    assert not PlannedSession.objects.filter(pk=second.pk).exists()
    # Moved to another week: the page of that week opens.
    response = bob_client.post(session_url(club.alice, first), change_form(first, day="2026-12-01"))
    assert response["Location"].endswith("?week=2026-11-30#day-2026-12-01")
    assert bob_client.get(session_url(club.alice, first)).status_code == 405
    assert bob_client.get(session_url(club.alice, first, "delete")).status_code == 405


def test_a_bad_form_saves_nothing_and_says_what_is_wrong(bob_client: Any, club: Club) -> None:
    day = date(2026, 11, 26)
    response = bob_client.post(
        day_url(club.alice, day), add_form(day, kind="run", duration="30", backward="45")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "The backward part cannot be longer than the whole." in html
    # The day's form is open again with what was typed.
    assert re.search(r'<details class="cal-edit cal-add" open>', html)
    assert 'name="add-2026-11-26-duration" value="30"' in html
    assert not PlannedSession.objects.exists()


def test_a_day_out_of_range_is_refused(bob_client: Any, club: Club) -> None:
    far = date(2028, 1, 5)
    assert (
        bob_client.post(day_url(club.alice, far), add_form(far, kind="run", duration="45"))
    ).status_code == 404
    nonsense = reverse("admin:coaching_athlete_plan_add", args=[club.alice.pk, "2026-02-30"])
    assert bob_client.post(nonsense, {}).status_code == 404
    existing = planned(club.alice, date(2026, 11, 24), duration_s=1800)
    response = bob_client.post(
        session_url(club.alice, existing), change_form(existing, day="2028-01-05")
    )
    assert response.status_code == 400
    assert "Enter a date between 1990 and a year from now." in response.content.decode()
    existing.refresh_from_db()
    assert existing.day == date(2026, 11, 24)
    assert PlannedSession.objects.count() == 1


def test_copy_the_week_forward(bob_client: Any, club: Club) -> None:
    planned(club.alice, date(2026, 11, 24), duration_s=1800)
    planned(club.alice, date(2026, 11, 28), distance_m=12000)
    response = bob_client.post(plan_url(club.alice, name="plan_copy"))
    assert response.status_code == 302
    assert response["Location"].endswith("?week=2026-11-30")
    days = sorted(p.day.isoformat() for p in PlannedSession.objects.filter(athlete=club.alice))
    assert days == ["2026-11-24", "2026-11-28", "2026-12-01", "2026-12-05"]
    assert bob_client.get(plan_url(club.alice, name="plan_copy")).status_code == 405


PLAN_FILE = b"""date,kind,duration_min,distance_km,rpe,backward_min,surface,notes
2026-11-30,run,40,,5,,road,
2026-12-02,run,45,,5,2,road,finish backward
2026-12-05,run,,12,6,,forest_path,long run
"""


def test_upload_a_plan_file(bob_client: Any, club: Club) -> None:
    upload = SimpleUploadedFile("plan.csv", PLAN_FILE, content_type="text/csv")
    response = bob_client.post(plan_url(club.alice, name="plan_upload"), {"file": upload})
    assert response.status_code == 302
    assert response["Location"].endswith("?week=2026-11-30")
    assert PlannedSession.objects.filter(athlete=club.alice, planned_by=club.bob).count() == 3


def test_an_upload_with_bad_lines_saves_nothing_and_names_each_line(
    bob_client: Any, club: Club
) -> None:
    bad = PLAN_FILE.replace(b"2026-12-02,run,45", b"2026-12-32,run,45").replace(
        b"forest_path", b"moon"
    )
    upload = SimpleUploadedFile("plan.csv", bad, content_type="text/csv")
    response = bob_client.post(plan_url(club.alice, name="plan_upload"), {"file": upload})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nothing of this file was saved" in html
    assert "Line 3: date 2026-12-32 does not exist" in html
    assert "Line 4: surface moon is not one of" in html
    assert not PlannedSession.objects.exists()


# Only the coach's own athletes -------------------------------------------------------


def test_another_coachs_athlete_is_not_found(bob_client: Any, club: Club) -> None:
    planned(club.erin, date(2026, 11, 24), duration_s=1800)
    assert bob_client.get(plan_url(club.erin)).status_code == 404
    upload = SimpleUploadedFile("plan.csv", PLAN_FILE, content_type="text/csv")
    for name, data in (("plan_copy", {}), ("plan_upload", {"file": upload})):
        assert bob_client.post(plan_url(club.erin, name=name), data).status_code == 404
    # The calendar page itself only reads: its forms post to their own day or session.
    assert bob_client.post(plan_url(club.alice), {}).status_code == 405
    assert PlannedSession.objects.filter(athlete=club.erin).count() == 1


def test_a_planned_session_of_another_athlete_cannot_be_changed_through_a_url(
    bob_client: Any, club: Club
) -> None:
    erins = planned(club.erin, date(2026, 11, 24), duration_s=1800)
    carols = planned(club.carol, date(2026, 11, 24), duration_s=1800)
    for athlete, row in ((club.alice, erins), (club.alice, carols), (club.erin, erins)):
        data = change_form(row, duration="90", day="2026-11-25")
        assert bob_client.post(session_url(athlete, row), data).status_code == 404
        assert bob_client.post(session_url(athlete, row, "delete")).status_code == 404
    day = date(2026, 11, 25)
    assert (
        bob_client.post(day_url(club.erin, day), add_form(day, kind="run", duration="30"))
    ).status_code == 404
    for row in (erins, carols):
        row.refresh_from_db()
        assert row.duration_s == 1800 and row.day == date(2026, 11, 24)
    assert PlannedSession.objects.count() == 2


def test_the_plan_page_of_the_coach_himself_is_not_found(bob_client: Any, club: Club) -> None:
    assert bob_client.get(plan_url(club.bob)).status_code == 404


def test_without_the_plan_permissions_a_coach_cannot_plan(bob_client: Any, club: Club) -> None:
    Group.objects.get(name="Coaches").permissions.filter(
        codename__in=["add_plannedsession", "change_plannedsession", "delete_plannedsession"]
    ).delete()
    row = planned(club.alice, date(2026, 11, 24), duration_s=1800)
    page = bob_client.get(plan_url(club.alice))
    html = page.content.decode()
    assert page.status_code == 200 and f'id="planned-{row.pk}"' in html  # read only
    assert "cal-add" not in html and "cal-change" not in html and "plan-copy" not in html
    day = date(2026, 11, 25)
    assert (
        bob_client.post(day_url(club.alice, day), add_form(day, kind="run", duration="30"))
    ).status_code == 403
    assert bob_client.post(session_url(club.alice, row), change_form(row)).status_code == 403
    assert bob_client.post(session_url(club.alice, row, "delete")).status_code == 403
    upload = SimpleUploadedFile("plan.csv", PLAN_FILE, content_type="text/csv")
    assert (
        bob_client.post(plan_url(club.alice, name="plan_upload"), {"file": upload}).status_code
        == 403
    )
    assert bob_client.post(plan_url(club.alice, name="plan_copy")).status_code == 403
    assert list(PlannedSession.objects.all()) == [row]


def test_the_coaches_group_holds_the_plan_permissions(club: Club) -> None:
    for action in ("view", "add", "change", "delete"):
        assert club.bob.has_perm(f"coaching.{action}_plannedsession")
    assert not club.alice.has_perm("coaching.add_plannedsession")


def test_a_superuser_plans_for_anyone(client: Any, club: Club) -> None:
    root = User.objects.create_superuser("root@example.com", "x-password-1")
    client.force_login(root)
    assert client.get(plan_url(club.erin)).status_code == 200


def test_a_runner_cannot_open_the_coach_plan_page(client: Any, club: Club) -> None:
    client.force_login(club.alice)
    response = client.get(plan_url(club.alice))
    assert response.status_code == 302 and "/login/" in response["Location"]


# Queries -----------------------------------------------------------------------------


def test_the_plan_page_runs_the_same_queries_for_1_and_20_planned_sessions(
    bob_client: Any, club: Club
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    exercise = Exercise.objects.order_by("pk").first()
    assert exercise is not None
    # One planned yesterday, one today, one to come: each adds its own queries once.
    for day in (24, 25, 26):
        planned(club.alice, date(2026, 11, day), duration_s=1800, exercise_ids=[exercise.pk])
    with CaptureQueriesContext(connection) as few:
        assert bob_client.get(plan_url(club.alice)).status_code == 200
    for n in range(17):
        planned(
            club.alice,
            date(2026, 11, 23 + n % 7),
            duration_s=1800 + n,
            exercise_ids=[exercise.pk],
            notes=f"n{n}",
        )
    with CaptureQueriesContext(connection) as many:
        page = bob_client.get(plan_url(club.alice))
    assert page.status_code == 200 and page.content.decode().count("<article") == 20
    assert len(many.captured_queries) == len(few.captured_queries)
