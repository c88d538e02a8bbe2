"""Activity files (GPX, TCX, FIT, Strava activities.csv or export .zip) to plain session values.

Nothing here touches the database: services decide what to store. Every broken or foreign
file raises ImportFileError with a message for the upload form, and nothing is returned for
it in part. A session that is readable but not a run, walk or strength session (a ride, a
swim) is returned as a SkippedActivity with the reason, so the runner sees what was left out.

Truncated FIT files are refused as a whole ("ends early") rather than importing the sessions
read before the break: a watch writes the session summary at the end, so a cut file rarely
holds a whole session, and a half import is harder to explain than "export it again".
"""

import codecs
import csv
import dataclasses
import io
import itertools
import re
import struct
import zipfile
from collections.abc import Buffer, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import IO, Any, BinaryIO, Final, TextIO
from xml.etree.ElementTree import Element, ParseError

import defusedxml  # type: ignore[import-untyped,unused-ignore]
import defusedxml.ElementTree as SafeET  # type: ignore[import-untyped,unused-ignore]
import fitdecode  # type: ignore[import-untyped,unused-ignore]
import gpxpy
import gpxpy.gpx
from django.utils.translation import gettext as _

from logbook.tracks import TrackPoint

GPX_KINDS: Final = ("run", "walk")

MAX_UPLOAD_BYTES: Final = 50 * 1024 * 1024
# activities.csv of a decade of daily training is a few MB; anything near this is not one.
MAX_STRAVA_CSV_BYTES: Final = 200 * 1024 * 1024
# Text CSV deflates well (a Strava row is mostly empty columns) but not a thousandfold.
MAX_ZIP_COMPRESSION_RATIO: Final = 200
HEAD_BYTES: Final = 4096

_EXTENSION_FORMATS: Final = {
    ".gpx": "gpx",
    ".tcx": "tcx",
    ".fit": "fit",
    ".csv": "strava_csv",
    ".zip": "strava_zip",
}


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
    # The recorded points, where the file has positions (GPX, TCX): drawn as the route.
    track: tuple[TrackPoint, ...] = ()


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


def _supported_formats_message() -> str:
    return _("Upload a GPX, TCX or FIT file, a Strava activities.csv or a Strava export .zip file.")


# --- Recognising the file ----------------------------------------------------------------


def _extension(filename: str) -> str:
    dot = filename.rfind(".")
    return filename[dot:].lower() if dot > filename.replace("\\", "/").rfind("/") else ""


def _decode_head(head: bytes) -> str:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return head.decode("utf-16", errors="ignore")
    return head.decode("utf-8", errors="replace").lstrip("\ufeff")


_XML_ROOT = re.compile(r"<([A-Za-z_][\w.:-]*)")


def _xml_root_name(text: str) -> str:
    """Local name of the first element in the text, skipping the prolog; "" if none yet."""
    position = 0
    while True:
        start = text.find("<", position)
        if start == -1:
            return ""
        if text.startswith(("<?", "<!"), start):
            position = start + 2
            continue
        match = _XML_ROOT.match(text, start)
        return match.group(1).rpartition(":")[2] if match else ""


def _sniff(head: bytes) -> str:
    if not head.strip():
        return "empty"
    if len(head) >= 12 and head[0] in (12, 14) and head[8:12] == b".FIT":
        return "fit"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    text = _decode_head(head)
    if "\x00" in text or text.count("\ufffd") > len(text) // 20:
        return "binary"
    stripped = text.lstrip()
    if stripped.startswith("<"):
        root = _xml_root_name(stripped)
        if root == "gpx":
            return "gpx"
        if root == "TrainingCenterDatabase":
            return "tcx"
        return "xml" if root == "" else "other_xml"
    first_line = stripped.split("\n", 1)[0]
    if "Activity Date" in first_line or "Activity Type" in first_line:
        return "strava_csv"
    return "text"


