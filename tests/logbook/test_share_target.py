"""The manifest's share target, the service worker's script and the offline page."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from logbook import import_jobs
from logbook.models import ImportJob, Session
from tests.logbook.test_large_uploads import gpx_file

pytestmark = pytest.mark.django_db

FENIX_RUN = "activity-small-fenix2-run.fit"


def test_the_manifest_declares_a_share_target_for_watch_files_and_strava_exports(client):
    manifest = client.get(reverse("manifest")).json()
    target = manifest["share_target"]
    assert target["action"] == reverse("logbook:share")
    assert (target["method"], target["enctype"]) == ("POST", "multipart/form-data")
    (files,) = target["params"]["files"]
    assert files["name"] == "file"
    assert {".fit", ".gpx", ".tcx", ".zip", ".csv"} <= set(files["accept"])


def test_a_post_in_the_share_targets_format_imports_a_real_fit_file(
    runner_client, runner, shared_activities: Path
):
    content = (shared_activities / FENIX_RUN).read_bytes()
    response = runner_client.post(
        reverse("logbook:share"),
        {"title": "Morning run", "text": "", "file": SimpleUploadedFile(FENIX_RUN, content)},
        headers={"Sec-Fetch-Site": "none"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("logbook:sessions_to_rate")
    session = Session.objects.get(athlete=runner)
    assert (session.source, session.distance_m) == ("fit", 9008)


def test_a_shared_file_above_the_background_size_goes_to_an_import_job(
    runner_client, runner, settings, tmp_path, django_capture_on_commit_callbacks
):
    """As on the upload page (README, "Large files never tie up a request"): the shared
    file is stored and parsed by the import job, and the share answers at once with the
    job's page, saying so."""
    settings.MEDIA_ROOT = tmp_path
    settings.IMPORT_BACKGROUND_ABOVE_BYTES = 100_000
    content = gpx_file(3_000)
    assert len(content) > settings.IMPORT_BACKGROUND_ABOVE_BYTES
    with django_capture_on_commit_callbacks(execute=False):  # the job is run below
        response = runner_client.post(
            reverse("logbook:share"),
            {"file": SimpleUploadedFile("long.gpx", content)},
            headers={"Sec-Fetch-Site": "none"},
        )
    job = ImportJob.objects.get(athlete=runner)
    assert response.status_code == 302
    assert response["Location"] == reverse("logbook:import_status", args=[job.pk])
    assert job.status == ImportJob.Status.PENDING
    assert not Session.objects.filter(athlete=runner).exists()  # not parsed in the request
    page = runner_client.get(response["Location"])
    assert [str(m) for m in page.context["messages"]] == [
        "long.gpx: The file is being imported; its page shows the progress."
    ]

    import_jobs.import_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert (job.status, job.added) == (ImportJob.Status.DONE, 1)
    assert Session.objects.get(athlete=runner).duration_s == 2_999


def test_a_share_posted_by_another_site_is_refused(runner, shared_activities: Path):
    client = Client(enforce_csrf_checks=True)
    client.force_login(runner)
    content = (shared_activities / FENIX_RUN).read_bytes()
    for site in ("cross-site", "same-site"):
        response = client.post(
            reverse("logbook:share"),
            {"file": SimpleUploadedFile(FENIX_RUN, content)},
            headers={"Sec-Fetch-Site": site},
        )
        assert response.status_code == 403
    without_header = client.post(
        reverse("logbook:share"), {"file": SimpleUploadedFile(FENIX_RUN, content)}
    )
    assert without_header.status_code == 403
    assert not Session.objects.exists()


def test_a_shared_file_that_cannot_be_read_says_why(runner_client, runner):
    response = runner_client.post(
        reverse("logbook:share"),
        {"file": SimpleUploadedFile("broken.fit", b"not a fit file at all")},
        headers={"Sec-Fetch-Site": "none"},
        follow=True,
    )
    texts = [str(m) for m in response.context["messages"]]
    assert any(t.startswith("broken.fit: ") for t in texts)
    assert not Session.objects.exists()


def test_the_service_worker_is_served_from_the_root_with_what_it_keeps(client):
    response = client.get(reverse("logbook:service_worker"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Cache-Control"] == "no-cache"
    body = response.content.decode()
    assert body.startswith("self.RC = {")
    for page in (
        reverse("logbook:dashboard"),
        reverse("logbook:session_new"),
        reverse("exercises:list"),
        reverse("exercises:detail", args=["side-plank"]),
    ):
        assert f'"{page}"' in body
    assert '"/static/css/app.css"' in body


def test_pages_name_their_person_for_the_service_worker(runner_client, client, runner):
    signed_in = runner_client.get(reverse("logbook:dashboard"))["X-Offline-Owner"]
    assert len(signed_in) == 20
    assert Client().get(reverse("home"))["X-Offline-Owner"] == ""


def test_the_offline_page_says_so_plainly(client):
    page = client.get(reverse("logbook:offline")).content.decode()
    assert "You are offline" in page


def test_a_copy_kept_for_offline_use_leaves_waiting_messages_alone(runner_client):
    runner_client.post(reverse("logbook:upload_link_manage"), {"action": "reset"})
    copy = runner_client.get(reverse("logbook:dashboard"), headers={"X-Offline-Copy": "1"})
    assert "Your upload link is ready" not in copy.content.decode()
    page = runner_client.get(reverse("logbook:dashboard"))
    assert "Your upload link is ready" in page.content.decode()


def test_a_background_copy_for_offline_use_changes_no_cookie(runner_client):
    """It may run while the runner signs in or out: it must neither end the new session nor
    replace the CSRF cookie of the form on screen."""
    page = Client().get(reverse("logbook:offline"))
    assert "csrftoken" in page.cookies
    copy = Client().get(reverse("logbook:offline"), headers={"X-Offline-Copy": "1"})
    assert copy.status_code == 200 and not copy.cookies
    runner_client.cookies["sessionid"] = "ended-by-a-sign-in-meanwhile"
    copy = runner_client.get(reverse("logbook:dashboard"), headers={"X-Offline-Copy": "1"})
    assert not copy.cookies  # the session cookie is not deleted
