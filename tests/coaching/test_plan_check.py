"""The plan check through the pages: a planned session that would spike is marked for the
coach and the runner with the rule, its numbers and its advice, and nothing is stored."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from accounts.models import User
from coaching import services
from coaching.models import PlannedSession
from logbook.models import TrainingWarning
from tests.coaching.conftest import Club
from tests.logbook.helpers import log_run

AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=AMS)  # Wednesday of ISO week 48
TODAY = NOW.date()
SPIKE = "16.0 km against a longest run of 10.0 km in the 30 days before"
ADVICE = "Plan it at or under 11.0 km"


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


def planned(athlete: User, day: date, planned_by: User | None = None, **fields: Any) -> Any:
    values = services.PlanValues(day=day, kind=fields.pop("kind", "run"), **fields)
    return services.plan_session_save(athlete=athlete, values=values, planned_by=planned_by)


def mark_of(html: str, planned_pk: int) -> str:
    """The plan check's mark of one planned session: the calendar's (a details to open) or
    the dashboard's and week view's."""
    found = re.search(
        rf'<(div|details) class="[^"]*plan-check[^"]*" data-planned="{planned_pk}".*?</\1>',
        html,
        re.S,
    )
    return found.group(0) if found else ""


@pytest.fixture
def alice_client(club: Club) -> Client:
    client = Client()
    client.force_login(club.alice)
    return client


@pytest.fixture
def spike(club: Club) -> PlannedSession:
    """Alice ran 10 km last Friday; Bob plans 16 km for Saturday."""
    log_run(club.alice, datetime(2026, 11, 20, 8, tzinfo=AMS), 10)
    return planned(club.alice, date(2026, 11, 28), club.bob, distance_m=16000, rpe=6)


def test_a_plan_that_would_spike_is_marked_for_the_runner(
    alice_client: Client, spike: PlannedSession
) -> None:
    stored = TrainingWarning.objects.count()
    html = alice_client.get(reverse("coaching:plan")).content.decode()
    mark = mark_of(html, spike.pk)
    assert "Single run longer than usual: moderate" in mark
    assert SPIKE in mark and "+60.0 %" in mark
    assert ADVICE in mark
    # 16 km in the 7 days to Saturday against 10 km the week before is over 30 % too.
    assert 'data-rules="single_run_spike weekly_increase"' in mark
    assert TrainingWarning.objects.count() == stored


def test_the_mark_is_on_the_runners_dashboard(alice_client: Client, spike: PlannedSession) -> None:
    html = alice_client.get(reverse("logbook:dashboard")).content.decode()
    assert "Plan check: Single run longer than usual: moderate" in mark_of(html, spike.pk)


def test_the_coach_sees_the_mark_on_the_plan_and_the_athlete_page(
    bob_client: Any, club: Club, spike: PlannedSession
) -> None:
    stored = TrainingWarning.objects.count()
    plan = reverse("admin:coaching_athlete_plan", args=[club.alice.pk])
    html = bob_client.get(plan + "?week=2026-11-23").content.decode()
    assert SPIKE in mark_of(html, spike.pk) and ADVICE in mark_of(html, spike.pk)
    assert 'id="plan-checks"' in html
    athlete = bob_client.get(reverse("admin:coaching_athlete_change", args=[club.alice.pk]))
    html = athlete.content.decode()
    assert 'id="athlete-plan-checks"' in html and SPIKE in mark_of(html, spike.pk)
    assert TrainingWarning.objects.count() == stored


def test_deleting_the_planned_session_removes_the_mark(
    alice_client: Client, spike: PlannedSession
) -> None:
    response = alice_client.post(reverse("coaching:plan_delete", args=[spike.pk]))
    assert response.status_code == 302
    html = alice_client.get(reverse("coaching:plan")).content.decode()
    assert "plan-check" not in html and SPIKE not in html


def test_a_smaller_plan_is_not_marked(alice_client: Client, club: Club) -> None:
    log_run(club.alice, datetime(2026, 11, 20, 8, tzinfo=AMS), 10)
    ok = planned(club.alice, date(2026, 11, 28), distance_m=11000)
    html = alice_client.get(reverse("coaching:plan")).content.decode()
    assert f'id="planned-{ok.pk}"' in html and "plan-check" not in html


def test_the_mark_speaks_dutch(alice_client: Client, spike: PlannedSession) -> None:
    html = alice_client.get(
        reverse("coaching:plan"), headers={"accept-language": "nl"}
    ).content.decode()
    mark = mark_of(html, spike.pk)
    assert "Eén loop langer dan gewoonlijk" in mark
    assert "16,0 km" in mark


def test_a_planned_session_done_today_is_not_checked_again(
    alice_client: Client, club: Club
) -> None:
    log_run(club.alice, datetime(2026, 11, 20, 8, tzinfo=AMS), 10)
    today = planned(club.alice, TODAY, distance_m=16000)
    assert SPIKE in mark_of(alice_client.get(reverse("coaching:plan")).content.decode(), today.pk)
    # Alice runs it: now the spike is a stored warning of her run, and the plan is done.
    log_run(club.alice, datetime(2026, 11, 25, 7, tzinfo=AMS), 16)
    assert TrainingWarning.objects.filter(athlete=club.alice, rule="single_run_spike").exists()
    html = alice_client.get(reverse("coaching:plan")).content.decode()
    assert mark_of(html, today.pk) == ""


def test_the_mark_comes_with_the_coaches_plan_upload(bob_client: Any, club: Club) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    log_run(club.alice, datetime(2026, 11, 20, 8, tzinfo=AMS), 10)
    content = b"date,kind,distance_km\n2026-11-27,run,25\n"
    upload = SimpleUploadedFile("plan.csv", content, content_type="text/csv")
    url = reverse("admin:coaching_athlete_plan_upload", args=[club.alice.pk])
    response = bob_client.post(url, {"file": upload}, follow=True)
    html = response.content.decode()
    (row,) = PlannedSession.objects.filter(athlete=club.alice)
    assert "The plan check marks 1 of these planned sessions" in html
    assert "Single run longer than usual: large" in mark_of(html, row.pk)
    assert "25.0 km against a longest run of 10.0 km" in mark_of(html, row.pk)


def add_url(club: Club, day: str) -> str:
    return reverse("admin:coaching_athlete_plan_add", args=[club.alice.pk, day])


def test_planning_a_day_that_would_spike_says_so_at_once(bob_client: Any, club: Club) -> None:
    log_run(club.alice, datetime(2026, 11, 20, 8, tzinfo=AMS), 10)
    stored = TrainingWarning.objects.count()
    response = bob_client.post(
        add_url(club, "2026-11-26"),
        {"add-2026-11-26-kind": "run", "add-2026-11-26-distance_km": "8"},
        follow=True,
    )
    assert "plan check marks" not in response.content.decode()
    html = bob_client.post(
        add_url(club, "2026-11-29"),
        {"add-2026-11-29-kind": "run", "add-2026-11-29-distance_km": "18"},
        follow=True,
    ).content.decode()
    assert "The plan check marks 1 of these planned sessions" in html
    long_run = PlannedSession.objects.get(athlete=club.alice, day=date(2026, 11, 29))
    assert "18.0 km against a longest run of 10.0 km" in mark_of(html, long_run.pk)
    assert TrainingWarning.objects.count() == stored


def test_planning_a_day_within_the_rules_says_nothing_of_the_check(
    bob_client: Any, club: Club
) -> None:
    log_run(club.alice, datetime(2026, 11, 20, 8, tzinfo=AMS), 10)
    html = bob_client.post(
        add_url(club, "2026-11-29"),
        {"add-2026-11-29-kind": "run", "add-2026-11-29-distance_km": "11"},
        follow=True,
    ).content.decode()
    assert "Planned: Run on Sun 29 Nov 2026." in html and "plan check marks" not in html


def test_the_mark_is_on_the_week_view(alice_client: Client, spike: PlannedSession) -> None:
    html = alice_client.get(reverse("logbook:week")).content.decode()
    assert SPIKE in mark_of(html, spike.pk)
