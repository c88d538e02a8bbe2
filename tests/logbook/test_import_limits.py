"""Imports stay bounded in the database too: absurd values never reach a column, and a
dense Strava export is imported in time proportional to its rows."""

from __future__ import annotations

import time
from datetime import datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from logbook import import_jobs
from logbook.models import ImportJob, Session
from tests.logbook.test_hostile_imports import STRAVA_HEADER, strava_rows

pytestmark = pytest.mark.django_db


def dense_rows(count: int) -> bytes:
    """A row every two minutes: a logger's track split into pieces."""
    first = datetime(2026, 1, 1)
    lines = [STRAVA_HEADER]
    for index in range(count):
        moment = first + timedelta(minutes=2 * index)
        lines.append(
            f'{index},"{moment:%b} {moment.day}, {moment.year}, {moment:%H:%M:%S}",'
            "Piece,Run,60,0.1,100.0\n"
        )
    return "".join(lines).encode()


def run_job(runner, data: bytes) -> ImportJob:
    upload = SimpleUploadedFile("activities.csv", data)
    job = import_jobs.import_job_create(athlete=runner, upload=upload, kind="run")
    import_jobs.import_job_run(job_id=job.pk)
    job.refresh_from_db()
    return job


@pytest.mark.services
def test_strava_id_of_100_characters_never_reaches_the_column(runner_client, runner):
    response = runner_client.post(
        reverse("logbook:import"),
        {
            "file": SimpleUploadedFile("activities.csv", strava_rows(1, activity_id="7" * 100)),
            "kind": "run",
        },
    )
    assert response.status_code == 302
    job = ImportJob.objects.get(athlete=runner)
    import_jobs.import_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert any("longer than 64 characters" in detail for detail in job.skipped_details)
    assert not Session.objects.filter(athlete=runner).exists()


def test_dense_strava_export_of_20000_rows_imports_within_a_minute(runner):
    started = time.monotonic()
    job = run_job(runner, dense_rows(20_000))
    elapsed = time.monotonic() - started
    assert job.status == ImportJob.Status.DONE
    assert job.added == Session.objects.filter(athlete=runner).count() > 0
    assert job.skipped == 20_000 - job.added
    assert elapsed < 60, f"{elapsed:.1f} s"


def test_import_with_more_rows_than_the_setting_fails_with_the_reason(runner, settings):
    settings.IMPORT_MAX_ROWS = 5
    job = run_job(runner, strava_rows(6))
    assert job.status == ImportJob.Status.FAILED
    assert "more than 5 sessions" in job.error
    assert not Session.objects.filter(athlete=runner).exists()
