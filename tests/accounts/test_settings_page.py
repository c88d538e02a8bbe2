import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import HealthConsentEvent
from notifications.services import REMINDER, preferences_of

pytestmark = pytest.mark.django_db


def settings_data(**overrides):
    data = {
        "display_name": "Alice R.",
        "time_zone": "Europe/London",
        "language": "nl",
        "weekly_reminder": "",
        "health_consent": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v != ""}


def test_settings_change_own_fields(runner_client, runner):
    response = runner_client.post(reverse("accounts:settings"), settings_data())
    assert response.status_code == 302
    runner.profile.refresh_from_db()
    assert runner.profile.display_name == "Alice R."
    assert runner.profile.time_zone == "Europe/London"
    assert runner.profile.language == "nl"
    # The weekly e-mail's choice is kept where the sender reads it.
    assert preferences_of(user=runner)[REMINDER] is False


def test_settings_page_shows_coach_read_only(runner_client, runner, coach):
    runner.profile.coach = coach
    runner.profile.save()
    html = runner_client.get(reverse("accounts:settings")).content.decode()
    assert "Carol" in html
    assert 'name="coach"' not in html


def test_settings_ignores_a_posted_coach(runner_client, runner, coach):
    runner_client.post(reverse("accounts:settings"), {**settings_data(), "coach": coach.pk})
    runner.profile.refresh_from_db()
    assert runner.profile.coach is None


def test_withdrawing_consent_records_event(runner_client, runner):
    runner_client.post(reverse("accounts:settings"), settings_data(health_consent=""))
    runner.profile.refresh_from_db()
    assert runner.profile.health_consent_at is None
    assert HealthConsentEvent.objects.get(user=runner).given is False


def test_bad_time_zone_is_refused_with_message(runner_client, runner):
    response = runner_client.post(
        reverse("accounts:settings"), settings_data(time_zone="Mars/Olympus")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["time_zone"]
    runner.profile.refresh_from_db()
    assert runner.profile.time_zone == "Europe/Amsterdam"


def test_settings_needs_login(client):
    response = client.get(reverse("accounts:settings"))
    assert response.status_code == 302
    assert reverse("account_login") in response.url


def test_language_switch_anonymous_sets_cookie(client):
    response = client.post(reverse("accounts:language"), {"language": "nl", "next": "/"})
    assert response.status_code == 302
    html = client.get(reverse("account_login")).content.decode()
    assert 'lang="nl"' in html
    assert "Aanmelden" in html


def test_language_switch_saves_profile_preference(runner_client, runner):
    runner_client.post(reverse("accounts:language"), {"language": "nl", "next": "/"})
    runner.profile.refresh_from_db()
    assert runner.profile.language == "nl"
    runner_client.cookies.clear()
    runner_client.force_login(runner)
    html = runner_client.get(reverse("accounts:settings")).content.decode()
    assert 'lang="nl"' in html
    translation.activate("en")


def test_language_switch_is_post_only(client):
    assert client.get(reverse("accounts:language")).status_code == 405


def test_browser_language_decides_until_chosen(client):
    html = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="nl-NL,nl;q=0.9").content.decode()
    assert 'lang="nl"' in html
    html = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").content.decode()
    assert 'lang="en"' in html