def detect_format(filename: str, head: bytes) -> str:
    """ "gpx", "tcx", "fit", "strava_csv" or "strava_zip", from the name and the first bytes.

    The content decides; a name that promises one format over content of another is refused,
    because it usually means the wrong file was picked.
    """
    expected = _EXTENSION_FORMATS.get(_extension(filename), "")
    found = _sniff(head)
    if found == "empty":
        raise ImportFileError(_("The file is empty."))
    if found == "gzip":
        raise ImportFileError(
            _("This file is compressed (gzip). Unpack it first and upload the file inside.")
        )
    if found == "zip":
        found = "strava_zip"
    if found == "xml" and expected in ("gpx", "tcx"):
        # The root element lies beyond the first bytes; the parser will check it.
        found = expected
    if found == "text" and expected == "strava_csv":
        # The header check names the columns that are missing.
        found = expected
    if found in _EXTENSION_FORMATS.values():
        if expected and expected != found:
            raise ImportFileError(_not_what_it_says(expected))
        return found
    if expected == "fit" and found in ("binary", "text"):
        raise ImportFileError(_("This is not a FIT file (its header is damaged)."))
    if expected:
        raise ImportFileError(_not_what_it_says(expected))
    if found in ("xml", "other_xml"):
        raise ImportFileError(
            _("This XML file is neither GPX nor TCX. %(formats)s")
            % {"formats": _supported_formats_message()}
        )
    raise ImportFileError(
        _("This file type is not supported. %(formats)s")
        % {"formats": _supported_formats_message()}
    )


def _not_what_it_says(expected: str) -> str:
    messages = {
        "gpx": _("This is not a GPX file, although its name ends in .gpx."),
        "tcx": _("This is not a TCX file, although its name ends in .tcx."),
        "fit": _("This is not a FIT file, although its name ends in .fit."),
        "strava_csv": _("This is not a CSV text file, although its name ends in .csv."),
        "strava_zip": _("This is not a .zip file, although its name ends in .zip."),
    }
    return messages[expected]


# --- Reading uploads safely ----------------------------------------------------------------


class _LimitedReader(io.RawIOBase):
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


def _too_large_message(limit: int) -> str:
    return _("The file is too large: the limit is %(megabytes)d MB.") % {
        "megabytes": limit // (1024 * 1024)
    }


def parse_upload(
    filename: str,
    fileobj: BinaryIO,
    *,
    default_kind: str = "run",
    max_bytes: int = MAX_UPLOAD_BYTES,
) -> ParseResult:
    """Everything in one uploaded file, or ImportFileError and nothing.

    max_bytes limits how much of a GPX, TCX, FIT or CSV file is read. A seekable .zip (as
    Django's uploaded files are) is opened in place and only its activities.csv is read, with
    its own cap; a .zip from a stream that cannot seek is first read, up to max_bytes.
    """
    start = fileobj.tell() if fileobj.seekable() else 0
    head = fileobj.read(HEAD_BYTES)
    file_format = detect_format(filename, head)
    if file_format == "strava_zip":
        if fileobj.seekable():
            fileobj.seek(start)
            return _collect(iter_strava_zip(fileobj))
        spooled = io.BytesIO(
            _LimitedReader(head, fileobj, max_bytes, _too_large_message(max_bytes)).readall()
        )
        return _collect(iter_strava_zip(spooled))

    limited = io.BufferedReader(
        _LimitedReader(head, fileobj, max_bytes, _too_large_message(max_bytes))
    )
    if file_format == "strava_csv":
        return _collect(iter_strava_csv(_text_stream(limited)))
    data = limited.read()
    if file_format == "gpx":
        return parse_gpx(io.BytesIO(data), kind=default_kind)
    if file_format == "tcx":
        return parse_tcx(io.BytesIO(data))
    return parse_fit(io.BytesIO(data))


