"""What every format shares: the plain values a file becomes, the error a broken file
raises, reading an upload within a limit, and small value helpers."""

from __future__ import annotations

import io
import math
from collections.abc import Buffer
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import IO, Final

from django.utils.translation import gettext as _

from logbook.tracks import TrackPoint
from runningcoach import units

GPX_KINDS: Final = ("run", "walk")

HEAD_BYTES: Final = 4096


@dataclass(frozen=True)
class ImportedActivity:
    start: datetime
    kind: str
    source: str
    duration_s: int | None
    distance_m: int | None
    elevation_gain_m: int | None
    surface_hint: str = ""
    name: str = ""
    external_id: str = ""
    # The recorded points, where the file has positions (GPX, TCX, FIT): drawn as the route.
    track: tuple[TrackPoint, ...] = ()
    # False when the file's times cover only part of the track (an edited or converted GPX):
    # `start` then gives the day, not the start time, and the duration is unknown.
    start_known: bool = True


@dataclass(frozen=True)
class SkippedActivity:
    description: str
    reason: str


@dataclass(frozen=True)
class ParseResult:
    activities: list[ImportedActivity]
    skipped: list[SkippedActivity]


class ImportFileError(ValueError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def supported_formats_message() -> str:
    return _("Upload a GPX, TCX or FIT file, a Strava activities.csv or a Strava export .zip file.")


class LimitedReader(io.RawIOBase):
    """Bytes already read plus the rest of a stream, refusing to go past a limit."""

    def __init__(self, head: bytes, rest: IO[bytes], limit: int, too_large: str) -> None:
        self._head = head
        self._rest = rest
        self._remaining = limit
        self._too_large = too_large

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Buffer, /) -> int:
        view = memoryview(buffer).cast("B")
        if self._head:
            chunk = self._head[: len(view)]
            self._head = self._head[len(chunk) :]
        else:
            chunk = self._rest.read(len(view))
        if len(chunk) > self._remaining:
            raise ImportFileError(self._too_large)
        self._remaining -= len(chunk)
        view[: len(chunk)] = chunk
        return len(chunk)


def too_large_message(limit: int) -> str:
    """The message for a file over the upload limit (`limit` in bytes), wherever it comes."""
    return _("The file is too large: the limit is %(size)s.") % {"size": units.size_cap(limit)}


def too_many_rows_message(limit: int) -> str:
    return _(
        "The file holds more than %(count)s sessions, more than one import takes. "
        "Split it into smaller files."
    ) % {"count": f"{limit:,}"}


def as_utc(moment: datetime | None) -> datetime | None:
    """The moment in UTC, or None when there is none or it lies outside the calendar (a
    year-1 time with an offset east of Greenwich)."""
    if moment is None:
        return None
    # A time without a zone in an activity file is UTC by the formats' conventions.
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except (OverflowError, ValueError):
        return None


def parse_iso(text: str) -> datetime | None:
    try:
        return as_utc(datetime.fromisoformat(text.strip()))
    except (ValueError, OverflowError):
        return None


def number(text: str) -> float | None:
    try:
        value = float(text.strip())
    except ValueError:
        return None
    if not math.isfinite(value) or value < 0:
        return None
    return value


def rounded(value: float | None) -> int | None:
    return None if value is None or not math.isfinite(value) else round(value)


def day(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d")


def not_a_foot_session(sport: str) -> str:
    return _("%(sport)s is not a running, walking or strength session") % {"sport": sport}
