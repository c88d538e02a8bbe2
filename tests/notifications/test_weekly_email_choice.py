"""The weekly e-mail's choice has one home (EmailPreference): the runner's settings, the
preferences page, the user admin and the sender all read and write that one place."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse

from accounts.models import User
from logbook import services as logbook_services
from notifications import services
from notifications.models import EmailPreference
from tests.factories import make_runner

AMS = ZoneInfo("Europe/Amsterdam")
# Monday 23 November 2026, 08:00 in Amsterdam: the weekly reminder is due.
MONDAY_0800_AMS = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)


def runner_who_runs(email: str = "alice@example.com") -> User:
    user = make_runner(email, display_name="Alice")
    User.objects.filter(pk=user.pk).update(date_joined=datetime(2026, 1, 1, tzinfo=UTC))
    logbook_services.session_log(
        athlete=user,
        start=datetime(2026, 11, 18, 18, 0, tzinfo=AMS),
        kind="run",
        duration_s=3600,
        distance_m=10000,
        rpe=5,
    )
    return user


def reminders_sent(now: datetime = MONDAY_0800_AMS) -> list[Any]:
    services.outbox_queue_due(now=now)
    services.outbox_send(ids=services.outbox_take_due(now=now), now=now)
    return [m for m in mail.outbox if "next steps" in m.subject]


def submitted(html: str, field: str) -> dict[str, Any]:
    """What a browser sends back for the page's form that holds `field`: enabled inputs
    with a value, ticked boxes, selected options and text areas (a multiple select as a
    list)."""
    forms = [part.split("</form>")[0] for part in html.split("<form")[1:]]
    form = next(f for f in forms if f'name="{field}"' in f)
    data: dict[str, Any] = {}
    for tag in re.findall(r"<input[^>]*>", form):
        name = re.search(r'name="([^"]+)"', tag)
        if name is None or " disabled" in tag:
            continue
        kind = (re.search(r'type="([^"]+)"', tag) or re.search("()", "")).group(1)
        value = re.search(r'value="([^"]*)"', tag)
        if kind in ("checkbox", "radio"):
            if " checked" in tag:
                data[name.group(1)] = value.group(1) if value else "on"
        elif kind not in ("submit", "button", "file"):
            data[name.group(1)] = value.group(1) if value else ""
    for tag, body in re.findall(r"(<select[^>]*>)(.*?)</select>", form, re.S):
        name = re.search(r'name="([^"]+)"', tag)
        if name is None or " disabled" in tag:
            continue
        chosen = re.findall(r'<option value="([^"]*)"[^>]*selected', body)
        if " multiple" in tag:
            data[name.group(1)] = chosen
        elif chosen:
            data[name.group(1)] = chosen[0]
    for name, body in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S):
        data[name] = body.strip()
    return data


@pytest.mark.django_db
def test_superuser_switching_the_weekly_email_off_in_the_admin_stops_it() -> None:
    alice = runner_who_runs()
    admin = User.objects.create_superuser(email="root@example.com", password="x" * 20)
    client = Client()
    client.force_login(admin)
    page = reverse("admin:accounts_user_change", args=[alice.pk])
    html = client.get(page).content.decode()
    data = submitted(html, "email")
    # One switch per kind; the weekly e-mail is on for a runner who logs sessions.
    weekly = next(
        key.removesuffix("-kind")
        for key, value in re.findall(
            r'name="(email_preferences-\d+-kind)"[^>]*>(.*?)</select>', html, re.S
        )
        if 'value="weekly_reminder" selected' in value
    )
    assert data[f"{weekly}-enabled"] == "on"
    del data[f"{weekly}-enabled"]

    response = client.post(page, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert EmailPreference.objects.get(user=alice, kind=services.REMINDER).enabled is False
    assert reminders_sent() == []


@pytest.mark.django_db
def test_runner_settings_read_and_write_the_same_choice(client: Client) -> None:
    alice = runner_who_runs()
    client.force_login(alice)
    settings_page = reverse("accounts:settings")
    html = client.get(settings_page).content.decode()
    assert re.search(r'<input[^>]*name="weekly_reminder"[^>]*checked', html)
    data = submitted(html, "weekly_reminder")
    del data["weekly_reminder"]
    assert client.post(settings_page, data).status_code == 302
    assert services.preferences_of(user=alice)[services.REMINDER] is False
    assert reminders_sent() == []
    # Turned on again on the preferences page: the settings page shows it on.
    services.preference_set(user=alice, kind=services.REMINDER, enabled=True)
    html = client.get(settings_page).content.decode()
    assert re.search(r'<input[^>]*name="weekly_reminder"[^>]*checked', html)


@pytest.mark.django_db(transaction=True)
def test_migration_carries_a_profile_switched_off_over_to_the_preferences() -> None:
    before = [
        ("accounts", "0005_display_name_without_encoded_words"),
        ("notifications", "0003_outbox_first_attempt"),
    ]
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(before)
    try:
        old = executor.loader.project_state(before).apps
        Profile, OldUser = (
            old.get_model("accounts", "AthleteProfile"),
            old.get_model("accounts", "User"),
        )
        off = OldUser.objects.create(email="off@example.com")
        on = OldUser.objects.create(email="on@example.com")
        Profile.objects.create(user=off, weekly_reminder=False)
        Profile.objects.create(user=on, weekly_reminder=True)
        executor = MigrationExecutor(connection)
        executor.migrate(latest)
        stored = dict(
            EmailPreference.objects.filter(kind=services.REMINDER).values_list("user_id", "enabled")
        )
        assert stored == {off.pk: False}
    finally:
        MigrationExecutor(connection).migrate(latest)