def _collect(items: Iterator[ImportedActivity | SkippedActivity]) -> ParseResult:
    activities: list[ImportedActivity] = []
    skipped: list[SkippedActivity] = []
    for item in items:
        if isinstance(item, ImportedActivity):
            activities.append(item)
        else:
            skipped.append(item)
    return ParseResult(activities=activities, skipped=skipped)


def _text_stream(binary: IO[bytes]) -> TextIO:
    # newline="" lets the csv module handle line breaks inside quoted descriptions.
    return io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")


# --- Small value helpers ---------------------------------------------------------------------


def _as_utc(moment: datetime) -> datetime:
    # A time without a zone in an activity file is UTC by the formats' conventions.
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _parse_iso(text: str) -> datetime | None:
    try:
        return _as_utc(datetime.fromisoformat(text.strip()))
    except ValueError:
        return None


def _number(text: str) -> float | None:
    try:
        value = float(text.strip())
    except ValueError:
        return None
    if value != value or value in (float("inf"), float("-inf")) or value < 0:
        return None
    return value


def _rounded(value: float | None) -> int | None:
    return None if value is None else round(value)


def _day(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d")


def _not_a_foot_session(sport: str) -> str:
    return _("%(sport)s is not a running, walking or strength session") % {"sport": sport}


# --- Strava ------------------------------------------------------------------------------------

# type -> (kind, surface hint); every other type is skipped with its name.
_STRAVA_TYPES: Final = {
    "Run": ("run", ""),
    "Trail Run": ("run", "mixed"),
    "Virtual Run": ("run", "treadmill"),
    "Walk": ("walk", ""),
    "Hike": ("walk", ""),
    "Weight Training": ("strength", ""),
    "Workout": ("strength", ""),
}
_STRAVA_CYCLING: Final = frozenset(
    {
        "Ride",
        "Virtual Ride",
        "E-Bike Ride",
        "Mountain Bike Ride",
        "E-Mountain Bike Ride",
        "Gravel Ride",
        "Handcycle",
        "Velomobile",
    }
)
_STRAVA_REQUIRED: Final = ("Activity Date", "Activity Type", "Elapsed Time")
_MONTHS: Final = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
_STRAVA_DATE = re.compile(
    r"^([A-Za-z]{3})[A-Za-z]*\.? (\d{1,2}), (\d{4}),? (\d{1,2}):(\d{2}):(\d{2})(?: ?([AaPp][Mm]))?$"
)


def _strava_date(text: str) -> datetime | None:
    """ "Aug 15, 2015, 2:45:08 PM" (UTC, English month names) or an ISO date-time."""
    match = _STRAVA_DATE.match(text.strip())
    if match is None:
        return _parse_iso(text) if text.strip() else None
    month_name, day, year, hour, minute, second, meridiem = match.groups()
    month = _MONTHS.get(month_name.lower())
    hour_number = int(hour)
    if meridiem:
        if not 1 <= hour_number <= 12:
            return None
        hour_number = hour_number % 12 + (12 if meridiem.lower() == "pm" else 0)
    if month is None:
        return None
    try:
        return datetime(
            int(year), month, int(day), hour_number, int(minute), int(second), tzinfo=UTC
        )
    except ValueError:
        return None


class _StravaColumns:
    """Column positions by header name; Strava's export repeats some names."""

    def __init__(self, header: list[str]) -> None:
        self.positions: dict[str, list[int]] = {}
        for position, name in enumerate(header):
            self.positions.setdefault(name.strip().lstrip("\ufeff"), []).append(position)
        missing = [name for name in _STRAVA_REQUIRED if name not in self.positions]
        if missing:
            raise ImportFileError(
                _(
                    "This CSV file is not a Strava activities.csv: the column(s) %(columns)s "
                    "are missing."
                )
                % {"columns": ", ".join(f'"{name}"' for name in missing)}
            )
        distances = self.positions.get("Distance", [])
        # The first "Distance" is in the athlete's display unit (km or miles), the second
        # in metres. Without the second, km is the best guess.
        self.distance_position = distances[1] if len(distances) > 1 else None
        self.display_distance_position = distances[0] if len(distances) == 1 else None

    def value(self, row: list[str], name: str) -> str:
        for position in self.positions.get(name, []):
            if position < len(row) and row[position].strip():
                return row[position].strip()
        return ""

    def distance_m(self, row: list[str]) -> int | None:
        if self.distance_position is not None:
            if self.distance_position < len(row):
                return _rounded(_number(row[self.distance_position]))
            return None
        if self.display_distance_position is not None and self.display_distance_position < len(row):
            kilometres = _number(row[self.display_distance_position])
            return None if kilometres is None else round(kilometres * 1000)
        return None


def iter_strava_csv(text_stream: TextIO) -> Iterator[ImportedActivity | SkippedActivity]:
    """Activities of a Strava activities.csv, one row at a time."""
    reader = csv.reader(text_stream)
    try:
        try:
            header = next(reader)
        except StopIteration:
            raise ImportFileError(_("The file is empty.")) from None
        columns = _StravaColumns(header)
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            yield _strava_row(columns, row)
    except csv.Error as error:
        raise ImportFileError(
            _("The CSV file is damaged near line %(line)d.") % {"line": reader.line_num}
        ) from error
    except UnicodeDecodeError as error:
        raise ImportFileError(
            _("The CSV file is not UTF-8 text, as a Strava export is.")
        ) from error


def _strava_row(columns: _StravaColumns, row: list[str]) -> ImportedActivity | SkippedActivity:
    activity_type = columns.value(row, "Activity Type")
    name = columns.value(row, "Activity Name")
    raw_date = columns.value(row, "Activity Date")
    start = _strava_date(raw_date)
    description = _("%(type)s '%(name)s' on %(date)s") % {
        "type": activity_type or _("Activity"),
        "name": name,
        "date": _day(start) if start else raw_date,
    }
    if start is None:
        return SkippedActivity(
            description=description,
            reason=_("its date '%(date)s' could not be read") % {"date": raw_date},
        )
    mapped = _STRAVA_TYPES.get(activity_type)
    if mapped is None:
        if activity_type in _STRAVA_CYCLING:
            sport = _("cycling")
        elif activity_type == "Swim":
            sport = _("swimming")
        else:
            sport = activity_type or _("an activity without a type")
        return SkippedActivity(description=description, reason=_not_a_foot_session(sport))
    kind, surface_hint = mapped
    return ImportedActivity(
        start=start,
        kind=kind,
        source="strava",
        duration_s=_rounded(_number(columns.value(row, "Elapsed Time"))),
        distance_m=columns.distance_m(row),
        elevation_gain_m=_rounded(_number(columns.value(row, "Elevation Gain"))),
        surface_hint=surface_hint,
        name=name,
        external_id=columns.value(row, "Activity ID"),
    )


def _find_activities_csv(archive: zipfile.ZipFile) -> zipfile.ZipInfo:
    entries = [info for info in archive.infolist() if not info.is_dir()]
    for info in entries:
        if info.filename == "activities.csv":
            return info
    # A re-zipped export often has one folder around everything.
    nested = [info for info in entries if re.fullmatch(r"[^/]+/activities\.csv", info.filename)]
    if len(nested) == 1:
        return nested[0]
    raise ImportFileError(
        _(
            "This .zip file holds no activities.csv, so it is not a Strava export. "
            "Upload the .zip file Strava sent you, as it is."
        )
    )


def iter_strava_zip(fileobj: BinaryIO) -> Iterator[ImportedActivity | SkippedActivity]:
    """Activities of a Strava export .zip, streaming its activities.csv and nothing else."""
    try:
        with zipfile.ZipFile(fileobj) as archive:
            info = _find_activities_csv(archive)
            if info.file_size > MAX_STRAVA_CSV_BYTES:
                raise ImportFileError(_too_large_message(MAX_STRAVA_CSV_BYTES))
            if info.file_size > max(info.compress_size, 1) * MAX_ZIP_COMPRESSION_RATIO:
                raise ImportFileError(
                    _("The activities.csv in this .zip file is packed suspiciously tightly.")
                )
            with archive.open(info) as packed:
                # The sizes in the zip directory can lie: count what really comes out.
                limited = io.BufferedReader(
                    _LimitedReader(
                        b"", packed, MAX_STRAVA_CSV_BYTES, _too_large_message(MAX_STRAVA_CSV_BYTES)
                    )
                )
                yield from iter_strava_csv(_text_stream(limited))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, struct.error) as error:
        raise ImportFileError(_("The .zip file is damaged.")) from error
    except RuntimeError as error:  # an encrypted entry
        raise ImportFileError(_("The .zip file is protected with a password.")) from error
    except NotImplementedError as error:
        raise ImportFileError(
            _("The .zip file is packed in a way that cannot be read here.")
        ) from error


