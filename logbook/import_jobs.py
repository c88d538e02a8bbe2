"""Uploads: a small watch file is imported at once; a Strava export, or any file above
IMPORT_BACKGROUND_ABOVE_MB, runs as a job, parsed as a stream off the request."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from functools import partial
from typing import IO, Any, BinaryIO, cast

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from logbook import imports
from logbook.models import ImportJob
from logbook.services.imports import EnteredStart, ImportCounts, sessions_import

logger = logging.getLogger(__name__)

BATCH = 500
BACKGROUND_FORMATS = {"strava_csv", "strava_zip"}


def counts_message(counts: ImportCounts) -> str:
    """What an import did, in the runner's words (the import page, the share target and
    the upload link say it alike)."""
    return _(
        "%(added)s added, %(updated)s updated, %(duplicates)s already there, %(skipped)s skipped."
    ) % {
        "added": counts.added,
        "updated": counts.updated,
        "duplicates": counts.duplicates,
        "skipped": counts.skipped,
    }


def upload_format(upload: UploadedFile[Any]) -> str:
    head = upload.read(imports.HEAD_BYTES)
    upload.seek(0)
    return imports.detect_format(upload.name or "", head)


def preflight(upload: UploadedFile[Any], file_format: str) -> None:
    """Read just enough of a Strava export to refuse a foreign or broken one in the request,
    before it is queued: its zip directory, and the CSV header with the first row."""
    if file_format == "strava_zip":
        zip_rows = imports.iter_strava_zip(cast(BinaryIO, upload), max_rows=row_limit())
        next(zip_rows, None)
    elif file_format == "strava_csv":
        text = io.TextIOWrapper(cast(BinaryIO, upload), encoding="utf-8-sig")
        try:
            next(imports.iter_strava_csv(text, max_rows=row_limit()), None)
        finally:
            text.detach()  # keep the upload open for the job
    upload.seek(0)


def runs_in_background(upload: UploadedFile[Any], file_format: str) -> bool:
    """A Strava export, or any file above IMPORT_BACKGROUND_ABOVE_MB, is parsed by the
    import job: a request never parses a large file."""
    above = settings.IMPORT_BACKGROUND_ABOVE_BYTES
    return file_format in BACKGROUND_FORMATS or (upload.size or 0) > above


def upload_limit() -> int:
    """The largest upload read, in bytes (IMPORT_MAX_UPLOAD_MB)."""
    return settings.IMPORT_MAX_UPLOAD_BYTES


def row_limit() -> int:
    """The most sessions one file may hold (IMPORT_MAX_ROWS)."""
    return settings.IMPORT_MAX_ROWS


def _parse(handle: IO[bytes], *, filename: str, kind: str) -> imports.ParseResult:
    """The file's sessions within the physical bounds; the others skipped with a reason."""
    result = imports.parse_upload(
        filename,
        cast(BinaryIO, handle),
        default_kind=kind,
        max_bytes=upload_limit(),
        max_rows=row_limit(),
    )
    return imports.screen(result, now=timezone.now())


def import_file_now(
    *,
    athlete: User,
    upload: IO[bytes],
    filename: str,
    kind: str,
    duration_s: int | None,
    entered_start: EnteredStart | None = None,
) -> tuple[ImportCounts, imports.ParseResult]:
    """Parse and import one file in this request; ImportFileError leaves nothing behind.
    The runner's duration and start stand in for what a file without reliable times lacks."""
    result = _parse(upload, filename=filename, kind=kind)
    counts = sessions_import(
        athlete=athlete,
        activities=result.activities,
        duration_fallback_s=duration_s,
        entered_start=entered_start,
    )
    counts.skipped += len(result.skipped)
    counts.skipped_details.extend(f"{s.description}: {s.reason}" for s in result.skipped)
    return counts, result


def import_job_create(
    *,
    athlete: User,
    upload: UploadedFile[Any],
    kind: str,
    duration_s: int | None = None,
    entered_start: EnteredStart | None = None,
) -> ImportJob:
    job = ImportJob(
        athlete=athlete,
        filename=(upload.name or "upload")[:255],
        default_kind=kind,
        duration_s=duration_s,
        start_time=entered_start.time if entered_start else None,
        start_day=entered_start.day if entered_start else None,
    )
    job.upload.save(upload.name or "upload", upload, save=False)
    job.save()
    transaction.on_commit(partial(import_job_enqueue, job_id=job.pk))
    return job


def import_job_enqueue(*, job_id: int) -> bool:
    """Queue the job for the worker; False when the broker cannot be reached, in which case
    the job stays waiting and `import_jobs_queue_waiting` queues it once the broker is back."""
    from logbook.tasks import run_import

    try:
        run_import.delay(job_id)
    except Exception:  # the broker is down, whatever the transport calls it
        logger.warning("Could not queue import job %s; the periodic sweep will.", job_id)
        return False
    return True


# A job still waiting after this was not queued (or its message was lost): queue it again.
# Generous, so that a job merely waiting behind a long import is rarely queued twice (a
# second run of a finished job does nothing).
WAITING_GRACE = timedelta(minutes=10)


