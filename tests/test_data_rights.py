"""What a runner can take with them and what goes when they leave (GDPR Art. 15, 17, 20):
export.json and the CSV tables hold everything stored about them; deleting the account
leaves neither their address in a coach's invitations nor their pages in the cache."""

from __future__ import annotations

import csv
import io
import json
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db.models import Q
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from coaching import services as coaching
from coaching.models import Invitation
from logbook import offline
from logbook.models import ImportJob, Session, UploadLink
from notifications import models as outbox_models
from notifications import services as outbox
from tests.factories import PASSWORD, make_coach
from tests.logbook.helpers import run_form

EXPORT_JSON = reverse("logbook:export_json")


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def coached(runner: Any, coach: Any) -> Any:
    """Alice, invited by Carol and coached by her, with a note, a hip level set by Carol,
    the alarms turned off, an import and an e-mail in the outbox."""
    now = timezone.now()
    invitation = coaching.invitation_send(coach=coach, email=runner.email, now=now)
    coaching.invitation_accept(invitation=invitation, athlete=runner, now=now)
    coaching.note_add(athlete=runner, author=coach, text="Easy week, please.", now=now)
    coaching.hip_level_set(athlete=runner, level=2, set_by=coach, now=now)
    outbox.preference_set(user=runner, kind=outbox.ALARM, enabled=False, now=now)
    job = ImportJob(athlete=runner, filename="export_1.zip", status=ImportJob.Status.DONE)
    job.upload.save("export_1.zip", ContentFile(b"zip"), save=True)
    outbox.outbox_add(kind=outbox.REMINDER, recipient=runner, subject_key="2026-W44", now=now)
    return runner


def export_of(client: Any) -> dict[str, Any]:
    response = client.get(EXPORT_JSON)
    assert response.status_code == 200
    return dict(response.json())


@pytest.mark.django_db
def test_export_holds_everything_stored_about_the_runner(coached, coach, client):
    client.force_login(coached)
    document = export_of(client)
    assert document["profile"]["display_name"] == "Alice"
    [note] = document["coach_notes"]
    assert (note["text"], note["written_by_email"]) == ("Easy week, please.", coach.email)
    [change] = document["hip_level_changes"]
    assert (change["previous_level"], change["level"], change["set_by_email"]) == (
        1,
        2,
        coach.email,
    )
    assert [(c["kind"], c["enabled"]) for c in document["email_choices"]] == [("alarm", False)]
    [job] = document["import_jobs"]
    assert (job["filename"], job["status"]) == ("export_1.zip", "done")
    [invitation] = document["invitations"]
    assert (invitation["coach_email"], invitation["email"]) == (coach.email, coached.email)
    assert invitation["accepted_at"] is not None
    # The e-mails to her account and to her address alone (Carol's invitation).
    invited, reminder = document["emails"]
    assert (invited["kind"], invited["about"], invited["to_address"]) == (
        "coach_invitation",
        f"invitation-{Invitation.objects.get(coach=coach).pk}",
        coached.email,
    )
    assert (reminder["kind"], reminder["about"], reminder["status"]) == (
        "weekly_reminder",
        "2026-W44",
        "pending",
    )
    assert reminder["to_address"] == coached.email


@pytest.mark.django_db
def test_export_keeps_its_published_keys_and_adds_the_new_ones(coached, client):
    client.force_login(coached)
    keys = list(export_of(client))
    published = ["format", "exported_at", "profile", "sessions", "warnings", "consent_events"]
    assert keys[:6] == published
    assert set(keys[6:]) == {
        "planned",
        "coach_notes",
        "hip_level_changes",
        "invitations",
        "import_jobs",
        "device_entries",
        "email_choices",
        "emails",
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("table", "first_cell"),
    [
        ("coach_notes", "Easy week, please."),
        ("hip_level_changes", "1"),
        ("invitations", "carol@example.com"),
        ("import_jobs", "export_1.zip"),
        ("email_choices", "alarm"),
        ("emails", "coach_invitation"),
    ],
)
def test_each_new_table_downloads_as_csv(coached, client, table, first_cell):
    client.force_login(coached)
    response = client.get(reverse("logbook:export_csv", args=[table]))
    assert response.status_code == 200
    header, row, *_others = list(csv.reader(io.StringIO(response.content.decode())))
    assert row[0] == first_cell, dict(zip(header, row, strict=True))