# --- XML (GPX and TCX) -----------------------------------------------------------------------


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _safe_xml_root(data: bytes, file_label: str) -> Element:
    """Parse with defusedxml and no DTD at all: entity tricks are refused, never expanded."""
    try:
        root: Element = SafeET.fromstring(data, forbid_dtd=True)
    except defusedxml.DefusedXmlException as error:
        raise ImportFileError(
            _("The %(format)s file declares a document type, which is refused for safety.")
            % {"format": file_label}
        ) from error
    except (ParseError, ValueError) as error:
        raise ImportFileError(
            _("The %(format)s file is damaged: it is not well-formed XML.") % {"format": file_label}
        ) from error
    return root


def _xml_text(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        declared = re.match(rb"""<\?xml[^>]*encoding=["']([A-Za-z0-9._-]+)["']""", data)
        if declared is None:
            raise
        try:
            return data.decode(declared.group(1).decode("ascii"))
        except LookupError:
            raise ImportFileError(_("The file's text encoding is not supported.")) from None


# --- GPX ---------------------------------------------------------------------------------------


def parse_gpx(fileobj: IO[bytes], *, kind: str) -> ParseResult:
    """One session from a GPX file's recorded track(s); GPX has no sport, so kind is given."""
    if kind not in GPX_KINDS:
        raise ValueError(f"A GPX track is a run or a walk, not {kind!r}")
    data = fileobj.read()
    root = _safe_xml_root(data, "GPX")
    if _local(root.tag) != "gpx":
        raise ImportFileError(_("This is not a GPX file."))
    try:
        gpx = gpxpy.parse(_xml_text(data))
    except UnicodeDecodeError as error:
        raise ImportFileError(_("The file's text encoding is not supported.")) from error
    except (gpxpy.gpx.GPXException, ValueError) as error:
        raise ImportFileError(_("The GPX file is damaged and cannot be read.")) from error

    points = [
        point for track in gpx.tracks for segment in track.segments for point in segment.points
    ]
    if not points:
        if any(route.points for route in gpx.routes):
            raise ImportFileError(_("The GPX file holds a planned route but no recorded track."))
        if gpx.waypoints:
            raise ImportFileError(_("The GPX file holds only waypoints, no recorded track."))
        raise ImportFileError(_("The GPX file holds no recorded track."))

    times = [_as_utc(point.time) for point in points if point.time is not None]
    if times:
        start = times[0]
    elif gpx.time is not None:
        start = _as_utc(gpx.time)
    else:
        raise ImportFileError(_("The GPX file has no times, so the day of the session is unknown."))
    # Times on only a few points (an edited or converted file) say little about the whole.
    duration_s: int | None = None
    if len(times) >= 2 and len(times) * 2 >= len(points):
        seconds = round((times[-1] - times[0]).total_seconds())
        duration_s = seconds if seconds > 0 else None

    elevation_gain_m: int | None = None
    if any(point.elevation is not None for point in points):
        elevation_gain_m = round(gpx.get_uphill_downhill().uphill)

    name = next((track.name for track in gpx.tracks if track.name), None) or gpx.name or ""
    track_points = tuple(
        TrackPoint(
            lat=point.latitude,
            lon=point.longitude,
            time=_as_utc(point.time) if point.time is not None else None,
            heart_rate=_gpx_heart_rate(point),
        )
        for point in points
    )
    return ParseResult(
        activities=[
            ImportedActivity(
                start=start,
                kind=kind,
                source="gpx",
                duration_s=duration_s,
                distance_m=round(gpx.length_2d()),
                elevation_gain_m=elevation_gain_m,
                name=name.strip(),
                track=track_points,
            )
        ],
        skipped=[],
    )


def _gpx_heart_rate(point: Any) -> int | None:
    """Garmin's TrackPointExtension <hr>, the usual place for heart rate in a GPX file."""
    for extension in point.extensions or []:
        for element in extension.iter():
            if _local(str(element.tag)) == "hr" and element.text:
                value = _number(element.text)
                return round(value) if value is not None else None
    return None


def _tcx_track(activity: Element) -> tuple[TrackPoint, ...]:
    points: list[TrackPoint] = []
    for trackpoint in _descendants(activity, "Trackpoint"):
        positions = _children(trackpoint, "Position")
        if not positions:
            continue
        lat = _signed_number(_child_text(positions[0], "LatitudeDegrees"))
        lon = _signed_number(_child_text(positions[0], "LongitudeDegrees"))
        if lat is None or lon is None:
            continue
        heart = _children(trackpoint, "HeartRateBpm")
        bpm = _number(_child_text(heart[0], "Value")) if heart else None
        raw_time = _child_text(trackpoint, "Time")
        points.append(
            TrackPoint(
                lat=lat,
                lon=lon,
                time=_parse_iso(raw_time) if raw_time else None,
                heart_rate=round(bpm) if bpm is not None else None,
            )
        )
    return tuple(points)


# --- TCX ---------------------------------------------------------------------------------------

_TCX_SPORTS: Final = {"Running": "run", "Walking": "walk", "Hiking": "walk"}


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element if _local(child.tag) == name]


