"""The athlete page: profile, load chart, sessions and warnings, progression; the coach
acknowledges warnings, sets the hip level and writes notes."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from coaching import selectors
from coaching.models import CoachNote, HipLevelChange
from logbook.models import TrainingWarning
from notifications import services as outbox
from tests.coaching.conftest import Club
from tests.coaching.helpers import change_form_data
from tests.logbook.helpers import log_run

AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=AMS)


def at(day: int, hour: int = 8) -> datetime:
    return datetime(2026, 11, day, hour, 0, tzinfo=AMS)


def page_of(athlete: Any) -> str:
    return reverse("admin:coaching_athlete_change", args=[athlete.pk])


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


def test_the_page_draws_the_load_chart_from_the_dashboards_data(
    bob_client: Any, club: Club
) -> None:
    log_run(club.alice, at(24), 10, minutes=60, rpe=5)
    response = bob_client.get(page_of(club.alice))
    html = response.content.decode()
    assert response.context["chart_data"]["daily"]["data"][-2] == 300.0  # yesterday
    assert '<script id="chart-data" type="application/json">' in html
    assert "/static/js/dashboard-chart.js" in html
    assert "/static/vendor/chartjs/chart.umd.min.js" in html


def test_the_page_shows_fitness_fatigue_and_form_like_the_dashboard(
    bob_client: Any, club: Club
) -> None:
    log_run(club.alice, at(24), 10, minutes=60, rpe=5)
    response = bob_client.get(page_of(club.alice))
    html = response.content.decode()
    assert response.context["fitness"].today is not None
    assert 'id="fitness-today"' in html
    assert '<script id="fitness-data" type="application/json">' in html
    assert "/static/js/fitness-chart.js" in html


def test_the_page_has_no_inline_script(bob_client: Any, club: Club) -> None:
    html = bob_client.get(page_of(club.alice)).content.decode()
    for chunk in html.split("<script")[1:]:
        head = chunk.split(">", 1)[0]
        assert "src=" in head or 'type="application/json"' in head, head


def test_the_page_lists_recent_sessions_read_only(bob_client: Any, club: Club) -> None:
    log_run(club.alice, at(24), 12.5)
    html = bob_client.get(page_of(club.alice)).content.decode()
    assert "12.5 km" in html
    assert 'name="sessions-0-distance_m"' not in html


def test_the_page_shows_the_spike_warning(bob_client: Any, club: Club) -> None:
    log_run(club.alice, at(3), 10)
    log_run(club.alice, at(24), 25, minutes=150)
    html = bob_client.get(page_of(club.alice)).content.decode()
    assert "Single run longer than usual: large" in html


def test_the_page_shows_the_progression_status(bob_client: Any, club: Club) -> None:
    response = bob_client.get(page_of(club.alice))
    html = response.content.decode()
    assert 'id="progression"' in html
    assert 'data-progression="hip"' in html
    assert 'data-progression="long_run"' in html


def test_the_progression_status_suggests_the_next_hip_level_after_three_good_weeks(
    club: Club,
) -> None:
    from exercises.models import Exercise
    from logbook import services
    from logbook.services import ExerciseDone

    hip = Exercise.objects.filter(category="hip", level=1).first()
    assert hip is not None
    for day in (2, 4, 9, 11, 16, 18):
        services.session_log(
            athlete=club.alice,
            start=at(day),
            kind="strength",
            duration_s=1500,
            rpe=4,
            exercises=[ExerciseDone(exercise_id=hip.pk)],
        )
    statuses = selectors.athlete_progression(athlete=club.alice, today=NOW.date())
    hip_status = next(s for s in statuses if s.suggestion.progression == "hip")
    assert hip_status.suggestion.action == "advance"
    assert hip_status.suggestion.next == 2


def test_setting_the_hip_level_records_who_and_when(bob_client: Any, club: Club) -> None:
    page = bob_client.get(page_of(club.alice))
    response = bob_client.post(page_of(club.alice), change_form_data(page, hip_level="2"))
    assert response.status_code == 302
    club.alice.profile.refresh_from_db()
    assert club.alice.profile.hip_level == 2
    change = HipLevelChange.objects.get(athlete=club.alice)
    assert (change.previous_level, change.level, change.set_by, change.at) == (1, 2, club.bob, NOW)


def test_saving_the_page_unchanged_records_no_hip_level_change(bob_client: Any, club: Club) -> None:
    page = bob_client.get(page_of(club.alice))
    bob_client.post(page_of(club.alice), change_form_data(page))
    assert not HipLevelChange.objects.exists()


def test_a_hip_level_outside_1_to_3_is_refused_on_the_form(bob_client: Any, club: Club) -> None:
    page = bob_client.get(page_of(club.alice))
    response = bob_client.post(page_of(club.alice), change_form_data(page, hip_level="4"))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["hip_level"]
    club.alice.profile.refresh_from_db()
    assert club.alice.profile.hip_level == 1


def test_a_note_reaches_alices_dashboard_with_its_date_and_author(
    bob_client: Any, club: Club, other_client: Any
) -> None:
    page = bob_client.get(page_of(club.alice))
    data = change_form_data(page, **{"coach_notes-0-text": "Keep Sunday easy this week."})
    assert bob_client.post(page_of(club.alice), data).status_code == 302
    note = CoachNote.objects.get(athlete=club.alice)
    assert note.author == club.bob
    other_client.force_login(club.alice)
    html = other_client.get(reverse("logbook:dashboard")).content.decode()
    notes = html.split('id="coach-notes"', 1)[1]
    assert "Keep Sunday easy this week." in notes
    assert "Bob, 25 November 2026" in notes


def test_carol_does_not_see_alices_note(bob_client: Any, club: Club, other_client: Any) -> None:
    CoachNote.objects.create(athlete=club.alice, author=club.bob, text="For Alice only")
    other_client.force_login(club.carol)
    assert "For Alice only" not in other_client.get(reverse("logbook:dashboard")).content.decode()


def test_ticking_acknowledge_on_the_page_acknowledges_the_warning(
    bob_client: Any, club: Club
) -> None:
    log_run(club.alice, at(24), 8, pain=6)
    warning = TrainingWarning.objects.get(athlete=club.alice, rule="pain")
    page = bob_client.get(page_of(club.alice))
    data = change_form_data(page, **{"training_warnings-0-acknowledge": "on"})
    assert bob_client.post(page_of(club.alice), data).status_code == 302
    warning.refresh_from_db()
    assert warning.acknowledged_at == NOW


def test_the_alarm_email_to_the_coach_links_to_the_athletes_page(
    club: Club, mailoutbox: list[Any]
) -> None:
    log_run(club.alice, at(24), 8, pain=3, sharp_pain=True)
    assert TrainingWarning.objects.filter(athlete=club.alice, rule="pain").exists()
    mailoutbox.clear()
    now = timezone.now()
    outbox.alarms_queue(now=now)
    outbox.outbox_send(ids=outbox.outbox_take_due(now=now), now=now)
    to_coach = next(m for m in mailoutbox if m.to == [club.bob.email])
    assert f"/admin/coaching/athlete/{club.alice.pk}/change/" in to_coach.body


# Erin's URLs are closed to Bob ---------------------------------------------------------


def erins_urls(club: Club) -> list[str]:
    log_run(club.erin, at(24), 8, pain=6)
    warning = TrainingWarning.objects.get(athlete=club.erin)
    return [
        page_of(club.erin),
        reverse("admin:coaching_athlete_history", args=[club.erin.pk]),
        reverse("admin:coaching_athlete_delete", args=[club.erin.pk]),
        reverse("admin:coaching_athletewarning_change", args=[warning.pk]),
        reverse("admin:coaching_athletewarning_history", args=[warning.pk]),
    ]


def test_every_one_of_erins_admin_urls_shows_bob_nothing(bob_client: Any, club: Club) -> None:
    for url in erins_urls(club):
        response = bob_client.get(url, follow=True)
        html = response.content.decode()
        assert "Erin" not in html and "erin@example.com" not in html, url
        assert response.redirect_chain == [] or response.redirect_chain[-1][0] == reverse(
            "admin:index"
        ), url


def test_bobs_history_of_alice_never_mentions_erin(bob_client: Any, club: Club) -> None:
    page = bob_client.get(page_of(club.alice))
    bob_client.post(page_of(club.alice), change_form_data(page, hip_level="2"))
    history = bob_client.get(reverse("admin:coaching_athlete_history", args=[club.alice.pk]))
    assert history.status_code == 200
    assert "Erin" not in history.content.decode()


def test_the_autocomplete_answers_bob_nothing_about_erin(bob_client: Any, club: Club) -> None:
    response = bob_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "coaching",
            "model_name": "coachnote",
            "field_name": "athlete",
            "term": "Erin",
        },
    )
    assert response.status_code == 403
    assert "Erin" not in response.content.decode()


def test_each_acknowledge_tick_box_names_its_warning(bob_client: Any, club: Club) -> None:
    """A table cell has no label: a screen reader hears which warning a tick acknowledges."""
    log_run(club.alice, at(10), 8)
    log_run(club.alice, at(24), 16, minutes=100)
    html = bob_client.get(page_of(club.alice)).content.decode()
    assert 'aria-label="Acknowledge: Single run longer than usual: ' in html
    assert ", Tue 24 Nov 2026" in html


def test_the_tables_that_scroll_on_a_phone_take_the_keyboard_focus(
    bob_client: Any, club: Club
) -> None:
    log_run(club.alice, at(24), 10)
    html = bob_client.get(page_of(club.alice)).content.decode()
    assert (
        '<div class="wrapper" tabindex="0" role="region" aria-labelledby="sessions-heading">'
        in html
    )
