"""The private upload link: files from automations, without a session, answered in JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse

from logbook import offline
from logbook.models import ImportJob, Session
from tests.conftest import wait_for
from tests.logbook.activity_files import strava_zip

pytestmark = pytest.mark.django_db

FENIX_RUN = "activity-small-fenix2-run.fit"


def link_path(runner: Any) -> str:
    offline.upload_link_reset(athlete=runner)
    token = offline.upload_link_token(athlete=runner)
    assert token is not None
    return reverse("logbook:upload_by_link", args=[token])


def put(path: str, name: str, content: bytes) -> Any:
    return Client().put(path + name, content, content_type="application/octet-stream")


def test_a_real_fit_file_put_to_the_link_is_imported(runner, shared_activities: Path):
    response = put(link_path(runner), FENIX_RUN, (shared_activities / FENIX_RUN).read_bytes())
    assert response.status_code == 201
    answer = response.json()
    assert (answer["ok"], answer["added"], answer["already_there"]) == (True, 1, 0)
    session = Session.objects.get(athlete=runner)
    assert (session.source, session.distance_m, session.duration_s) == ("fit", 9008, 2832)


def test_the_same_file_again_adds_nothing(runner, shared_activities: Path):
    path = link_path(runner)
    content = (shared_activities / FENIX_RUN).read_bytes()
    put(path, FENIX_RUN, content)
    again = Client().post(path, {"file": SimpleUploadedFile(FENIX_RUN, content)})
    assert again.status_code == 200
    assert (again.json()["added"], again.json()["already_there"]) == (0, 1)
    assert Session.objects.filter(athlete=runner).count() == 1


def test_a_reset_link_is_refused_and_adds_nothing(runner, shared_activities: Path):
    old = link_path(runner)
    offline.upload_link_reset(athlete=runner)
    response = put(old, FENIX_RUN, (shared_activities / FENIX_RUN).read_bytes())
    assert response.status_code == 404
    assert "reset or removed" in response.json()["error"]
    assert not Session.objects.exists()


def test_a_removed_link_is_refused(runner):
    old = link_path(runner)
    offline.upload_link_delete(athlete=runner)
    assert put(old, "a.gpx", b"<gpx/>").status_code == 404


def test_a_forged_token_is_refused(runner):
    path = reverse("logbook:upload_by_link", args=["not-a-token"])
    assert Client().post(path, {"file": SimpleUploadedFile("a.gpx", b"<gpx/>")}).status_code == 404


@override_settings(IMPORT_MAX_UPLOAD_BYTES=1024)
def test_a_file_too_large_gets_a_clear_json_error(runner, shared_activities: Path):
    content = (shared_activities / FENIX_RUN).read_bytes()
    assert len(content) > 1024
    response = put(link_path(runner), FENIX_RUN, content)
    assert response.status_code == 413
    assert response.json() == {"ok": False, "error": "The file is too large: the limit is 1 KB."}
    assert not Session.objects.exists()


def test_a_malformed_file_gets_a_clear_json_error(runner, shared_activities: Path):
    name = "activity-settings-corruptheader.fit"
    response = put(link_path(runner), name, (shared_activities / name).read_bytes())
    assert response.status_code == 400
    assert response.json()["ok"] is False
    assert "FIT" in response.json()["error"]
    assert not Session.objects.exists()


def test_an_empty_body_is_refused(runner):
    response = put(link_path(runner), "run.fit", b"")
    assert response.status_code == 400
    assert response.json()["error"] == "The file is empty."


def test_the_answer_is_in_the_runners_language(runner, shared_activities: Path):
    runner.profile.language = "nl"
    runner.profile.save()
    name = "activity-settings-corruptheader.fit"
    answer = put(link_path(runner), name, (shared_activities / name).read_bytes()).json()
    assert "FIT-bestand" in answer["error"] or "FIT" in answer["error"]
    empty = put(link_path(runner), "run.fit", b"").json()
    assert empty["error"] == "Het bestand is leeg."


def test_another_runners_data_is_never_touched(runner, other_runner, shared_activities: Path):
    content = (shared_activities / FENIX_RUN).read_bytes()
    put(link_path(other_runner), FENIX_RUN, content)
    response = put(link_path(runner), FENIX_RUN, content)
    assert response.json()["added"] == 1
    assert Session.objects.filter(athlete=runner).count() == 1
    assert Session.objects.filter(athlete=other_runner).count() == 1


def test_a_session_cookie_does_not_choose_the_runner(runner, other_runner, shared_activities):
    """The link names the runner; whoever is signed in in that browser does not matter."""
    client = Client()
    client.force_login(other_runner)
    content = (shared_activities / FENIX_RUN).read_bytes()
    client.put(link_path(runner) + FENIX_RUN, content, content_type="application/octet-stream")
    assert Session.objects.get().athlete == runner


@override_settings(ACCOUNT_RATE_LIMITS={"upload_link": "2/m/ip"})
def test_uploads_are_rate_limited(runner):
    path = link_path(runner)
    answers = [put(path, "a.gpx", b"<gpx/>").status_code for _ in range(3)]
    assert answers[2] == 429
    assert put(path, "a.gpx", b"<gpx/>").json()["error"].startswith("Too many uploads")


@override_settings(ACCOUNT_RATE_LIMITS={"upload_link": "2/m/key"})
def test_the_rate_limit_counts_per_link_whatever_the_address(runner, other_runner):
    """One link sending too much is stopped even from ever new addresses; another runner's
    link goes on."""
    mine = link_path(runner)
    answers = [
        Client(REMOTE_ADDR=f"192.0.2.{n}")
        .put(mine + "a.gpx", b"<gpx/>", content_type="application/octet-stream")
        .status_code
        for n in range(1, 4)
    ]
    assert answers == [400, 400, 429]
    assert put(link_path(other_runner), "a.gpx", b"<gpx/>").status_code == 400


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("name", "background_above"),
    [("export_1234.zip", None), (FENIX_RUN, 1024)],
    ids=["strava-export", "file-above-the-background-size"],
)
def test_a_file_for_the_import_job_is_answered_with_its_job_and_imported_by_the_worker(
    celery_worker, runner, shared_activities: Path, settings, name, background_above
):
    """A Strava export, or any file above IMPORT_BACKGROUND_ABOVE_MB, is not parsed in the
    request: the answer is 202 with the job's page, and the worker imports it."""
    if background_above is not None:
        settings.IMPORT_BACKGROUND_ABOVE_BYTES = background_above
    content = strava_zip() if name.endswith(".zip") else (shared_activities / name).read_bytes()
    response = Client().post(link_path(runner), {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 202
    job = ImportJob.objects.get(athlete=runner)
    assert response.json() == {
        "ok": True,
        "message": "The file is being imported; its page shows the progress.",
        "job": reverse("logbook:import_status", args=[job.pk]),
    }

    def finished() -> bool:
        job.refresh_from_db()
        return job.status == ImportJob.Status.DONE

    assert wait_for(finished, timeout=30), (job.status, job.error)
    assert job.added == Session.objects.filter(athlete=runner).count() > 0
    if name == FENIX_RUN:
        assert Session.objects.get(athlete=runner).distance_m == 9008


def test_get_is_not_allowed(runner):
    assert Client().get(link_path(runner)).status_code == 405


def test_the_import_page_creates_copies_and_resets_the_link(runner_client, runner):
    page = runner_client.get(reverse("logbook:import")).content.decode()
    assert "Create my upload link" in page
    runner_client.post(reverse("logbook:upload_link_manage"), {"action": "reset"})
    first = offline.upload_link_token(athlete=runner)
    page = runner_client.get(reverse("logbook:import")).content.decode()
    assert f"/upload/{first}/" in page and "curl -T activity.fit" in page
    runner_client.post(reverse("logbook:upload_link_manage"), {"action": "reset"})
    second = offline.upload_link_token(athlete=runner)
    assert second != first
    assert offline.upload_link_athlete(str(first)) is None
    assert offline.upload_link_athlete(str(second)) == runner
    runner_client.post(reverse("logbook:upload_link_manage"), {"action": "delete"})
    assert offline.upload_link_token(athlete=runner) is None


def test_managing_the_link_needs_a_post_with_csrf(runner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(runner)
    assert client.get(reverse("logbook:upload_link_manage")).status_code == 405
    assert (
        client.post(reverse("logbook:upload_link_manage"), {"action": "reset"}).status_code == 403
    )
    assert offline.upload_link_token(athlete=runner) is None