def _descendants(element: Element, name: str) -> list[Element]:
    return [child for child in element.iter() if _local(child.tag) == name]


def _child_text(element: Element, name: str) -> str:
    for child in element:
        if _local(child.tag) == name:
            return (child.text or "").strip()
    return ""


def parse_tcx(fileobj: IO[bytes]) -> ParseResult:
    """Each Activity of a TCX file, with the laps' own totals."""
    root = _safe_xml_root(fileobj.read(), "TCX")
    if _local(root.tag) != "TrainingCenterDatabase":
        raise ImportFileError(_("This is not a TCX file."))
    activities_elements = _descendants(root, "Activity")
    if not activities_elements:
        if _descendants(root, "Course"):
            raise ImportFileError(
                _("The TCX file holds a planned course but no recorded activity.")
            )
        raise ImportFileError(_("The TCX file holds no recorded activity."))

    activities: list[ImportedActivity] = []
    skipped: list[SkippedActivity] = []
    for activity in activities_elements:
        item = _tcx_activity(activity)
        if isinstance(item, ImportedActivity):
            activities.append(item)
        else:
            skipped.append(item)
    return ParseResult(activities=activities, skipped=skipped)


def _tcx_activity(activity: Element) -> ImportedActivity | SkippedActivity:
    sport = activity.get("Sport", "").strip()
    laps = _children(activity, "Lap")
    raw_start = _child_text(activity, "Id") or (laps[0].get("StartTime", "") if laps else "")
    start = _parse_iso(raw_start) if raw_start else None
    description = _("%(type)s activity on %(date)s") % {
        "type": sport or _("Unknown"),
        "date": _day(start) if start else raw_start,
    }
    if start is None:
        return SkippedActivity(
            description=description,
            reason=_("its start time '%(date)s' could not be read") % {"date": raw_start},
        )
    kind = _TCX_SPORTS.get(sport)
    if kind is None:
        if sport == "Biking":
            reason = _not_a_foot_session(_("cycling"))
        elif sport == "Other" or not sport:
            reason = _("the file does not say it was a run or a walk (its sport is 'Other')")
        else:
            reason = _not_a_foot_session(sport)
        return SkippedActivity(description=description, reason=reason)

    lap_seconds = [_number(_child_text(lap, "TotalTimeSeconds")) for lap in laps]
    lap_metres = [_number(_child_text(lap, "DistanceMeters")) for lap in laps]
    known_seconds = [value for value in lap_seconds if value is not None]
    known_metres = [value for value in lap_metres if value is not None]

    altitudes = [
        value
        for trackpoint in _descendants(activity, "Trackpoint")
        if (value := _signed_number(_child_text(trackpoint, "AltitudeMeters"))) is not None
    ]
    elevation_gain_m = (
        round(sum(max(b - a, 0.0) for a, b in itertools.pairwise(altitudes))) if altitudes else None
    )
    return ImportedActivity(
        start=start,
        kind=kind,
        source="tcx",
        duration_s=round(sum(known_seconds)) if known_seconds else None,
        distance_m=round(sum(known_metres)) if known_metres else None,
        elevation_gain_m=elevation_gain_m,
        track=_tcx_track(activity),
    )


