"""The coach's home at /admin/: who needs attention and why, this week's plan, the newest
sessions and the plan checks, of the coach's own athletes only, in a fixed number of
queries."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.urls import reverse

from accounts.models import AthleteProfile, User
from accounts.versions import version_bump
from coaching import services as plan_services
from coaching.models import PlannedSession
from tests.coaching.conftest import Club
from tests.factories import make_coach, make_runner
from tests.logbook.helpers import log_run
from tests.queries import SESSION_READS

AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=AMS)  # a Wednesday
HOME = reverse("admin:index")


def at(day: int, hour: int = 8) -> datetime:
    return datetime(2026, 11, day, hour, 0, tzinfo=AMS)


def plan(athlete: User, day: int, *, km: float | None = None, minutes: int = 40) -> None:
    plan_services.plan_session_save(
        athlete=athlete,
        values=plan_services.PlanValues(
            day=date(2026, 11, day),
            kind="run",
            duration_s=minutes * 60,
            distance_m=int(km * 1000) if km else None,
        ),
        planned_by=None,
    )


def names(response: Any) -> list[str]:
    return [item.row.name for item in response.context["athletes"]]


def section(response: Any, id_: str) -> str:
    html = response.content.decode()
    start = html.index(f'id="{id_}"')
    return html[start : html.index("</section>", start)]


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


def test_a_coach_lands_on_the_home(bob_client: Any, club: Club) -> None:
    response = bob_client.get(HOME)
    assert response.status_code == 200
    assert response.templates[0].name == "coaching/admin/home.html"
    assert "Who needs you today" in response.content.decode()


def test_a_superuser_keeps_djangos_index(client: Any, club: Club) -> None:
    admin = User.objects.create_superuser(email="root@example.com", password="x")
    client.force_login(admin)
    response = client.get(HOME)
    assert response.templates[0].name == "admin/index.html"
    assert "Who needs you today" not in response.content.decode()


def test_staff_who_may_not_see_athletes_keep_djangos_index(client: Any, club: Club) -> None:
    clerk = make_runner("clerk@example.com")
    clerk.is_staff = True
    clerk.save()
    client.force_login(clerk)
    assert client.get(HOME).templates[0].name == "admin/index.html"


def test_the_athlete_with_a_spike_and_sharp_pain_comes_first_with_why(
    bob_client: Any, club: Club
) -> None:
    log_run(club.carol, at(20), 8)
    log_run(club.alice, at(3), 10)
    log_run(club.alice, at(24), 25, minutes=150, pain=6, sharp_pain=True)
    response = bob_client.get(HOME)
    assert names(response) == ["Alice", "Carol"]
    alice = section(response, "home-attention").split("</li>\n  \n")[0]
    assert "Pain after a session: sharp (and 1 more open warning)" in alice
    assert "Sharp pain in the last 14 days" in alice
    # The warning's own text, with its numbers and the session's day.
    assert "Tue 24 Nov 2026: Sharp pain recorded after this session (6/10)" in alice


def test_a_spike_shows_its_rule_and_numbers(bob_client: Any, club: Club) -> None:
    log_run(club.alice, at(3), 10)
    log_run(club.alice, at(24), 25, minutes=150)
    attention = section(bob_client.get(HOME), "home-attention")
    assert "Single run longer than usual: large" in attention
    assert "25.0 km against a longest run of 10.0 km" in attention
    assert "+150.0 %, more than 100 %" in attention


def test_gone_quiet_and_never_logged_say_so(bob_client: Any, club: Club) -> None:
    log_run(club.carol, at(5), 8)
    attention = section(bob_client.get(HOME), "home-attention")
    assert "No session logged yet" in attention  # Alice
    assert "No session for 20 days" in attention  # Carol


def test_this_weeks_compliance_per_athlete(bob_client: Any, club: Club) -> None:
    plan(club.alice, 23)  # Monday: done on target
    plan(club.alice, 24, minutes=60)  # Tuesday: half the time (partly)
    plan(club.alice, 27)  # Friday: still to come
    log_run(club.alice, at(23), 8, minutes=40)
    log_run(club.alice, at(24), 5, minutes=30)
    response = bob_client.get(HOME)
    (alice,) = [i for i in response.context["athletes"] if i.row.name == "Alice"]
    assert alice.plan.compliance_pct == 75  # (1 + 0.5) / 2
    attention = section(response, "home-attention")
    assert "Plan this week: 75 % <span" in attention
    assert "(3 planned)" in attention
    assert "No plan this week" in attention  # Carol


def test_the_newest_sessions_across_athletes_newest_first(bob_client: Any, club: Club) -> None:
    log_run(club.alice, at(22, 7), 11)
    log_run(club.carol, at(24, 18), 7.5)
    log_run(club.alice, at(23, 6), 9)
    sessions = section(bob_client.get(HOME), "home-sessions")
    assert sessions.index("7.5 km") < sessions.index("9.0 km") < sessions.index("11.0 km")
    assert "Tue 24 Nov 2026, 18:00" in sessions  # in the coach's zone


def test_a_planned_run_the_plan_check_marks_needs_a_look(bob_client: Any, club: Club) -> None:
    log_run(club.alice, at(20), 10)
    plan(club.alice, 28, km=14)  # +40 % over the longest of 30 days
    plan(club.carol, 28, km=5)  # nothing to compare with: no mark
    checks = section(bob_client.get(HOME), "home-plan-checks")
    assert "Alice" in checks and "Sat 28 Nov" in checks
    assert "Single run longer than usual: moderate" in checks
    assert "Carol" not in checks
    plan_url = reverse("admin:coaching_athlete_plan", args=[club.alice.pk])
    assert f'href="{plan_url}?week=2026-11-28#planned-' in checks


def test_another_coachs_athlete_never_appears(bob_client: Any, club: Club) -> None:
    log_run(club.erin, at(3), 10)
    log_run(club.erin, at(24), 25, minutes=150, pain=7, sharp_pain=True)
    plan(club.erin, 28, km=40)
    html = bob_client.get(HOME).content.decode()
    assert "Erin" not in html and "erin@example.com" not in html
    assert "25.0 km" not in html and "40.0 km" not in html


def test_the_counts_link_to_the_filtered_list(bob_client: Any, club: Club) -> None:
    log_run(club.alice, at(24), 8, pain=3)
    counts = bob_client.get(HOME).context["counts"]
    assert (counts.athletes, counts.with_warnings, counts.with_pain, counts.quiet) == (2, 0, 1, 1)
    html = bob_client.get(HOME).content.decode()
    assert f'href="{reverse("admin:coaching_athlete_changelist")}?pain_14d=yes"' in html


def test_the_home_speaks_dutch(bob_client: Any, club: Club) -> None:
    log_run(club.carol, at(24), 8, pain=4)
    html = bob_client.get(HOME, headers={"accept-language": "nl"}).content.decode()
    assert "Wie je vandaag nodig heeft" in html
    assert "Wie het eerst aandacht nodig heeft" in html
    assert "Pijn 4/10 in de laatste 14 dagen" in html
    assert "Nieuwste trainingen" in html
    assert "di 24 nov 2026, 08:00" in html


def _squad(coach: User, count: int) -> list[User]:
    users = User.objects.bulk_create(
        User(email=f"many{n}@example.com", password="!") for n in range(count)
    )
    AthleteProfile.objects.bulk_create(
        AthleteProfile(user=u, display_name=f"Many {n}", coach=coach) for n, u in enumerate(users)
    )
    version_bump(athlete_id=coach.pk)  # written past the services: say the list changed
    return users


# The user, the coach's profile, the permissions (two), the counts, the first athletes,
# their sessions added up, their open warnings, this week's planned sessions (with their
# exercises and sessions when there are any), the newest sessions, the upcoming planned
# sessions (and the sessions the plan check reads). Then kept in the cache: the session,
# the user with their profile.
HOME_QUERIES = SESSION_READS + 13


def test_the_home_runs_the_same_queries_for_few_and_many_athletes(
    bob_client: Any, club: Club, django_assert_num_queries: Any
) -> None:
    log_run(club.alice, at(20), 10)
    plan(club.alice, 23)
    plan(club.alice, 28, km=14)
    with django_assert_num_queries(HOME_QUERIES):
        few = bob_client.get(HOME)
    assert len(few.context["athletes"]) == 2 and len(few.context["plan_checks"]) == 1
    many = _squad(club.bob, 60)
    PlannedSession.objects.bulk_create(
        PlannedSession(athlete=u, day=date(2026, 11, d), kind="run", distance_m=15000)
        for u in many[:30]
        for d in (23, 28)
    )
    for user in many[:15]:
        log_run(user, at(20), 10)
        log_run(user, at(24), 25, minutes=150, pain=5)
    with django_assert_num_queries(HOME_QUERIES):
        response = bob_client.get(HOME)
    assert len(response.context["athletes"]) == 10
    assert len(response.context["sessions"]) == 10
    assert len(response.context["plan_checks"]) == 10
    with django_assert_num_queries(SESSION_READS + 1):
        assert bob_client.get(HOME).status_code == 200


def test_a_coach_whose_rights_are_taken_keeps_only_djangos_index(
    bob_client: Any, club: Club
) -> None:
    club.bob.groups.clear()
    club.bob.user_permissions.remove(*Permission.objects.all())
    version_bump(athlete_id=club.bob.pk)
    response = bob_client.get(HOME)
    assert response.templates[0].name == "admin/index.html"


def test_a_new_coach_is_asked_to_invite_a_runner(client: Any, club: Club) -> None:
    coach = make_coach("new@example.com", display_name="New")
    client.force_login(coach)
    html = client.get(HOME).content.decode()
    assert "No athletes yet" in html
    assert reverse("admin:coaching_invitation_add") in html
