"""A file arriving without the upload form (the upload link, the device queue): read from
the request within the upload page's limits, and what its import did, as JSON values."""

from __future__ import annotations

import re
from typing import Any

from django.core.files.uploadedfile import TemporaryUploadedFile, UploadedFile
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from logbook import import_jobs
from logbook.imports import too_large_message
from logbook.offline import FileImportOutcome

CHUNK = 64 * 1024
# Room for the multipart boundaries and headers around the file itself.
MULTIPART_OVERHEAD = 64 * 1024
SAFE_NAME = re.compile(r"[^A-Za-z0-9._ -]+")


class FileRefused(Exception):
    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def _too_large() -> FileRefused:
    return FileRefused(too_large_message(import_jobs.upload_limit()), status=413)


def _declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _body_as_file(request: HttpRequest, filename: str) -> UploadedFile[Any]:
    """The raw request body (a PUT, or a POST that is not a form), spooled to disk and
    refused past the limit without reading the rest."""
    limit = import_jobs.upload_limit()
    name = SAFE_NAME.sub("_", filename)[-100:] or "upload"
    upload = TemporaryUploadedFile(name, "application/octet-stream", 0, None)
    size = 0
    while chunk := request.read(CHUNK):
        size += len(chunk)
        if size > limit:
            upload.close()
            raise _too_large()
        upload.write(chunk)
    upload.size = size
    upload.seek(0)
    return upload


def upload_from_request(request: HttpRequest, *, filename: str = "") -> UploadedFile[Any]:
    """The one file of the request: the form field `file`, or else the whole body."""
    limit = import_jobs.upload_limit()
    if _declared_length(request) > limit + MULTIPART_OVERHEAD:
        raise _too_large()
    is_form = (request.content_type or "").startswith("multipart/form-data")
    if is_form:
        upload: UploadedFile[Any] | None = request.FILES.get("file")
        if upload is None:
            raise FileRefused(_('Send the file in the form field named "file".'), status=400)
    else:
        upload = _body_as_file(request, filename or request.GET.get("name", ""))
    if upload.size is not None and upload.size > limit:
        raise _too_large()
    if not upload.size:
        raise FileRefused(_("The file is empty."), status=400)
    return upload


def outcome_answer(outcome: FileImportOutcome) -> tuple[dict[str, Any], int]:
    """What the import did, for a JSON answer, with its HTTP status."""
    if outcome.job is not None:
        return (
            {
                "message": _("The file is being imported; its page shows the progress."),
                "job": reverse("logbook:import_status", args=[outcome.job.pk]),
            },
            202,
        )
    counts = outcome.counts
    assert counts is not None
    message = import_jobs.counts_message(counts)
    if counts.start_unknown_days:
        message += " " + _(
            "This file has times on only part of its track: import it on the Import page, "
            "where you can enter when you started."
        )
    return (
        {
            "message": message,
            "added": counts.added,
            "updated": counts.updated,
            "already_there": counts.duplicates,
            "skipped": counts.skipped,
            "skipped_details": counts.skipped_details[:20],
        },
        201 if counts.added else 200,
    )
