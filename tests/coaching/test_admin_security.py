"""What a coach cannot do in the admin, whatever he types or posts."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.models import HealthConsentEvent, User
from coaching.models import CoachNote
from tests.coaching.conftest import Club
from tests.factories import PASSWORD, make_runner
from tests.outbox import deliver


def user_admin_urls(user: User) -> list[str]:
    return [
        reverse("admin:accounts_user_changelist"),
        reverse("admin:accounts_user_add"),
        reverse("admin:accounts_user_change", args=[user.pk]),
        reverse("admin:auth_user_password_change", args=[user.pk]),
        reverse("admin:accounts_user_history", args=[user.pk]),
        reverse("admin:accounts_user_delete", args=[user.pk]),
        reverse("admin:accounts_healthconsentevent_changelist"),
        reverse("admin:auth_group_changelist"),
        reverse("admin:auth_group_add"),
    ]


def test_the_user_consent_and_group_pages_are_closed_to_a_coach(
    bob_client: Any, club: Club
) -> None:
    for url in user_admin_urls(club.bob) + user_admin_urls(club.alice):
        assert bob_client.get(url).status_code in (403, 404), url


def test_the_admin_index_offers_a_coach_only_the_coaching_pages(bob_client: Any) -> None:
    html = bob_client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:coaching_athlete_changelist") in html
    assert reverse("admin:accounts_user_changelist") not in html
    assert reverse("admin:auth_group_changelist") not in html
    assert reverse("admin:accounts_healthconsentevent_changelist") not in html


def test_bob_cannot_make_himself_superuser_through_his_own_page(
    bob_client: Any, club: Club
) -> None:
    data = {"email": club.bob.email, "is_superuser": "on", "is_staff": "on", "is_active": "on"}
    bob_client.post(reverse("admin:accounts_user_change", args=[club.bob.pk]), data)
    bob_client.post(reverse("admin:coaching_athlete_change", args=[club.bob.pk]), data)
    club.bob.refresh_from_db()
    assert not club.bob.is_superuser


def test_bob_cannot_make_himself_superuser_through_an_athlete_page(
    bob_client: Any, club: Club
) -> None:
    url = reverse("admin:coaching_athlete_change", args=[club.alice.pk])
    bob_client.post(url, {"hip_level": "1", "is_superuser": "on", "groups": "1"})
    club.alice.refresh_from_db()
    club.bob.refresh_from_db()
    assert not club.alice.is_superuser and not club.alice.is_staff
    assert not club.bob.is_superuser


def test_bob_cannot_reassign_alice_to_dan(bob_client: Any, club: Club) -> None:
    bob_client.post(
        reverse("admin:coaching_athlete_change", args=[club.alice.pk]),
        {"hip_level": "1", "coach": str(club.dan.pk), "profile-0-coach": str(club.dan.pk)},
    )
    bob_client.post(
        reverse("admin:accounts_user_change", args=[club.alice.pk]),
        {"profile-0-coach": str(club.dan.pk), "email": club.alice.email},
    )
    club.alice.profile.refresh_from_db()
    assert club.alice.profile.coach == club.bob


def test_bob_cannot_take_erin_from_dan(bob_client: Any, club: Club) -> None:
    bob_client.post(
        reverse("admin:accounts_user_change", args=[club.erin.pk]),
        {"profile-0-coach": str(club.bob.pk), "email": club.erin.email},
    )
    club.erin.profile.refresh_from_db()
    assert club.erin.profile.coach == club.dan


def test_bob_cannot_set_erins_hip_level(bob_client: Any, club: Club) -> None:
    response = bob_client.post(
        reverse("admin:coaching_athlete_change", args=[club.erin.pk]), {"hip_level": "3"}
    )
    assert response.status_code in (302, 404)
    club.erin.profile.refresh_from_db()
    assert club.erin.profile.hip_level == 1


def test_bob_cannot_change_anyones_password(bob_client: Any, club: Club) -> None:
    for user in (club.alice, club.erin, club.dan):
        bob_client.post(
            reverse("admin:auth_user_password_change", args=[user.pk]),
            {"password1": "a new pass phrase 42", "password2": "a new pass phrase 42"},
        )
        user.refresh_from_db()
        assert user.check_password(PASSWORD), user.email


def test_the_athlete_page_offers_no_account_fields(bob_client: Any, club: Club) -> None:
    html = bob_client.get(
        reverse("admin:coaching_athlete_change", args=[club.alice.pk])
    ).content.decode()
    for name in ("is_superuser", "is_staff", "groups", "user_permissions", "password", "coach"):
        assert f'name="{name}"' not in html, name
    assert 'name="hip_level"' in html


def test_bob_cannot_delete_or_add_athletes(bob_client: Any, club: Club) -> None:
    assert bob_client.get(reverse("admin:coaching_athlete_add")).status_code == 403
    url = reverse("admin:coaching_athlete_delete", args=[club.alice.pk])
    assert bob_client.post(url, {"post": "yes"}).status_code == 403
    assert User.objects.filter(pk=club.alice.pk).exists()


def test_a_runner_who_is_not_staff_gets_no_admin(client: Any, club: Club) -> None:
    client.force_login(club.alice)
    response = client.get(reverse("admin:coaching_athlete_changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_a_staff_member_outside_the_coaches_group_sees_no_athletes(client: Any, club: Club) -> None:
    club.bob.groups.remove(Group.objects.get(name="Coaches"))
    client.force_login(club.bob)
    assert client.get(reverse("admin:coaching_athlete_changelist")).status_code == 403


def test_a_superuser_sees_every_athlete(admin_client: Any, club: Club) -> None:
    html = admin_client.get(reverse("admin:coaching_athlete_changelist")).content.decode()
    for name in ("Alice", "Carol", "Erin"):
        assert name in html


def test_a_superuser_assigns_a_coach_in_the_user_admin(admin_client: Any, club: Club) -> None:
    runner = make_runner("frank@example.com", display_name="Frank")
    page = admin_client.get(reverse("admin:accounts_user_change", args=[runner.pk]))
    form = page.context["adminform"].form
    data = {key: value for key, value in form.initial.items() if value is not None}
    data.update(
        {
            "email": runner.email,
            "date_joined_0": runner.date_joined.strftime("%Y-%m-%d"),
            "date_joined_1": runner.date_joined.strftime("%H:%M:%S"),
            "is_active": "on",
            "profile-TOTAL_FORMS": "1",
            "profile-INITIAL_FORMS": "1",
            "profile-0-id": str(runner.profile.pk),
            "profile-0-user": str(runner.pk),
            "profile-0-display_name": "Frank",
            "profile-0-time_zone": "Europe/Amsterdam",
            "profile-0-language": "",
            "email_preferences-TOTAL_FORMS": "0",
            "email_preferences-INITIAL_FORMS": "0",
            "profile-0-hip_level": "1",
            "profile-0-coach": str(club.dan.pk),
        }
    )
    data.pop("groups", None)
    data.pop("user_permissions", None)
    data.pop("password", None)
    response = admin_client.post(reverse("admin:accounts_user_change", args=[runner.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    runner.profile.refresh_from_db()
    assert runner.profile.coach == club.dan


# Consent events: an audit trail ------------------------------------------------------


def test_consent_events_cannot_be_added_in_the_admin_even_by_a_superuser(
    admin_client: Any, club: Club
) -> None:
    url = reverse("admin:accounts_healthconsentevent_add")
    assert admin_client.get(url).status_code == 403
    response = admin_client.post(url, {"user": club.alice.pk, "given": "on", "at_0": "2026-01-01"})
    assert response.status_code == 403
    assert not HealthConsentEvent.objects.exists()


def test_consent_events_are_read_only_for_a_superuser(admin_client: Any, club: Club) -> None:
    event = HealthConsentEvent.objects.create(
        user=club.alice, given=True, at=club.alice.date_joined
    )
    change = admin_client.get(reverse("admin:accounts_healthconsentevent_change", args=[event.pk]))
    assert change.status_code == 200
    assert 'name="given"' not in change.content.decode()
    delete = admin_client.post(
        reverse("admin:accounts_healthconsentevent_delete", args=[event.pk]), {"post": "yes"}
    )
    assert delete.status_code == 403
    assert HealthConsentEvent.objects.filter(pk=event.pk).exists()


def test_a_note_posted_for_erin_through_alices_page_is_not_saved_for_erin(
    bob_client: Any, club: Club
) -> None:
    url = reverse("admin:coaching_athlete_change", args=[club.erin.pk])
    bob_client.post(url, {"hip_level": "1", "coach_notes-0-text": "hello Erin"})
    assert not CoachNote.objects.filter(athlete=club.erin).exists()


@pytest.mark.parametrize("name", ["Alice", "Carol"])
def test_bob_sees_his_own_athletes(bob_client: Any, club: Club, name: str) -> None:
    html = bob_client.get(reverse("admin:coaching_athlete_changelist")).content.decode()
    assert name in html


def test_the_athlete_page_offers_no_drop_down_but_the_hip_level(
    bob_client: Any, club: Club
) -> None:
    html = bob_client.get(
        reverse("admin:coaching_athlete_change", args=[club.alice.pk])
    ).content.decode()
    assert re.findall(r'<select name="([^"]+)"', html) == ["hip_level"]


def test_the_invitation_form_asks_only_for_the_address(bob_client: Any, club: Club) -> None:
    html = bob_client.get(reverse("admin:coaching_invitation_add")).content.decode()
    assert "<select" not in html
    assert 'name="email"' in html


def test_a_line_break_in_a_coachs_name_stays_out_of_the_subject(
    bob_client: Any, club: Club, mailoutbox: list[Any]
) -> None:
    club.bob.profile.display_name = "Bob\nBcc: someone@example.org"
    club.bob.profile.save()
    bob_client.post(reverse("admin:coaching_invitation_add"), {"email": "frank@example.com"})
    deliver()
    (message,) = mailoutbox
    assert "\n" not in message.subject
    assert message.bcc == []
