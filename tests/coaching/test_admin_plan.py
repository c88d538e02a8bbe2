"""The coach's plan for an athlete in the admin: a week at a time, copied forward, uploaded
from a file; only for the coach's own athletes, whatever is typed into a form or a URL."""

from __future__ import annotations

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


def week_post(response: Any, forms: list[dict[str, Any]]) -> dict[str, Any]:
    """The week form as rendered, with `forms` filled into its rows from the first on."""
    formset = response.context["formset"]
    data: dict[str, Any] = {}
    for name in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS"):
        data[f"plan-{name}"] = formset.management_form[name].value()
    for n, form in enumerate(formset.forms):
        for name in form.fields:
            value = form[name].value()
            if value not in (None, "", False, []):
                data[form.add_prefix(name)] = value
        if n < len(forms):
            for key, value in forms[n].items():
                data[form.add_prefix(key)] = value
    return data


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
    exercise = Exercise.objects.order_by("pk").first()
    assert exercise is not None
    data = week_post(
        page,
        [
            {"day": "2026-11-25", "kind": "run", "duration": "45", "distance_km": "8", "rpe": "5"},
            {"day": "2026-11-27", "kind": "strength", "duration": "20", "exercises": [exercise.pk]},
            {"day": "2026-11-29", "kind": "run", "distance_km": "14", "backward": "2:00"},
        ],
    )
    response = bob_client.post(plan_url(club.alice), data)
    assert response.status_code == 302, response.context and response.context["formset"].errors
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


def test_changing_and_removing_in_the_week_form(bob_client: Any, club: Club) -> None:
    first = planned(club.alice, date(2026, 11, 24), duration_s=1800)
    second = planned(club.alice, date(2026, 11, 26), duration_s=1800)
    page = bob_client.get(plan_url(club.alice))
    data = week_post(page, [{"duration": "50"}, {"DELETE": "on"}])
    assert bob_client.post(plan_url(club.alice), data).status_code == 302
    first.refresh_from_db()
    assert first.duration_s == 3000
    assert not PlannedSession.objects.filter(pk=second.pk).exists()


def test_a_bad_row_saves_nothing_and_says_what_is_wrong(bob_client: Any, club: Club) -> None:
    page = bob_client.get(plan_url(club.alice))
    data = week_post(
        page,
        [
            {"day": "2026-11-25", "kind": "run", "duration": "45"},
            {"day": "2026-11-26", "kind": "run", "duration": "30", "backward": "40"},
        ],
    )
    response = bob_client.post(plan_url(club.alice), data)
    assert response.status_code == 400
    assert "The backward part cannot be longer than the whole." in response.content.decode()
    assert not PlannedSession.objects.exists()


def test_a_day_outside_the_week_is_refused(bob_client: Any, club: Club) -> None:
    page = bob_client.get(plan_url(club.alice))
    data = week_post(page, [{"day": "2026-12-25", "kind": "run", "duration": "45"}])
    assert bob_client.post(plan_url(club.alice), data).status_code == 400
    assert not PlannedSession.objects.exists()


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
    for name, data in (("plan", {}), ("plan_copy", {}), ("plan_upload", {"file": upload})):
        assert bob_client.post(plan_url(club.erin, name=name), data).status_code == 404
    assert PlannedSession.objects.filter(athlete=club.erin).count() == 1


def test_a_planned_session_of_another_athlete_cannot_be_changed_through_the_form(
    bob_client: Any, club: Club
) -> None:
    erins = planned(club.erin, date(2026, 11, 24), duration_s=1800)
    carols = planned(club.carol, date(2026, 11, 24), duration_s=1800)
    page = bob_client.get(plan_url(club.alice))
    for pk in (erins.pk, carols.pk):
        data = week_post(page, [{"planned_id": pk, "day": "2026-11-25", "duration": "90"}])
        response = bob_client.post(plan_url(club.alice), data)
        assert response.status_code == 400
        assert "no longer in this week" in response.content.decode()
        data = week_post(page, [{"planned_id": pk, "DELETE": "on", "day": "2026-11-25"}])
        assert bob_client.post(plan_url(club.alice), data).status_code == 400
    for row in (erins, carols):
        row.refresh_from_db()
        assert row.duration_s == 1800 and row.day == date(2026, 11, 24)
    assert not PlannedSession.objects.filter(athlete=club.alice).exists()


def test_the_plan_page_of_the_coach_himself_is_not_found(bob_client: Any, club: Club) -> None:
    assert bob_client.get(plan_url(club.bob)).status_code == 404


def test_without_the_plan_permissions_a_coach_cannot_plan(bob_client: Any, club: Club) -> None:
    Group.objects.get(name="Coaches").permissions.filter(
        codename__in=["add_plannedsession", "change_plannedsession", "delete_plannedsession"]
    ).delete()
    page = bob_client.get(plan_url(club.alice))
    assert page.status_code == 200 and "plan-week-form" not in page.content.decode()
    upload = SimpleUploadedFile("plan.csv", PLAN_FILE, content_type="text/csv")
    assert (
        bob_client.post(plan_url(club.alice, name="plan_upload"), {"file": upload}).status_code
        == 403
    )
    assert bob_client.post(plan_url(club.alice, name="plan_copy")).status_code == 403
    assert not PlannedSession.objects.exists()


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
    assert page.status_code == 200 and len(page.context["rows"]) == 20 + 3
    assert len(many.captured_queries) == len(few.captured_queries)