@pytest.mark.django_db
def test_export_holds_the_device_ids_and_the_upload_links_date_but_not_its_secret(
    runner, other_runner, client
):
    client.force_login(runner)
    device_id = str(uuid.uuid4())
    sent = client.post(reverse("logbook:device_sync"), {**run_form(), "device_id": device_id})
    assert sent.status_code == 201
    assert export_of(client)["profile"]["upload_link_created_at"] is None
    client.post(reverse("logbook:upload_link_manage"), {"action": "reset"})
    link = UploadLink.objects.get(athlete=runner)
    raw = client.get(EXPORT_JSON).content.decode()
    document = json.loads(raw)
    [entry] = document["device_entries"]
    session = Session.objects.get(athlete=runner)
    assert (entry["device_id"], entry["session_id"]) == (device_id, session.pk)
    assert datetime.fromisoformat(entry["sent_at"]).utcoffset() is not None
    made = datetime.fromisoformat(document["profile"]["upload_link_created_at"])
    assert made == link.created_at
    token = offline.upload_link_token(athlete=runner)
    assert link.secret not in raw and str(token) not in raw
    csv_rows = list(
        csv.reader(
            io.StringIO(
                client.get(reverse("logbook:export_csv", args=["device_entries"])).content.decode()
            )
        )
    )
    assert csv_rows == [
        ["device_id", "session_id", "sent_at"],
        [device_id, str(session.pk), entry["sent_at"]],
    ]
    client.force_login(other_runner)
    other = export_of(client)
    assert other["device_entries"] == [] and other["profile"]["upload_link_created_at"] is None


@pytest.mark.django_db
def test_another_runners_rows_are_not_in_my_export(coached, coach, other_runner, client):
    coaching.invitation_send(coach=coach, email=other_runner.email, now=timezone.now())
    client.force_login(other_runner)
    document = export_of(client)
    assert document["coach_notes"] == [] and document["hip_level_changes"] == []
    assert [i["email"] for i in document["invitations"]] == [other_runner.email]
    assert document["import_jobs"] == []
    assert [(e["kind"], e["to_address"]) for e in document["emails"]] == [
        ("coach_invitation", other_runner.email)
    ]


@pytest.mark.django_db
def test_deleting_a_runner_takes_their_address_out_of_every_coachs_invitations(
    coached, coach, other_runner, client
):
    other_coach = make_coach("dave@example.com", display_name="Dave")
    now = timezone.now()
    coaching.invitation_send(coach=other_coach, email=coached.email, now=now)
    coaching.invitation_send(coach=coach, email=other_runner.email, now=now)
    client.force_login(coached)
    client.post(reverse("logbook:account_delete"), {"password": PASSWORD})
    assert not Invitation.objects.filter(email__iexact=coached.email).exists()
    assert list(Invitation.objects.values_list("email", flat=True)) == [other_runner.email]


@pytest.mark.django_db
def test_deleting_an_account_deletes_the_emails_to_its_addresses(
    coached, coach, other_runner, client
):
    """Those to the account go with it; those to its addresses alone (an invitation, the
    e-mail a password reset sent before the address had an account) go too."""
    from allauth.account.models import EmailAddress

    type(client)().post(reverse("account_reset_password"), {"email": "alice.work@example.com"})
    EmailAddress.objects.create(user=coached, email="Alice.Work@example.com", verified=True)
    coaching.invitation_send(coach=coach, email=other_runner.email, now=timezone.now())
    to_alice = outbox_models.OutboxEmail.objects.filter(
        Q(recipient=coached) | Q(to_address__iexact=coached.email)
    )
    assert to_alice.count() == 2  # the reminder, Carol's invitation
    assert outbox_models.OutboxEmail.objects.filter(
        recipient=None, to_address="alice.work@example.com"
    ).exists()  # the e-mail to an unknown address, before it was Alice's
    client.force_login(coached)
    client.post(reverse("logbook:account_delete"), {"password": PASSWORD})
    left = outbox_models.OutboxEmail.objects.all()
    assert [(e.kind, e.to_address) for e in left] == [("coach_invitation", other_runner.email)]


def _page_keys() -> set[str]:
    client = cache._cache.get_client(write=True)  # type: ignore[attr-defined]
    return {key.decode() for key in client.scan_iter(match="*") if b":v:" in key}


@pytest.mark.services
@pytest.mark.django_db
def test_deleting_an_account_removes_its_cached_pages_from_redis(
    coached, other_runner, client, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE = True
    pages = [reverse("logbook:dashboard"), reverse("logbook:session_list")]
    other = type(client)()
    other.force_login(other_runner)
    for page in pages:
        assert other.get(page).status_code == 200
    others_pages = _page_keys()
    client.force_login(coached)
    for page in pages:
        assert client.get(page).status_code == 200
    alices_pages = _page_keys() - others_pages
    assert len(alices_pages) >= len(pages)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("logbook:account_delete"), {"password": PASSWORD})
    remaining = _page_keys()
    assert remaining & alices_pages == set()
    assert others_pages <= remaining


