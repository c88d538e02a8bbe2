"""Cached pages never go stale: a write shows on the next request of every page that shows
it, for the runner and for the coach (accounts/versions.py, logbook/page_cache.py).

Each test first opens the pages (so they are in the cache), then writes the way the app
does (a form, a button, the admin, a service), then opens them again."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import services as account_services
from coaching import services as coaching_services
from logbook import load
from logbook.models import Session, TrainingWarning
from tests.coaching.conftest import Club
from tests.logbook.helpers import days_ago, earlier_today, log_run, run_form
from tests.queries import SESSION_READS

pytestmark = pytest.mark.django_db
DATA = Path(__file__).resolve().parent.parent / "data" / "activities"
# Every answer carries a freshly masked CSRF token; the rest must be the same.
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[A-Za-z0-9]{64}"| nonce="[\w-]+"')
DASHBOARD = "/dashboard/"
SESSIONS = "/sessions/"
WEEK = "/week/"
ATHLETES = "/admin/coaching/athlete/"
HOME = "/admin/"


def athlete_page(athlete: Any) -> str:
    return f"/admin/coaching/athlete/{athlete.pk}/change/"


def html(client: Client, path: str) -> str:
    """The page, its CSRF tokens left out."""
    response = client.get(path)
    assert response.status_code == 200, path
    return TOKEN.sub("", response.content.decode())


def warm(client: Client, *paths: str) -> dict[str, str]:
    """Open each page twice: the second answer comes from the cache."""
    first = {path: html(client, path) for path in paths}
    for path in paths:
        assert html(client, path) == first[path], f"{path} changed without a write"
    return first


@pytest.fixture
def alice(club: Club, client: Client) -> Client:
    client.force_login(club.alice)
    return client


@pytest.fixture
def bob(club: Club) -> Client:
    browser = Client()
    browser.force_login(club.bob)
    return browser


def runner_pages(session: Session | None = None) -> list[str]:
    pages = [DASHBOARD, SESSIONS, WEEK]
    if session is not None:
        pages.append(reverse("logbook:session_detail", args=[session.pk]))
    return pages


def test_second_visit_is_served_from_the_cache_with_fewer_queries(
    club: Club, alice: Client, django_assert_num_queries: Any
) -> None:
    log_run(club.alice, days_ago(1), 8)
    for path in (DASHBOARD, SESSIONS, WEEK):
        html(alice, path)
        # The session (unless cached), the user with their version and profile.
        with django_assert_num_queries(SESSION_READS + 1, info=path):
            html(alice, path)


def test_logging_a_session_shows_everywhere(club: Club, alice: Client, bob: Client) -> None:
    warm(alice, *runner_pages())
    before_coach = warm(bob, ATHLETES, HOME, athlete_page(club.alice))
    assert "12.3 km" not in before_coach[HOME]
    response = alice.post(reverse("logbook:session_new"), run_form(distance_km="12.34"))
    assert response.status_code == 302
    session = Session.objects.get(athlete=club.alice)
    # One rounding everywhere: 12,340 m reads 12.3 km on every page (runningcoach.units).
    assert "12.3 km" in html(alice, SESSIONS)
    assert "12.3 km" in html(alice, WEEK)
    dashboard = html(alice, DASHBOARD)
    assert 'id="week-headline-km">12.3<' in dashboard
    assert "12.3 km" in html(alice, reverse("logbook:session_detail", args=[session.pk]))
    assert html(bob, ATHLETES) != before_coach[ATHLETES]
    assert "12.3 km" in html(bob, HOME)  # the newest sessions
    assert "12.3" in html(bob, athlete_page(club.alice))


def test_fitness_on_the_dashboard_follows_a_new_session(club: Club, alice: Client) -> None:
    log_run(club.alice, days_ago(3), 8)
    before = warm(alice, DASHBOARD)[DASHBOARD]
    fitness_before = before[before.index('id="fitness-today"') :][:80]
    log_run(club.alice, days_ago(1), 15, minutes=90, rpe=8)
    after = html(alice, DASHBOARD)
    assert after[after.index('id="fitness-today"') :][:80] != fitness_before


def test_editing_a_session_shows_everywhere(club: Club, alice: Client, bob: Client) -> None:
    session = log_run(club.alice, earlier_today(7), 8).session
    warm(alice, *runner_pages(session))
    warm(bob, ATHLETES, athlete_page(club.alice))
    start = timezone.localtime(session.start)
    response = alice.post(
        reverse("logbook:session_edit", args=[session.pk]),
        run_form(distance_km="7.77", date=start.date().isoformat(), time=start.strftime("%H:%M")),
    )
    assert response.status_code == 302
    assert "7.8 km" in html(alice, SESSIONS)
    assert "7.8 km" in html(alice, WEEK)
    assert "7.8 km" in html(alice, reverse("logbook:session_detail", args=[session.pk]))
    assert 'id="week-headline-km">7.8<' in html(alice, DASHBOARD)
    # The coach's pages round 7,770 m the same way as the runner's.
    assert "7.8 km" in html(bob, athlete_page(club.alice))
    assert 'data-label="Running km this week (change)">7.8<' in html(bob, ATHLETES)


def test_deleting_a_session_shows_everywhere(club: Club, alice: Client, bob: Client) -> None:
    keep = log_run(club.alice, days_ago(2), 5).session
    gone = log_run(club.alice, days_ago(1), 9.87).session
    assert keep is not None and gone is not None
    warm(alice, *runner_pages())
    before_coach = warm(bob, ATHLETES, athlete_page(club.alice))
    assert "9.9 km" in html(alice, SESSIONS)
    response = alice.post(reverse("logbook:session_delete", args=[gone.pk]))
    assert response.status_code == 302
    assert "9.9 km" not in html(alice, SESSIONS)
    assert html(alice, DASHBOARD) != ""
    assert html(bob, ATHLETES) != before_coach[ATHLETES]
    assert html(bob, athlete_page(club.alice)) != before_coach[athlete_page(club.alice)]


def test_an_import_shows_on_the_list_and_the_dashboard(club: Club, alice: Client) -> None:
    before = warm(alice, DASHBOARD, SESSIONS)
    assert 'id="sessions-to-rate"' not in before[DASHBOARD]
    content = (DATA / "morning-run.gpx").read_bytes()
    response = alice.post(
        reverse("logbook:import"),
        {"file": SimpleUploadedFile("morning-run.gpx", content), "kind": "run"},
    )
    assert response.status_code == 302
    assert Session.objects.filter(athlete=club.alice).count() == 1
    assert html(alice, SESSIONS) != before[SESSIONS]
    assert 'id="sessions-to-rate"' in html(alice, DASHBOARD)


def test_acknowledging_a_warning_shows_for_runner_and_coach(
    club: Club, alice: Client, bob: Client
) -> None:
    for n in range(10, 1, -1):
        log_run(club.alice, days_ago(n), 5)
    spike = log_run(club.alice, days_ago(1), 15)
    warning = TrainingWarning.objects.get(session=spike.session, rule=load.SINGLE_RUN_SPIKE)
    assert 'id="newest-alarm"' in warm(alice, DASHBOARD)[DASHBOARD]
    before_coach = warm(bob, ATHLETES)[ATHLETES]
    response = alice.post(reverse("logbook:warning_acknowledge", args=[warning.pk]))
    assert response.status_code == 302
    assert 'id="newest-alarm"' not in html(alice, DASHBOARD)
    assert html(bob, ATHLETES) != before_coach


def test_a_profile_change_shows_for_runner_and_coach(
    club: Club, alice: Client, bob: Client
) -> None:
    warm(alice, DASHBOARD)
    warm(bob, ATHLETES)
    profile = club.alice.profile
    account_services.profile_update(
        profile=profile,
        display_name="Alicia Keys",
        time_zone=profile.time_zone,
        language=profile.language,
        health_consent=True,
    )
    assert "Hello Alicia Keys" in html(alice, DASHBOARD)
    assert "Alicia Keys" in html(bob, ATHLETES)


def test_a_time_zone_change_moves_the_sessions_to_other_days(club: Club, alice: Client) -> None:
    session = log_run(club.alice, days_ago(1, hour=0) + timedelta(minutes=30), 6).session
    assert session is not None
    before = warm(alice, SESSIONS, reverse("logbook:session_detail", args=[session.pk]))
    profile = club.alice.profile
    account_services.profile_update(
        profile=profile,
        display_name=profile.display_name,
        time_zone="America/New_York",
        language=profile.language,
        health_consent=True,
    )
    assert html(alice, SESSIONS) != before[SESSIONS]


def test_a_coach_note_shows_on_the_runner_dashboard(club: Club, alice: Client) -> None:
    warm(alice, DASHBOARD)
    coaching_services.note_add(
        athlete=club.alice, author=club.bob, text="Easy week, please", now=timezone.now()
    )
    assert "Easy week, please" in html(alice, DASHBOARD)


def test_a_hip_level_change_shows_for_runner_and_coach(
    club: Club, alice: Client, bob: Client
) -> None:
    warm(alice, DASHBOARD)
    before_coach = warm(bob, ATHLETES)[ATHLETES]
    coaching_services.hip_level_set(
        athlete=club.alice, level=3, set_by=club.bob, now=timezone.now()
    )
    assert "your level 3" in html(alice, DASHBOARD)
    assert html(bob, ATHLETES) != before_coach


def test_an_athlete_leaving_drops_off_the_coach_list(
    club: Club, alice: Client, bob: Client
) -> None:
    assert "Alice" in warm(bob, ATHLETES)[ATHLETES]
    coaching_services.coaching_end(athlete=club.alice)
    assert "Alice" not in html(bob, ATHLETES)


def test_a_message_waiting_is_shown_once_and_never_cached(club: Club, alice: Client) -> None:
    warm(alice, SESSIONS)
    response = alice.post(reverse("logbook:session_new"), run_form())
    assert response.status_code == 302  # "saved" waits for the next page
    assert 'role="alert"' in html(alice, SESSIONS)
    assert 'role="alert"' not in html(alice, SESSIONS)
    assert 'role="alert"' not in html(alice, SESSIONS)


def test_a_cached_page_carries_a_working_csrf_token(club: Club) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(club.alice)
    log_run(club.alice, days_ago(1), 8)
    browser.get(DASHBOARD)
    page = browser.get(DASHBOARD).content.decode()  # from the cache
    token = page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    assert "\x00" not in page
    response = browser.post(reverse("accounts:language"), {"language": "nl", "next": "/"})
    assert response.status_code == 403  # no token: refused
    response = browser.post(
        reverse("accounts:language"),
        {"language": "nl", "next": "/", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302


def test_turning_off_the_weekly_email_shows_on_the_coach_list(
    club: Club, alice: Client, bob: Client
) -> None:
    from notifications import services as notification_services
    from notifications.services import REMINDER

    log_run(club.alice, days_ago(1), 6)  # a runner who logs sessions gets it by default
    before = warm(bob, ATHLETES)[ATHLETES]
    notification_services.preference_set(user=club.alice, kind=REMINDER, enabled=False)
    after = html(bob, ATHLETES)
    assert after != before
    row = after[after.index(">Alice</a>") :]
    assert 'data-label="Weekly e-mail">off<' in row[: row.index("</tr>")]


def test_an_invitation_opened_in_this_browser_shows_on_the_dashboard(
    club: Club, alice: Client
) -> None:
    from coaching.views import PENDING_SESSION_KEY

    warm(alice, DASHBOARD)
    invitation = coaching_services.invitation_send(
        coach=club.dan, email="alice@example.com", now=timezone.now()
    )
    session = alice.session
    session[PENDING_SESSION_KEY] = coaching_services.invitation_token(invitation)
    session.save()
    assert 'id="pending-invitation"' in html(alice, DASHBOARD)
    invitation.delete()  # the coach withdraws it
    assert 'id="pending-invitation"' not in html(alice, DASHBOARD)


def test_a_superusers_edit_in_the_admin_shows_for_runner_and_coach(
    club: Club, alice: Client, bob: Client
) -> None:
    from accounts.models import User
    from tests.coaching.helpers import change_form_data

    warm(alice, DASHBOARD)
    before_coach = warm(bob, ATHLETES)[ATHLETES]
    root = Client()
    root.force_login(User.objects.create_superuser(email="root@example.com", password="x" * 12))
    page = reverse("admin:accounts_user_change", args=[club.alice.pk])
    form = root.get(page)
    data = change_form_data(form)
    prefix = next(k for k in data if k.endswith("-display_name")).rsplit("-", 1)[0]
    data[f"{prefix}-display_name"] = "Alice Renamed"
    data[f"{prefix}-hip_level"] = "2"
    joined = timezone.localtime(club.alice.date_joined)  # a date and a time field in the form
    data.pop("date_joined", None)
    data["date_joined_0"], data["date_joined_1"] = joined.date().isoformat(), joined.strftime("%X")
    response = root.post(page, data)
    assert response.status_code == 302, [
        (f.name, f.errors) for f in response.context["adminform"].form if f.errors
    ]
    assert "Hello Alice Renamed" in html(alice, DASHBOARD)
    after = html(bob, ATHLETES)
    assert after != before_coach and "Alice Renamed" in after


def test_a_coach_whose_rights_are_taken_in_the_admin_sees_the_list_no_more(
    club: Club, bob: Client
) -> None:
    from accounts.models import User
    from tests.coaching.helpers import change_form_data

    warm(bob, ATHLETES)
    root = Client()
    root.force_login(User.objects.create_superuser(email="root@example.com", password="x" * 12))
    page = reverse("admin:accounts_user_change", args=[club.bob.pk])
    data = change_form_data(root.get(page))
    data.pop("groups", None)  # out of the Coaches group
    joined = timezone.localtime(club.bob.date_joined)
    data.pop("date_joined", None)
    data["date_joined_0"], data["date_joined_1"] = joined.date().isoformat(), joined.strftime("%X")
    assert root.post(page, data).status_code == 302
    assert bob.get(ATHLETES).status_code == 403


PLAN_HEADER = "date,kind,duration_min,distance_km,rpe,backward_min,surface,notes\n"


def test_plan_writes_show_for_runner_and_coach(club: Club, alice: Client, bob: Client) -> None:
    """A plan the coach adds, a match the runner pins and a planned session removed: each
    shows on the next request of the runner's dashboard and week and the coach's list."""
    today = load.local_day(timezone.now(), club.alice.profile.tz)
    last_monday = today - timedelta(days=today.weekday() + 7)
    before = warm(alice, DASHBOARD, WEEK)
    before_coach = warm(bob, ATHLETES)

    planned, _missed = sorted(
        coaching_services.plan_import(
            athlete=club.alice,
            content=PLAN_HEADER + f"{today},run,47,,,,,\n{last_monday},run,30,,,,,\n",
            planned_by=club.bob,
        ),
        key=lambda p: p.day,
        reverse=True,
    )
    planned_pages = {path: html(alice, path) for path in (DASHBOARD, WEEK)}
    assert 'id="plan-today"' in planned_pages[DASHBOARD]
    for path in (DASHBOARD, WEEK):
        assert planned_pages[path] != before[path], path
    # Last week's planned run was missed: the coach's compliance column says so.
    assert html(bob, ATHLETES) != before_coach[ATHLETES]

    run = log_run(club.alice, earlier_today(0), 9, minutes=47).session
    assert run is not None
    done = html(alice, DASHBOARD)
    coaching_services.plan_match_set(planned=planned, session=None, declined=True)
    assert html(alice, DASHBOARD) != done

    coaching_services.plan_session_delete(planned=planned)
    assert 'id="plan-today"' not in html(alice, DASHBOARD)
