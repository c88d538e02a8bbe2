"""An invitation link works only for the invited address: another signed-in person reads
a clear message, and accepting or declining from their account changes nothing."""

from __future__ import annotations

import re
from typing import Any

from django.urls import reverse

from coaching.models import Invitation
from tests.coaching.conftest import Club
from tests.factories import make_runner
from tests.outbox import deliver


def invite(bob_client: Any, email: str, mailoutbox: list[Any]) -> str:
    response = bob_client.post(reverse("admin:coaching_invitation_add"), {"email": email})
    assert response.status_code == 302
    deliver()  # the worker's part, after the request's commit
    match = re.search(r"http://[^/\s]+(/coaching/invitation/[^/\s]+/)", mailoutbox[-1].body)
    assert match
    return match.group(1)


def test_another_signed_in_runner_reads_that_the_link_is_for_another_address(
    bob_client: Any, club: Club, mailoutbox: list[Any], other_client: Any
) -> None:
    link = invite(bob_client, "frank@example.com", mailoutbox)
    other_client.force_login(club.erin)
    response = other_client.get(link)
    html = response.content.decode()
    assert response.status_code == 403
    assert "sent to another e-mail address" in html
    assert 'name="answer"' not in html
    assert "frank@example.com" not in html


def test_accepting_from_another_account_links_nobody(
    bob_client: Any, club: Club, mailoutbox: list[Any], other_client: Any
) -> None:
    link = invite(bob_client, "frank@example.com", mailoutbox)
    other_client.force_login(club.erin)
    response = other_client.post(link, {"answer": "accept"})
    assert response.status_code == 403
    club.erin.profile.refresh_from_db()
    assert club.erin.profile.coach == club.dan
    assert Invitation.objects.get().accepted_at is None


def test_declining_from_another_account_leaves_the_invitation_open(
    bob_client: Any, club: Club, mailoutbox: list[Any], other_client: Any
) -> None:
    link = invite(bob_client, "frank@example.com", mailoutbox)
    other_client.force_login(club.erin)
    other_client.post(link, {"answer": "decline"})
    invitation = Invitation.objects.get()
    assert invitation.accepted_at is None and invitation.declined_at is None
    frank = make_runner("frank@example.com", display_name="Frank")
    other_client.force_login(frank)
    other_client.post(link, {"answer": "accept"})
    frank.profile.refresh_from_db()
    assert frank.profile.coach == club.bob


def test_the_invited_address_in_other_capitals_still_works(
    bob_client: Any, club: Club, mailoutbox: list[Any], other_client: Any
) -> None:
    link = invite(bob_client, "Frank@Example.com", mailoutbox)
    frank = make_runner("frank@example.com", display_name="Frank")
    other_client.force_login(frank)
    assert other_client.post(link, {"answer": "accept"}).status_code == 302
    frank.profile.refresh_from_db()
    assert frank.profile.coach == club.bob


def test_a_link_opened_before_signing_up_under_another_address_is_not_offered(
    bob_client: Any, club: Club, mailoutbox: list[Any], other_client: Any
) -> None:
    link = invite(bob_client, "newbie@example.com", mailoutbox)
    other_client.get(link)
    other_client.force_login(make_runner("someone-else@example.com"))
    dashboard = other_client.get(reverse("logbook:dashboard")).content.decode()
    assert 'id="pending-invitation"' not in dashboard