def _entries_naming(*words: str) -> set[str]:
    """The keys of every Redis entry whose key or content holds one of these words."""
    client = cache._cache.get_client(write=True)  # type: ignore[attr-defined]
    found = set()
    for key in client.scan_iter(match="*"):
        content = client.get(key) if client.type(key) == b"string" else b""
        if any(word.encode() in key + (content or b"") for word in words):
            found.add(key.decode())
    return found


@pytest.mark.services
@pytest.mark.django_db
def test_deleting_a_runner_removes_their_coachs_cached_pages_naming_them_from_redis(
    coached, coach, other_runner, client, settings, django_capture_on_commit_callbacks
):
    """The coach's home and athlete list, kept whole in the cache, name the runner: they
    leave Redis with the runner's own pages, not a day later. (No longer served either
    way: the deletion moves the coach's data version on.)"""
    settings.PAGE_CACHE = True
    other_runner.profile.coach = coach
    other_runner.profile.save()
    coach_view = type(client)()
    coach_view.force_login(coach)
    for page in (reverse("admin:index"), reverse("admin:coaching_athlete_changelist")):
        body = coach_view.get(page).content.decode()
        assert "Alice" in body and other_runner.profile.display_name in body, page
    naming_alice = ("Alice", coached.email)
    assert {k for k in _entries_naming(*naming_alice) if f"page:{coach.pk}:" in k}, (
        "the coach's pages naming the runner are in Redis"
    )

    client.force_login(coached)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("logbook:account_delete"), {"password": PASSWORD})
    assert _entries_naming(*naming_alice) == set()
    # The coach's list is rendered anew, without her, and kept again.
    body = coach_view.get(reverse("admin:coaching_athlete_changelist")).content.decode()
    assert "Alice" not in body and other_runner.profile.display_name in body


@pytest.mark.services
@pytest.mark.django_db
def test_deleting_a_coach_removes_their_athletes_cached_pages_naming_them_from_redis(
    coached, coach, settings, django_capture_on_commit_callbacks
):
    from accounts.deletion import account_delete

    settings.PAGE_CACHE = True
    runner_view = Client()
    runner_view.force_login(coached)
    assert "Carol" in runner_view.get(reverse("logbook:dashboard")).content.decode()
    assert _entries_naming("Carol", coach.email)
    with django_capture_on_commit_callbacks(execute=True):
        account_delete(user=coach)
    assert _entries_naming("Carol", coach.email) == set()


@pytest.mark.django_db
def test_deleting_an_account_leaves_the_coachs_pages_without_the_runner(
    coached, coach, client, settings
):
    settings.PAGE_CACHE = True
    client.force_login(coach)
    athletes = reverse("admin:coaching_athlete_changelist")
    assert "Alice" in client.get(athletes).content.decode()
    runner = type(client)()
    runner.force_login(coached)
    runner.post(reverse("logbook:account_delete"), {"password": PASSWORD})
    assert "Alice" not in client.get(athletes).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("how", ["delete page", "delete action"])
def test_a_superuser_deleting_a_runner_in_the_admin_erases_what_the_runner_would(
    coached, coach, client, settings, django_capture_on_commit_callbacks, how
):
    """The admin's delete page and its bulk action take the same path as the runner's own
    "delete my account": invitations to the address go, and the coach's list drops them."""
    from accounts.models import User

    settings.PAGE_CACHE = True
    other_coach = make_coach("dave@example.com", display_name="Dave")
    coaching.invitation_send(coach=other_coach, email=coached.email, now=timezone.now())
    coach_view = type(client)()
    coach_view.force_login(coach)
    athletes = reverse("admin:coaching_athlete_changelist")
    assert "Alice" in coach_view.get(athletes).content.decode()

    root = User.objects.create_superuser(email="root@example.com", password=PASSWORD)
    client.force_login(root)
    with django_capture_on_commit_callbacks(execute=True):
        if how == "delete page":
            url = reverse("admin:accounts_user_delete", args=[coached.pk])
            response = client.post(url, {"post": "yes"})
        else:
            response = client.post(
                reverse("admin:accounts_user_changelist"),
                {"action": "delete_selected", "_selected_action": [coached.pk], "post": "yes"},
            )
    assert response.status_code == 302
    assert not User.objects.filter(pk=coached.pk).exists()
    assert not Invitation.objects.filter(email__iexact=coached.email).exists()
    assert "Alice" not in coach_view.get(athletes).content.decode()