def _signed_number(text: str) -> float | None:
    # Altitudes may be below sea level.
    try:
        value = float(text)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


# --- FIT ---------------------------------------------------------------------------------------

# sport -> kind; sub_sport refines "training" and the surface.
_FIT_SPORTS: Final = {"running": "run", "walking": "walk", "hiking": "walk"}
_FIT_STRENGTH_SUB_SPORTS: Final = frozenset({"strength_training", "cardio_training", "generic"})
_FIT_SURFACES: Final = {
    "treadmill": "treadmill",
    "virtual_activity": "treadmill",
    "indoor_running": "treadmill",
    "indoor_walking": "treadmill",
    "trail": "mixed",
    "track": "track",
}
_FIT_SPORT_WORDS: Final = {"cycling": "cycling", "swimming": "swimming"}


@dataclass(frozen=True)
class _FitSession:
    sport: str
    sub_sport: str
    start: datetime | None
    elapsed_s: float | None
    distance_m: float | None
    ascent_m: float | None
    track: tuple[TrackPoint, ...] = ()


def _fit_float(value: object) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None


# FIT positions are in semicircles: 2^31 of them make 180 degrees.
_SEMICIRCLE_DEGREES: Final = 180 / 2**31


def _fit_record(fields: dict[str, object]) -> TrackPoint | None:
    lat, lon, moment = (
        fields.get("position_lat"),
        fields.get("position_long"),
        fields.get("timestamp"),
    )
    if not isinstance(lat, int) or not isinstance(lon, int) or not isinstance(moment, datetime):
        return None
    heart_rate = fields.get("heart_rate")
    return TrackPoint(
        lat=lat * _SEMICIRCLE_DEGREES,
        lon=lon * _SEMICIRCLE_DEGREES,
        time=_as_utc(moment),
        heart_rate=heart_rate if isinstance(heart_rate, int) else None,
    )


