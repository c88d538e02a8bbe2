"""Activity files (GPX, TCX, FIT, Strava activities.csv or export .zip) to plain session values.

One module per format (gpx, tcx, fit, strava); bounds checks every session against what a
body can do. Nothing here touches the database or reads the clock: services decide what to
store and pass `now`. Every broken or foreign file raises ImportFileError with a message for
the upload form, and nothing is returned for it in part. A session that is readable but not
a run, walk or strength session (a ride, a swim), or outside the physical bounds, is
returned as a SkippedActivity with the reason, so the runner sees what was left out.

Truncated FIT files are refused as a whole ("ends early") rather than importing the sessions
read before the break: a watch writes the session summary at the end, so a cut file rarely
holds a whole session, and a half import is harder to explain than "export it again".
"""

from __future__ import annotations

import io
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, BinaryIO, cast

from logbook.imports.base import (
    GPX_KINDS,
    HEAD_BYTES,
    ImportedActivity,
    ImportFileError,
    LimitedReader,
    ParseResult,
    SkippedActivity,
    too_large_message,
)
from logbook.imports.bounds import screen
from logbook.imports.detect import detect_format
from logbook.imports.fit import parse_fit
from logbook.imports.gpx import parse_gpx
from logbook.imports.strava import (
    MAX_STRAVA_CSV_BYTES,
    iter_strava_csv,
    iter_strava_zip,
    text_stream,
)
from logbook.imports.tcx import parse_tcx

__all__ = [
    "GPX_KINDS",
    "HEAD_BYTES",
    "MAX_STRAVA_CSV_BYTES",
    "ImportFileError",
    "ImportedActivity",
    "ParseResult",
    "SkippedActivity",
    "detect_format",
    "iter_strava_csv",
    "iter_strava_zip",
    "parse_fit",
    "parse_gpx",
    "parse_tcx",
    "parse_upload",
    "screen",
    "too_large_message",
]


def parse_upload(
    filename: str,
    fileobj: BinaryIO,
    *,
    default_kind: str = "run",
    max_bytes: int,
    max_rows: int,
) -> ParseResult:
    """Everything in one uploaded file, or ImportFileError and nothing.

    max_bytes limits how much of a GPX, TCX, FIT or CSV file is read. Every format is read
    as a stream, so memory stays bounded whatever the file's size (README, "Importing"). A seekable .zip (as
    Django's uploaded files are) is opened in place and only its activities.csv is read, with
    its own cap; a .zip from a stream that cannot seek is first read, up to max_bytes.
    A file with more than max_rows sessions is refused. Bounds are checked by `screen`,
    which needs the time.
    """
    start = fileobj.tell() if fileobj.seekable() else 0
    head = fileobj.read(HEAD_BYTES)
    file_format = detect_format(filename, head)
    if file_format == "strava_zip":
        if fileobj.seekable():
            fileobj.seek(start)
            return _collect(iter_strava_zip(fileobj, max_rows=max_rows))
        spooled = io.BytesIO(
            LimitedReader(head, fileobj, max_bytes, too_large_message(max_bytes)).readall()
        )
        return _collect(iter_strava_zip(spooled, max_rows=max_rows))

    limited = io.BufferedReader(
        LimitedReader(head, fileobj, max_bytes, too_large_message(max_bytes))
    )
    if file_format == "strava_csv":
        return _collect(iter_strava_csv(text_stream(limited), max_rows=max_rows))
    with _seekable(fileobj, start, limited, max_bytes) as stream:
        if file_format == "gpx":
            return parse_gpx(stream, kind=default_kind)
        if file_format == "tcx":
            return parse_tcx(stream, max_rows=max_rows)
        return parse_fit(stream, max_rows=max_rows)


# Of a stream that cannot seek, this much is kept in memory; the rest goes to a temporary file.
SPOOL_BYTES = 1024 * 1024


@contextmanager
def _seekable(
    fileobj: BinaryIO, start: int, limited: IO[bytes], max_bytes: int
) -> Iterator[BinaryIO]:
    """The file itself when it can seek (an upload, a file on disk): the XML readers pass
    over it twice and nothing is copied. A stream that cannot seek is copied first, within
    max_bytes, to a temporary file."""
    if fileobj.seekable():
        fileobj.seek(0, io.SEEK_END)
        if fileobj.tell() - start > max_bytes:
            raise ImportFileError(too_large_message(max_bytes))
        fileobj.seek(start)
        yield fileobj
        return
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as spool:
        shutil.copyfileobj(limited, spool)
        spool.seek(0)
        yield cast(BinaryIO, spool)


def _collect(items: Iterator[ImportedActivity | SkippedActivity]) -> ParseResult:
    activities: list[ImportedActivity] = []
    skipped: list[SkippedActivity] = []
    for item in items:
        if isinstance(item, ImportedActivity):
            activities.append(item)
        else:
            skipped.append(item)
    return ParseResult(activities=activities, skipped=skipped)
