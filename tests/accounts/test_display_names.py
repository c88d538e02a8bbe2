"""Display names refuse control characters everywhere, and stored ones are cleaned."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts import services
from accounts.forms import SignupForm
from accounts.models import AthleteProfile

EVIL = "Evil\r\nBcc: x@example.com"


def test_signup_form_refuses_a_name_with_a_line_break():
    form = SignupForm(data={"display_name": EVIL})
    assert not form.is_valid()
    assert "cannot contain line breaks" in str(form.errors["display_name"])


@pytest.mark.django_db
def test_settings_page_refuses_a_name_with_a_line_break_and_saves_nothing(runner_client, runner):
    response = runner_client.post(
        reverse("accounts:settings"),
        {"display_name": EVIL, "time_zone": "Europe/Paris", "language": "en"},
    )
    assert response.status_code == 200
    assert "cannot contain line breaks" in response.content.decode()
    runner.profile.refresh_from_db()
    assert (runner.profile.display_name, runner.profile.time_zone) == ("Alice", "Europe/Amsterdam")


@pytest.mark.django_db
@pytest.mark.parametrize("name", [EVIL, "Tab\tName", "Line\u2028Separator", "Nul\x00"])
def test_service_refuses_control_characters(runner, name):
    with pytest.raises(ValidationError):
        services.profile_update(
            profile=runner.profile,
            display_name=name,
            time_zone="Europe/Amsterdam",
            language="en",
            health_consent=True,
        )


@pytest.mark.django_db
def test_name_with_accents_and_emoji_is_fine(runner):
    services.profile_update(
        profile=runner.profile,
        display_name="Zoë 🏃",
        time_zone="Europe/Amsterdam",
        language="en",
        health_consent=True,
    )
    assert AthleteProfile.objects.get(user=runner).display_name == "Zoë 🏃"


@pytest.mark.django_db
def test_migration_cleans_names_already_stored(runner, other_runner):
    AthleteProfile.objects.filter(user=runner).update(display_name=EVIL)
    migration = import_module("accounts.migrations.0003_display_name_without_control_characters")
    migration.clean_stored_names(apps, None)
    assert AthleteProfile.objects.get(user=runner).display_name == "Evil Bcc: x@example.com"
    assert AthleteProfile.objects.get(user=other_runner).display_name == "Bob"
