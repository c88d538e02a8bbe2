"""The time-zone picker lists current names only, grouped by continent; sign-up takes the
zone the browser reports, checked on the server."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from accounts.models import User
from accounts.time_zones import canonical_time_zones, grouped_choices

pytestmark = pytest.mark.django_db

SIGNUP = {
    "email": "dana@example.com",
    "password1": "a long and fine passphrase 42",
    "password2": "a long and fine passphrase 42",
    "display_name": "Dana",
}


def test_picker_leaves_out_obsolete_aliases() -> None:
    names = canonical_time_zones()
    assert {"Europe/Amsterdam", "Europe/Kyiv", "America/New_York", "UTC"} <= names
    assert not {"US/Eastern", "Europe/Kiev", "Asia/Calcutta", "GB", "Etc/GMT+5"} & names


def test_picker_is_far_shorter_than_every_name() -> None:
    assert len(canonical_time_zones()) < 450


def test_picker_groups_by_continent() -> None:
    europe = dict(grouped_choices())["Europe"]
    assert ("Europe/Amsterdam", "Amsterdam") in europe


def test_settings_page_shows_groups(runner_client: Any) -> None:
    html = runner_client.get(reverse("accounts:settings")).content.decode()
    assert '<optgroup label="Europe">' in html
    assert 'value="US/Eastern"' not in html


def test_settings_page_keeps_a_stored_alias(runner: Any, runner_client: Any) -> None:
    runner.profile.time_zone = "Europe/Kiev"
    runner.profile.save()
    html = runner_client.get(reverse("accounts:settings")).content.decode()
    assert re.search(r'value="Europe/Kiev"[^>]*selected', html)


def test_signup_takes_the_browsers_time_zone(client: Any) -> None:
    client.post(reverse("account_signup"), {**SIGNUP, "time_zone": "America/New_York"})
    assert User.objects.get(email=SIGNUP["email"]).profile.time_zone == "America/New_York"


def test_signup_with_an_unknown_zone_uses_the_default(client: Any, settings: Any) -> None:
    client.post(reverse("account_signup"), {**SIGNUP, "time_zone": "Mars/Olympus_Mons"})
    assert User.objects.get(email=SIGNUP["email"]).profile.time_zone == settings.TIME_ZONE


def test_signup_page_asks_the_browser(client: Any) -> None:
    html = client.get(reverse("account_signup")).content.decode()
    assert 'name="time_zone"' in html and "data-browser-time-zone" in html
    assert "js/time-zone.js" in html