def fit_track(records: list[TrackPoint], session: _FitSession) -> tuple[TrackPoint, ...]:
    """The records that fall within one session (a multisport file has several)."""
    if session.start is None:
        return ()
    end = session.start + timedelta(seconds=session.elapsed_s or 0)
    return tuple(p for p in records if p.time is not None and session.start <= p.time <= end)


def _fit_sessions(fileobj: IO[bytes]) -> list[_FitSession]:
    """Session summaries, decoded with fitdecode; a checksum mismatch means a damaged file."""
    sessions: list[_FitSession] = []
    records: list[TrackPoint] = []
    try:
        with fitdecode.FitReader(fileobj, check_crc=fitdecode.CrcCheck.RAISE) as reader:
            for frame in reader:
                if isinstance(frame, fitdecode.FitDataMessage) and frame.name == "record":
                    point = _fit_record({field.name: field.value for field in frame.fields})
                    if point is not None:
                        records.append(point)
                    continue
                if not isinstance(frame, fitdecode.FitDataMessage) or frame.name != "session":
                    continue
                fields = {field.name: field.value for field in frame.fields}
                start = fields.get("start_time")
                elapsed = fields.get("total_elapsed_time")
                if elapsed is None:
                    elapsed = fields.get("total_timer_time")
                sessions.append(
                    _FitSession(
                        sport=str(fields.get("sport") or ""),
                        sub_sport=str(fields.get("sub_sport") or ""),
                        start=_as_utc(start) if isinstance(start, datetime) else None,
                        elapsed_s=_fit_float(elapsed),
                        distance_m=_fit_float(fields.get("total_distance")),
                        ascent_m=_fit_float(fields.get("total_ascent")),
                    )
                )
    except fitdecode.FitHeaderError as error:
        raise ImportFileError(_("This is not a FIT file (its header is damaged).")) from error
    except fitdecode.FitEOFError as error:
        raise ImportFileError(
            _("The FIT file ends early: it was not copied or exported completely. Try again.")
        ) from error
    except fitdecode.FitCRCError as error:
        raise ImportFileError(
            _("The FIT file is damaged: its checksum does not match its contents.")
        ) from error
    except (fitdecode.FitError, ValueError, KeyError, IndexError, TypeError, struct.error) as error:
        raise ImportFileError(_("The FIT file is damaged and cannot be read.")) from error
    return [dataclasses.replace(s, track=fit_track(records, s)) for s in sessions]


