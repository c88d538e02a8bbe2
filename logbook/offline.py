"""What reaches the log without the upload page or a connection at the moment of logging:
sessions sent later from a device's offline queue, and files dropped in by a share or by
the runner's private upload link. Each goes through the log and import services; nothing
here writes a Session itself.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from hmac import compare_digest
from typing import Any

from django.core import signing
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from accounts.models import User
from logbook import import_jobs
from logbook.models import DeviceEntry, ImportJob, Session, TrainingWarning, UploadLink
from logbook.services.imports import ImportCounts
from logbook.services.sessions import ExerciseDone, SessionValues, session_log


@dataclass
class DeviceLogResult:
    """`created` False: the id was sent before; `session` is what that send made (None
    when the runner has deleted it since)."""

    session: Session | None
    created: bool
    new_warnings: list[TrainingWarning] = field(default_factory=list)


def device_entry_find(*, athlete: User, device_id: uuid.UUID) -> DeviceEntry | None:
    return (
        DeviceEntry.objects.select_related("session")
        .filter(athlete=athlete, device_id=device_id)
        .first()
    )


@transaction.atomic
def session_log_from_device(
    *,
    athlete: User,
    device_id: uuid.UUID,
    values: SessionValues,
    exercises: Sequence[ExerciseDone] = (),
) -> DeviceLogResult:
    """Log a session sent from a device's queue, once per device id. The row claiming the id
    is inserted first: a second send of the same id waits on the unique index until the
    first commits, then fails to insert and answers with the session the first one made."""
    try:
        with transaction.atomic():
            entry = DeviceEntry.objects.create(athlete=athlete, device_id=device_id)
    except IntegrityError:
        existing = device_entry_find(athlete=athlete, device_id=device_id)
        assert existing is not None  # the constraint that refused the insert names it
        return DeviceLogResult(session=existing.session, created=False)
    result = session_log(athlete=athlete, values=values, exercises=exercises)
    entry.session = result.session
    entry.save(update_fields=["session"])
    return DeviceLogResult(session=result.session, created=True, new_warnings=result.new_warnings)


def offline_owner(user: Any) -> str:
    """An opaque name of the signed-in person for the device's caches and queue: pages and
    entries of one person are never shown to or sent as another. Empty when signed out."""
    if user is None or not user.is_authenticated:
        return ""
    return salted_hmac("logbook.offline-owner", str(user.pk), algorithm="sha256").hexdigest()[:20]


# Files --------------------------------------------------------------------------------


@dataclass
class FileImportOutcome:
    """What one dropped file did: imported at once (`counts`), or queued as a job."""

    counts: ImportCounts | None = None
    job: ImportJob | None = None


def file_import(*, athlete: User, upload: UploadedFile[Any], kind: str) -> FileImportOutcome:
    """Import one file as the upload page does: a Strava export or a large file becomes a
    job, anything else is imported now. Raises imports.ImportFileError for a file that
    cannot be read."""
    file_format = import_jobs.upload_format(upload)
    if import_jobs.runs_in_background(upload, file_format):
        import_jobs.preflight(upload, file_format)
        return FileImportOutcome(
            job=import_jobs.import_job_create(athlete=athlete, upload=upload, kind=kind)
        )
    counts, _result = import_jobs.import_file_now(
        athlete=athlete,
        upload=upload,
        filename=upload.name or "upload",
        kind=kind,
        duration_s=None,
    )
    return FileImportOutcome(counts=counts)


# The private upload link ---------------------------------------------------------------

_UPLOAD_SALT = "logbook.upload-link"


def upload_link_token(*, athlete: User) -> str | None:
    """The signed token of the runner's upload URL, or None before they create one."""
    link = UploadLink.objects.filter(athlete=athlete).first()
    if link is None:
        return None
    return signing.dumps([athlete.pk, link.secret], salt=_UPLOAD_SALT)


def upload_link_reset(*, athlete: User, now: datetime | None = None) -> UploadLink:
    """Create the runner's upload link, or draw a new secret: every earlier URL stops."""
    link, _created = UploadLink.objects.update_or_create(
        athlete=athlete,
        defaults={"secret": secrets.token_urlsafe(24), "created_at": now or timezone.now()},
    )
    return link


def upload_link_delete(*, athlete: User) -> None:
    UploadLink.objects.filter(athlete=athlete).delete()


def upload_link_athlete(token: str) -> User | None:
    """The runner whose current upload token this is, or None (forged, reset, removed)."""
    try:
        pk, secret = signing.loads(token, salt=_UPLOAD_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(pk, int) or not isinstance(secret, str):
        return None
    link = (
        UploadLink.objects.select_related("athlete__profile")
        .filter(athlete_id=pk, athlete__is_active=True)
        .first()
    )
    if link is None or not compare_digest(link.secret, secret):
        return None
    return link.athlete
