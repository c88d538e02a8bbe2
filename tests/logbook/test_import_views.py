"""Uploading watch files and Strava exports through the browser and the command line."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from logbook.models import ImportJob, Session

pytestmark = pytest.mark.django_db
DATA = Path(__file__).resolve().parent.parent / "data" / "activities"


def upload(client, name, content=None, **extra):
    content = content if content is not None else (DATA / name).read_bytes()
    return client.post(
        reverse("logbook:import"),
        {"file": SimpleUploadedFile(name, content), "kind": "run", **extra},
    )


def strava_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("activities.csv", (DATA / "activities.csv").read_bytes())
        archive.writestr("activities/123.gpx", b"<gpx/>")
    return buffer.getvalue()


def test_gpx_upload_creates_an_estimated_run(runner_client, runner):
    response = upload(runner_client, "morning-run.gpx")
    assert response.status_code == 302
    session = Session.objects.get(athlete=runner)
    assert (session.kind, session.source, session.rpe, session.rpe_estimated) == (
        "run",
        "gpx",
        None,
        True,
    )
    assert session.distance_m and session.duration_s


def test_same_file_twice_adds_nothing(runner_client, runner):
    upload(runner_client, "morning-run.gpx")
    upload(runner_client, "morning-run.gpx")
    assert Session.objects.filter(athlete=runner).count() == 1


def test_tcx_upload_skips_the_ride_with_a_reason(runner_client, runner):
    response = upload(runner_client, "run-and-ride.tcx")
    assert response.status_code == 302
    assert Session.objects.filter(athlete=runner).count() == 1
    texts = [str(m) for m in response.wsgi_request._messages]
    assert any("skipped" in t for t in texts)


def test_gpx_without_times_asks_for_the_duration(runner_client, runner):
    response = upload(runner_client, "no-times.gpx")
    assert response.status_code == 200
    assert response.context["form"].errors["duration"]
    assert not Session.objects.exists()
    response = upload(runner_client, "no-times.gpx", duration="42")
    assert response.status_code == 302
    assert Session.objects.get(athlete=runner).duration_s == 42 * 60


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("route-only.gpx", None),
        ("junk.fit", b"\x00\x01 not a fit file at all" * 10),
        ("notes.txt", b"hello"),
        ("activities.csv", (DATA / "activities-missing-columns.csv").read_bytes()),
    ],
)
def test_broken_or_foreign_file_gives_a_message_and_no_rows(runner_client, name, content):
    response = upload(runner_client, name, content)
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not Session.objects.exists()
    assert not ImportJob.objects.filter(status=ImportJob.Status.DONE).exists()


def test_a_file_over_a_limit_below_one_mb_says_the_limit_in_kb(runner_client, settings):
    settings.IMPORT_MAX_UPLOAD_BYTES = 512 * 1024
    runner_client.cookies["django_language"] = "nl"
    response = upload(runner_client, "big.gpx", b"<gpx>" + b" " * 600 * 1024 + b"</gpx>")
    assert response.context["form"].errors["file"] == [
        "Het bestand is te groot: de limiet is 512 KB."
    ]
    assert not Session.objects.exists()


def test_strava_csv_is_queued_as_a_job_with_a_progress_page(runner_client, runner):
    response = upload(runner_client, "activities.csv")
    job = ImportJob.objects.get(athlete=runner)
    assert response.url == reverse("logbook:import_status", args=[job.pk])
    page = runner_client.get(response.url).content.decode()
    assert 'id="job-progress"' in page
    status = runner_client.get(reverse("logbook:import_status_json", args=[job.pk])).json()
    assert set(status) >= {"added", "updated", "skipped", "percent", "finished"}


def test_strava_zip_imports_once(runner_client, runner, django_capture_on_commit_callbacks):
    from runningcoach.celery import app

    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    try:
        with django_capture_on_commit_callbacks(execute=True):
            upload(runner_client, "export_1234.zip", strava_zip())
        first = Session.objects.filter(athlete=runner).count()
        with django_capture_on_commit_callbacks(execute=True):
            upload(runner_client, "export_1234.zip", strava_zip())
            upload(runner_client, "activities.csv")
    finally:
        app.conf.task_always_eager = eager
    assert first > 0
    assert Session.objects.filter(athlete=runner).count() == first
    job = ImportJob.objects.filter(athlete=runner).order_by("pk").first()
    assert job.status == ImportJob.Status.DONE
    assert job.added == first
    assert job.skipped >= 1  # the ride and the swim


def test_another_runners_import_is_404(runner_client, other_runner):
    job = ImportJob.objects.create(athlete=other_runner, filename="x.csv")
    assert runner_client.get(reverse("logbook:import_status", args=[job.pk])).status_code == 404
    url = reverse("logbook:import_status_json", args=[job.pk])
    assert runner_client.get(url).status_code == 404


def test_import_activities_command(runner):
    out = io.StringIO()
    call_command("import_activities", runner.email, str(DATA / "morning-run.gpx"), stdout=out)
    assert "1 added" in out.getvalue()
    call_command("import_activities", runner.email, str(DATA / "morning-run.gpx"), stdout=out)
    assert Session.objects.filter(athlete=runner).count() == 1


def test_import_activities_command_refuses_a_broken_file(runner):
    with pytest.raises(CommandError):
        call_command("import_activities", runner.email, str(DATA / "route-only.gpx"))
    assert not Session.objects.exists()


def test_import_activities_strava_csv_with_walk_kind(runner):
    call_command("import_activities", runner.email, str(DATA / "activities.csv"), "--kind", "walk")
    kinds = set(Session.objects.filter(athlete=runner).values_list("kind", flat=True))
    assert kinds <= {"run", "walk", "strength"} and kinds


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_strava_export_is_imported_by_the_worker(celery_worker, client, runner):
    from tests.conftest import wait_for

    client.force_login(runner)
    response = upload(client, "export_1234.zip", strava_zip())
    job = ImportJob.objects.get(athlete=runner)
    assert response.url == reverse("logbook:import_status", args=[job.pk])

    def finished() -> bool:
        job.refresh_from_db()
        return job.status == ImportJob.Status.DONE

    assert wait_for(finished, timeout=30)
    assert job.added == Session.objects.filter(athlete=runner).count() > 0
    assert job.percent == 100
    assert not job.upload  # the uploaded file is removed once imported
    page = client.get(response.url).content.decode()
    assert f"{job.added} added" in page
