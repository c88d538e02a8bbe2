"""RFC 8058 one-click unsubscribe, its confirm page, and the e-mail choices page."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from notifications import services
from tests.notifications.test_reminders import a_runner


@pytest.fixture
def runner(runner: Any) -> Any:
    """Someone who runs: the weekly reminder is on for them until they turn it off."""
    return a_runner(runner)


@pytest.fixture
def other_runner(other_runner: Any) -> Any:
    return a_runner(other_runner)


def link(user: Any, kind: str = services.REMINDER) -> str:
    return reverse(
        "notifications:unsubscribe", args=[services.unsubscribe_token(user=user, kind=kind)]
    )


@pytest.mark.django_db
def test_one_click_post_without_cookies_or_csrf_token_unsubscribes(runner):
    client = Client(enforce_csrf_checks=True)  # a fresh client: no cookies at all
    response = client.post(link(runner), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert 'id="unsubscribed"' in response.content.decode()
    assert services.preferences_of(user=runner)[services.REMINDER] is False
    assert services.preferences_of(user=runner)[services.ALARM] is True


@pytest.mark.django_db
def test_get_shows_a_confirm_page_with_one_button_and_changes_nothing(runner):
    response = Client().get(link(runner))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<button") - html.count('class="navbar-toggler') >= 1
    assert 'id="unsubscribe-form"' in html and 'method="post"' in html
    assert "Weekly progression e-mail" in html
    assert services.preferences_of(user=runner)[services.REMINDER] is True


@pytest.mark.django_db
def test_tampered_link_shows_an_error_and_changes_nothing(runner, other_runner):
    token = services.unsubscribe_token(user=runner, kind=services.REMINDER)
    forged = token.replace(
        token.split(":")[0],
        services.unsubscribe_token(user=other_runner, kind=services.REMINDER).split(":")[0],
    )
    for bad in (forged, token[:-3] + "abc", "nonsense"):
        response = Client().post(reverse("notifications:unsubscribe", args=[bad]))
        assert response.status_code == 400
        assert 'id="unsubscribe-invalid"' in response.content.decode()
    assert services.preferences_of(user=runner)[services.REMINDER] is True
    assert services.preferences_of(user=other_runner)[services.REMINDER] is True


@pytest.mark.django_db
def test_link_for_one_kind_cannot_unsubscribe_another(runner):
    Client().post(link(runner, services.ALARM))
    prefs = services.preferences_of(user=runner)
    assert (prefs[services.ALARM], prefs[services.REMINDER]) == (False, True)


@pytest.mark.django_db
def test_preferences_page_turns_each_kind_on_and_off(runner_client, runner):
    page = runner_client.get(reverse("notifications:preferences"))
    html = page.content.decode()
    assert 'name="weekly_reminder"' in html and 'name="alarm"' in html
    assert 'name="coach_digest"' not in html  # coaches only
    runner_client.post(reverse("notifications:preferences"), {"alarm": "on"})
    prefs = services.preferences_of(user=runner)
    assert (prefs[services.ALARM], prefs[services.REMINDER]) == (True, False)


@pytest.mark.django_db
def test_coach_sees_the_digest_switch(client, coach):
    client.force_login(coach)
    assert (
        'name="coach_digest"' in client.get(reverse("notifications:preferences")).content.decode()
    )


@pytest.mark.django_db
def test_settings_page_links_the_email_choices(runner_client):
    html = runner_client.get(reverse("accounts:settings")).content.decode()
    assert reverse("notifications:preferences") in html


@pytest.mark.django_db
def test_unticking_the_weekly_email_in_settings_turns_the_reminder_off(runner_client, runner):
    runner_client.post(
        reverse("accounts:settings"),
        {"display_name": "Alice", "time_zone": "Europe/Amsterdam", "language": "en"},
    )
    assert services.preferences_of(user=runner)[services.REMINDER] is False


@pytest.mark.django_db
def test_preferences_page_needs_a_login(client):
    response = client.get(reverse("notifications:preferences"))
    assert response.status_code == 302
