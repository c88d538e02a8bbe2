"""Linking a runner to a coach: a signed invitation link valid 14 days, accepted or
declined by the runner, ended by the runner on the settings page."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from coaching import services
from coaching.models import Invitation
from tests.coaching.conftest import Club
from tests.factories import make_runner
from tests.outbox import deliver


def invite(bob_client: Any, email: str, mailoutbox: list[Any]) -> str:
    """Bob invites `email` in the admin; the path of the link in the e-mail."""
    response = bob_client.post(reverse("admin:coaching_invitation_add"), {"email": email})
    assert response.status_code == 302
    deliver()  # the worker's part, after the request's commit
    match = re.search(r"http://[^/\s]+(/coaching/invitation/[^/\s]+/)", mailoutbox[-1].body)
    assert match, mailoutbox[-1].body
    return match.group(1)


def test_the_invitation_email_carries_a_signed_link_and_names_the_coach(
    bob_client: Any, club: Club, mailoutbox: list[Any]
) -> None:
    invite(bob_client, "frank@example.com", mailoutbox)
    message = mailoutbox[-1]
    assert message.to == ["frank@example.com"]
    assert "Bob" in message.subject
    assert Invitation.objects.get().coach == club.bob


def test_the_invitation_page_says_what_the_coach_will_see(
    bob_client: Any, club: Club, mailoutbox: list[Any], other_client: Any
) -> None:
    link = invite(bob_client, "frank@example.com", mailoutbox)
    other_client.force_login(make_runner("frank@example.com", display_name="Frank"))
    html = other_client.get(link).content.decode()
    assert 'id="what-coach-sees"' in html
    assert "pain scores" in html
    assert "never sees your password" in html


def test_accepting_links_the_runner_and_the_coach_sees_him(
    bob_client: Any, club: Club, mailoutbox: list[Any], other_client: Any
) -> None:
    link = invite(bob_client, "frank@example.com", mailoutbox)
    frank = make_runner("frank@example.com", display_name="Frank")
    other_client.force_login(frank)
    other_client.post(link, {"answer": "accept"})
    frank.profile.refresh_from_db()
    assert frank.profile.coach == club.bob
    listed = bob_client.get(reverse("admin:coaching_athlete_changelist"))
    assert "Frank" in listed.content.decode()


def test_declining_links_nothing(
    bob_client: Any, club: Club, mailoutbox: list[Any], other_client: Any
) -> None:
    link = invite(bob_client, "frank@example.com", mailoutbox)
    frank = make_runner("frank@example.com")
    other_client.force_login(frank)
    other_client.post(link, {"answer": "decline"})
    frank.profile.refresh_from_db()
    assert frank.profile.coach is None
    assert Invitation.objects.get().declined_at is not None


def test_a_used_link_cannot_be_used_again(
    bob_client: Any, club: Club, mailoutbox: list[Any], other_client: Any
) -> None:
    link = invite(bob_client, "frank@example.com", mailoutbox)
    other_client.force_login(make_runner("frank@example.com"))
    other_client.post(link, {"answer": "decline"})
    other_client.force_login(club.erin)
    assert other_client.post(link, {"answer": "accept"}).status_code == 410
    club.erin.profile.refresh_from_db()
    assert club.erin.profile.coach == club.dan


def test_the_link_expires_after_14_days(
    bob_client: Any, club: Club, mailoutbox: list[Any], other_client: Any
) -> None:
    link = invite(bob_client, "frank@example.com", mailoutbox)
    frank = make_runner("frank@example.com")
    other_client.force_login(frank)
    with time_machine.travel(timezone.now() + timedelta(days=14, minutes=1)):
        response = other_client.post(link, {"answer": "accept"})
    assert response.status_code == 410
    frank.profile.refresh_from_db()
    assert frank.profile.coach is None


def test_the_link_still_works_on_day_13(
    bob_client: Any, club: Club, mailoutbox: list[Any], other_client: Any
) -> None:
    link = invite(bob_client, "frank@example.com", mailoutbox)
    frank = make_runner("frank@example.com")
    other_client.force_login(frank)
    with time_machine.travel(timezone.now() + timedelta(days=13)):
        other_client.post(link, {"answer": "accept"})
    frank.profile.refresh_from_db()
    assert frank.profile.coach == club.bob


def test_a_tampered_link_is_refused(
    bob_client: Any, club: Club, mailoutbox: list[Any], other_client: Any
) -> None:
    link = invite(bob_client, "frank@example.com", mailoutbox)
    other_client.force_login(club.alice)
    assert other_client.get(link[:-3] + "xx/").status_code == 410


def test_without_an_account_the_page_offers_sign_up_and_remembers_the_invitation(
    bob_client: Any, club: Club, mailoutbox: list[Any], other_client: Any
) -> None:
    link = invite(bob_client, "newbie@example.com", mailoutbox)
    html = other_client.get(link).content.decode()
    assert reverse("account_signup") + "?next=" in html
    assert 'id="what-coach-sees"' in html
    # The new account (signed up under the invited address) finds the invitation again.
    newbie = make_runner("newbie@example.com")
    other_client.force_login(newbie)
    dashboard = other_client.get(reverse("logbook:dashboard")).content.decode()
    assert 'id="pending-invitation"' in dashboard
    answer = re.search(r'href="(/coaching/invitation/[^"]+/)"', dashboard)
    assert answer
    other_client.post(answer.group(1), {"answer": "accept"})
    newbie.profile.refresh_from_db()
    assert newbie.profile.coach == club.bob


def test_the_settings_page_shows_an_invitation_to_the_runners_address(
    bob_client: Any, club: Club, mailoutbox: list[Any], other_client: Any
) -> None:
    invite(bob_client, "Frank@Example.com", mailoutbox)
    other_client.force_login(make_runner("frank@example.com"))
    html = other_client.get(reverse("accounts:settings")).content.decode()
    assert "Bob invites you to be coached." in html


def test_a_coach_cannot_accept_his_own_invitation(
    bob_client: Any, club: Club, mailoutbox: list[Any]
) -> None:
    link = invite(bob_client, "bob@example.com", mailoutbox)
    bob_client.post(link, {"answer": "accept"})
    club.bob.profile.refresh_from_db()
    assert club.bob.profile.coach is None


def test_ending_the_link_removes_the_coachs_access_at_once(
    bob_client: Any, club: Club, other_client: Any
) -> None:
    page = reverse("admin:coaching_athlete_change", args=[club.alice.pk])
    assert bob_client.get(page).status_code == 200
    other_client.force_login(club.alice)
    settings_page = other_client.get(reverse("accounts:settings")).content.decode()
    assert 'id="end-coaching"' in settings_page
    other_client.post(reverse("coaching:end"))
    club.alice.profile.refresh_from_db()
    assert club.alice.profile.coach is None
    response = bob_client.get(page, follow=True)
    assert "Alice" not in response.content.decode()


def test_ending_the_link_needs_a_post(other_client: Any, club: Club) -> None:
    other_client.force_login(club.alice)
    assert other_client.get(reverse("coaching:end")).status_code == 405
    club.alice.profile.refresh_from_db()
    assert club.alice.profile.coach == club.bob


def test_dan_does_not_see_bobs_invitations(
    bob_client: Any, club: Club, mailoutbox: list[Any], other_client: Any
) -> None:
    invite(bob_client, "frank@example.com", mailoutbox)
    other_client.force_login(club.dan)
    html = other_client.get(reverse("admin:coaching_invitation_changelist")).content.decode()
    assert "frank@example.com" not in html
    invitation = Invitation.objects.get()
    response = other_client.get(
        reverse("admin:coaching_invitation_change", args=[invitation.pk]), follow=True
    )
    assert "frank@example.com" not in response.content.decode()


def test_a_bad_address_is_refused_on_the_form(
    bob_client: Any, club: Club, mailoutbox: list[Any]
) -> None:
    response = bob_client.post(
        reverse("admin:coaching_invitation_add"), {"email": "not an address"}
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["email"]
    assert not Invitation.objects.exists()
    assert mailoutbox == []


@pytest.mark.parametrize("token", ["", "abc", "1:xyz:abc"])
def test_garbage_tokens_are_refused(token: str, db: None) -> None:
    with pytest.raises(services.InvitationError):
        services.invitation_from_token(token or "x", now=timezone.now())


def test_bob_withdraws_an_invitation_not_yet_answered(
    bob_client: Any, club: Club, mailoutbox: list[Any]
) -> None:
    invite(bob_client, "frank@example.com", mailoutbox)
    invitation = Invitation.objects.get()
    url = reverse("admin:coaching_invitation_delete", args=[invitation.pk])
    assert bob_client.post(url, {"post": "yes"}).status_code == 302
    assert not Invitation.objects.exists()


def test_an_answered_invitation_stays_on_record(
    bob_client: Any, club: Club, mailoutbox: list[Any], other_client: Any
) -> None:
    link = invite(bob_client, "frank@example.com", mailoutbox)
    other_client.force_login(make_runner("frank@example.com"))
    other_client.post(link, {"answer": "accept"})
    invitation = Invitation.objects.get()
    url = reverse("admin:coaching_invitation_delete", args=[invitation.pk])
    assert bob_client.post(url, {"post": "yes"}).status_code == 403
    assert Invitation.objects.filter(pk=invitation.pk).exists()


def test_dan_cannot_withdraw_bobs_invitation(
    bob_client: Any, club: Club, mailoutbox: list[Any], other_client: Any
) -> None:
    invite(bob_client, "frank@example.com", mailoutbox)
    invitation = Invitation.objects.get()
    other_client.force_login(club.dan)
    other_client.post(
        reverse("admin:coaching_invitation_delete", args=[invitation.pk]), {"post": "yes"}
    )
    assert Invitation.objects.filter(pk=invitation.pk).exists()
