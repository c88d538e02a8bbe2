"""After an athlete moves from one coach to another, neither coach reads the other's traces:
the new coach sees no note or name of the former one in the history or the hip-level
changes, the former coach's recent actions forget the athlete, and the admin's "view on
site" redirect tells no staff member which ids exist."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from logbook.models import Session
from tests.coaching.conftest import Club
from tests.coaching.helpers import change_form_data
from tests.logbook.helpers import log_run

NOTE = "Private remark about the left knee, by Bob"


def page_of(athlete: Any) -> str:
    return reverse("admin:coaching_athlete_change", args=[athlete.pk])


def bob_writes_a_note_and_a_hip_level(bob_client: Any, club: Club) -> None:
    page = bob_client.get(page_of(club.alice))
    response = bob_client.post(
        page_of(club.alice),
        change_form_data(page, hip_level="2", **{"coach_notes-0-text": NOTE}),
    )
    assert response.status_code == 302


def alice_moves_to_dan(club: Club) -> None:
    club.alice.profile.coach = club.dan
    club.alice.profile.save(update_fields=["coach"])


@pytest.fixture
def dan_client(club: Club) -> Client:
    client = Client()
    client.force_login(club.dan)
    return client


def test_the_new_coach_reads_no_note_of_the_former_in_the_history(
    bob_client: Any, dan_client: Client, club: Club
) -> None:
    bob_writes_a_note_and_a_hip_level(bob_client, club)
    alice_moves_to_dan(club)
    response = dan_client.get(reverse("admin:coaching_athlete_history", args=[club.alice.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert NOTE[:30] not in html
    assert "Bob" not in html and "bob@example.com" not in html


def test_the_coach_still_reads_his_own_entries_in_the_history(bob_client: Any, club: Club) -> None:
    bob_writes_a_note_and_a_hip_level(bob_client, club)
    html = bob_client.get(
        reverse("admin:coaching_athlete_history", args=[club.alice.pk])
    ).content.decode()
    assert NOTE[:30] in html


def test_the_new_coach_is_not_told_who_set_the_hip_level_before(
    bob_client: Any, dan_client: Client, club: Club
) -> None:
    bob_writes_a_note_and_a_hip_level(bob_client, club)
    alice_moves_to_dan(club)
    html = dan_client.get(page_of(club.alice)).content.decode()
    changes = html.split("hip_level_changes", 1)[1]
    assert "Bob" not in changes and "bob@example.com" not in changes
    assert "another coach or an administrator" in changes


def test_the_coach_sees_his_own_name_on_his_hip_level_change(bob_client: Any, club: Club) -> None:
    bob_writes_a_note_and_a_hip_level(bob_client, club)
    html = bob_client.get(page_of(club.alice)).content.decode()
    assert "Bob" in html.split("hip_level_changes", 1)[1]


def test_the_former_coachs_recent_actions_forget_the_athlete(bob_client: Any, club: Club) -> None:
    bob_writes_a_note_and_a_hip_level(bob_client, club)
    before = bob_client.get(reverse("admin:index")).content.decode()
    assert "alice@example.com" in before  # the entry is there while Alice is his athlete
    alice_moves_to_dan(club)
    after = bob_client.get(reverse("admin:index")).content.decode()
    assert "alice@example.com" not in after and "Alice" not in after


def test_view_on_site_answers_staff_the_same_for_existing_and_missing_ids(
    bob_client: Any, club: Club
) -> None:
    log_run(club.erin, club.erin.date_joined, 5)
    session = Session.objects.get(athlete=club.erin)
    content_type = ContentType.objects.get_for_model(Session).pk
    existing = bob_client.get(reverse("admin:view_on_site", args=[content_type, session.pk]))
    missing = bob_client.get(reverse("admin:view_on_site", args=[content_type, 10**9]))
    assert existing.status_code == missing.status_code == 404
    assert existing.content == missing.content


def test_view_on_site_still_leads_a_superuser_to_the_page(admin_client: Any, club: Club) -> None:
    log_run(club.erin, club.erin.date_joined, 5)
    session = Session.objects.get(athlete=club.erin)
    content_type = ContentType.objects.get_for_model(Session).pk
    response = admin_client.get(reverse("admin:view_on_site", args=[content_type, session.pk]))
    assert response.status_code == 302
