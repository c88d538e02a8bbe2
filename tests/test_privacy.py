"""Personal data stays where it belongs: no cached copies, no formulas in exports, nothing
left of a deleted account, and the database URL read as written."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session as WebSession
from django.test import Client
from django.urls import reverse

from accounts.deletion import account_delete
from accounts.models import User
from logbook import services
from logbook.export import neutralise_formula
from runningcoach.settings import database_from_url
from tests.factories import PASSWORD


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        reverse("logbook:dashboard"),
        reverse("logbook:session_list"),
        reverse("logbook:export_json"),
        reverse("logbook:export_csv", args=["sessions"]),
        reverse("logbook:week"),
    ],
)
def test_signed_in_pages_exports_and_json_are_private_and_not_stored(runner_client, url):
    response = runner_client.get(url)
    assert response.status_code == 200
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives


@pytest.mark.django_db
def test_import_progress_json_is_private_and_not_stored(runner_client, runner):
    from logbook.models import ImportJob

    job = ImportJob.objects.create(athlete=runner, filename="activities.csv")
    response = runner_client.get(reverse("logbook:import_status_json", args=[job.pk]))
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_anonymous_public_page_is_not_marked_private(client):
    response = client.get(reverse("exercises:list"))
    assert "private" not in response.get("Cache-Control", "")


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cell_that_a_spreadsheet_would_run_is_neutralised(start):
    assert neutralise_formula(f"{start}cmd|' /C calc'!A0") == f"'{start}cmd|' /C calc'!A0"


def test_csv_cell_of_plain_text_is_unchanged():
    assert neutralise_formula("Morning run") == "Morning run"


@pytest.mark.django_db
def test_csv_export_neutralises_an_imported_name(runner_client, runner):
    services.session_log(
        athlete=runner,
        start=datetime(2026, 11, 20, 7, tzinfo=UTC),
        kind="run",
        duration_s=1800,
        distance_m=5000,
        notes='=HYPERLINK("http://evil.example","x")',
    )
    body = b"".join(
        runner_client.get(reverse("logbook:export_csv", args=["sessions"])).streaming_content
    ).decode()
    assert "'=HYPERLINK" in body
    assert ",=HYPERLINK" not in body and '"=HYPERLINK' not in body


@pytest.mark.django_db
def test_account_deletion_scrubs_admin_log_entries_about_the_runner(runner, coach):
    LogEntry.objects.log_actions(
        user_id=coach.pk,
        queryset=User.objects.filter(pk=runner.pk),
        action_flag=CHANGE,
        change_message="Changed display name",
    )
    LogEntry.objects.create(
        user=coach,
        content_type=ContentType.objects.get_for_model(User),
        object_id="999999",
        object_repr=f"Note about {runner.email}",
        action_flag=CHANGE,
    )
    account_delete(user=runner)
    assert not LogEntry.objects.filter(object_repr__icontains="alice").exists()


@pytest.mark.django_db
def test_account_deletion_scrubs_admin_log_entries_about_the_runners_sessions(runner, coach):
    from logbook.models import Session

    session = services.session_log(
        athlete=runner, start=datetime(2026, 11, 20, 7, tzinfo=UTC), kind="run", duration_s=1800
    ).session
    LogEntry.objects.log_actions(
        user_id=coach.pk,
        queryset=Session.objects.filter(pk=session.pk),
        action_flag=CHANGE,
        change_message="Changed notes",
    )
    account_delete(user=runner)
    session_type = ContentType.objects.get_for_model(Session)
    assert not LogEntry.objects.filter(content_type=session_type).exists()


@pytest.mark.django_db
def test_account_deletion_ends_the_runners_other_sign_ins(runner, other_runner):
    phone, laptop, bob = Client(), Client(), Client()
    for client, user in ((phone, runner), (laptop, runner), (bob, other_runner)):
        assert client.login(email=user.email, password=PASSWORD)
    account_delete(user=runner)
    remaining = [web.get_decoded().get("_auth_user_id") for web in WebSession.objects.all()]
    assert remaining == [str(other_runner.pk)]


def test_database_url_with_four_slashes_is_an_absolute_sqlite_path():
    assert database_from_url("sqlite:////abs/path/db.sqlite3")["NAME"] == "/abs/path/db.sqlite3"


def test_database_url_with_three_slashes_is_a_relative_sqlite_path():
    assert database_from_url("sqlite:///db.sqlite3")["NAME"] == "db.sqlite3"


def test_postgresql_url_keeps_its_options_and_escaped_password():
    config = database_from_url("postgresql://rc:p%40ss@db.internal:5433/rc?sslmode=require")
    assert (config["USER"], config["PASSWORD"], config["HOST"], config["PORT"], config["NAME"]) == (
        "rc",
        "p@ss",
        "db.internal",
        5433,
        "rc",
    )
    assert config["OPTIONS"] == {"sslmode": "require"}
    assert config["CONN_HEALTH_CHECKS"] is True


def test_unknown_database_scheme_is_refused():
    with pytest.raises(ValueError, match="not supported"):
        database_from_url("mysql://rc@db/rc")