def parse_fit(fileobj: IO[bytes]) -> ParseResult:
    """Each session of a FIT activity file (a multisport file has several)."""
    sessions = _fit_sessions(fileobj)
    if not sessions:
        raise ImportFileError(
            _("The FIT file holds no activity (it may be a settings, course or workout file).")
        )
    activities: list[ImportedActivity] = []
    skipped: list[SkippedActivity] = []
    for session in sessions:
        item = _fit_activity(session)
        if isinstance(item, ImportedActivity):
            activities.append(item)
        else:
            skipped.append(item)
    return ParseResult(activities=activities, skipped=skipped)


def _fit_activity(session: _FitSession) -> ImportedActivity | SkippedActivity:
    sport_label = session.sport.replace("_", " ") or _("unknown sport")
    description = _("%(type)s session on %(date)s") % {
        "type": sport_label.capitalize(),
        "date": _day(session.start) if session.start else _("an unknown day"),
    }
    if session.start is None:
        return SkippedActivity(description=description, reason=_("it has no start time"))
    kind = _FIT_SPORTS.get(session.sport)
    if session.sport == "training" and session.sub_sport in _FIT_STRENGTH_SUB_SPORTS:
        kind = "strength"
    if session.sport == "fitness_equipment" and session.sub_sport == "treadmill":
        kind = "run"
    if kind is None:
        sport_word = _FIT_SPORT_WORDS.get(session.sport)
        if sport_word == "cycling":
            reason = _not_a_foot_session(_("cycling"))
        elif sport_word == "swimming":
            reason = _not_a_foot_session(_("swimming"))
        else:
            label = session.sub_sport if session.sport == "training" else session.sport
            reason = _not_a_foot_session(label.replace("_", " ") or _("an unknown sport"))
        return SkippedActivity(description=description, reason=reason)
    return ImportedActivity(
        start=session.start,
        kind=kind,
        source="fit",
        duration_s=_rounded(session.elapsed_s),
        distance_m=_rounded(session.distance_m),
        elevation_gain_m=_rounded(session.ascent_m),
        surface_hint=_FIT_SURFACES.get(session.sub_sport, "") if kind != "strength" else "",
        track=session.track if kind != "strength" else (),
    )