def import_jobs_queue_waiting(*, now: datetime) -> int:
    """Queue every job that has waited longer than WAITING_GRACE; returns how many."""
    waiting = ImportJob.objects.filter(
        status=ImportJob.Status.PENDING, created_at__lt=now - WAITING_GRACE
    ).values_list("pk", flat=True)
    return sum(import_job_enqueue(job_id=job_id) for job_id in waiting)


def uploads_remove_old(*, now: datetime) -> int:
    """Remove uploads older than IMPORT_UPLOAD_RETENTION_DAYS, whatever their job's state:
    a job still waiting by then is marked failed, so the runner knows to upload again."""
    cutoff = now - timedelta(days=settings.IMPORT_UPLOAD_RETENTION_DAYS)
    removed = 0
    for job in ImportJob.objects.filter(created_at__lt=cutoff).exclude(upload=""):
        job.upload.delete(save=False)
        fields = ["upload"]
        if not job.finished:
            job.status = ImportJob.Status.FAILED
            job.error = str(_("The import never ran, and its upload was removed. Upload it again."))
            job.finished_at = now
            fields += ["status", "error", "finished_at"]
        job.save(update_fields=fields)
        removed += 1
    return removed


# The namespace of the advisory locks that keep one job to one worker at a time.
JOB_LOCK_NAMESPACE = 7301


@contextmanager
def _sole_runner(job_id: int) -> Iterator[bool]:
    """Whether this process may run the job: a job queued twice (once by the upload, once
    by the sweeper) must not be imported by two workers at once. A PostgreSQL session lock,
    so a worker that dies mid-import lets go of it with its connection, and the redelivered
    task runs again. SQLite runs jobs in the web process, one at a time."""
    if connection.vendor != "postgresql":
        yield True
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [JOB_LOCK_NAMESPACE, job_id])
        locked = bool(cursor.fetchone()[0])
    try:
        yield locked
    finally:
        if locked:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [JOB_LOCK_NAMESPACE, job_id])


def import_job_run(*, job_id: int) -> int:
    """Import a Strava export in batches, each its own transaction, so the progress bar
    moves and a failure keeps the batches already done. Messages are stored in the
    runner's language. A job another worker is running already is left to it."""
    with _sole_runner(job_id) as sole:
        if not sole:
            logger.info("import job %s is running in another worker", job_id)
            return 0
        job = ImportJob.objects.select_related("athlete__profile").get(pk=job_id)
        with translation.override(job.athlete.profile.language or settings.LANGUAGE_CODE):
            return _run(job)


def _run(job: ImportJob) -> int:
    if job.status in (ImportJob.Status.DONE, ImportJob.Status.FAILED):
        return 0
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING)
    try:
        with job.upload.open("rb") as handle:
            result = _parse(handle, filename=job.filename, kind=job.default_kind)
    except imports.ImportFileError as error:
        job.status = ImportJob.Status.FAILED
        job.error = str(error.message)
        job.finished_at = timezone.now()
        job.upload.delete(save=False)
        job.save(update_fields=["status", "error", "finished_at", "upload"])
        return 0
    activities = sorted(result.activities, key=lambda a: a.start)
    job.total = len(activities)
    job.skipped = len(result.skipped)
    job.skipped_details = [f"{s.description}: {s.reason}" for s in result.skipped][:200]
    job.save(update_fields=["total", "skipped", "skipped_details"])
    entered = EnteredStart(time=job.start_time, day=job.start_day) if job.start_time else None
    start_unknown = _import_in_batches(job, activities, entered)
    _job_finish(job, start_unknown)
    return job.added


def _import_in_batches(
    job: ImportJob,
    activities: list[imports.ImportedActivity],
    entered: EnteredStart | None,
) -> list[date]:
    """Import the activities BATCH at a time, the job's counts saved after each batch; the
    days of files whose start is unknown."""
    start_unknown: list[date] = []
    try:
        for offset in range(0, len(activities), BATCH):
            counts = sessions_import(
                athlete=job.athlete,
                activities=activities[offset : offset + BATCH],
                duration_fallback_s=job.duration_s,
                entered_start=entered,
            )
            start_unknown += counts.start_unknown_days
            job.processed = min(offset + BATCH, len(activities))
            job.added += counts.added
            job.updated += counts.updated
            job.duplicates += counts.duplicates
            job.skipped += counts.skipped
            job.save(update_fields=["processed", "added", "updated", "duplicates", "skipped"])
    except Exception:
        # The batches done stay; the page says it stopped, and the error reaches the logs.
        job.status = ImportJob.Status.FAILED
        job.error = str(_("The import stopped part-way; the sessions counted above were saved."))
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "error", "finished_at"])
        raise
    return start_unknown


def _job_finish(job: ImportJob, start_unknown: list[date]) -> None:
    job.status = ImportJob.Status.DONE
    job.finished_at = timezone.now()
    if start_unknown:
        # The form asks for the start in the request; a job cannot, so its page links to
        # the form with the file's day filled in.
        job.start_day = start_unknown[0]
        job.error = str(
            _(
                "Times cover only part of this file's track, so its start is unknown and it "
                "was not added. Enter when you started and how long it took, and upload it "
                "again."
            )
        )
    # The upload held the runner's whole export: keep it no longer than needed.
    job.upload.delete(save=False)
    job.save(update_fields=["status", "finished_at", "upload", "error", "start_day"])
