"""Strava: an activities.csv, or the export .zip it comes in, read one row at a time."""

from __future__ import annotations

import csv
import io
import re
import struct
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import IO, BinaryIO, Final, TextIO

from django.utils.translation import gettext as _

from logbook.imports.base import (
    ImportedActivity,
    ImportFileError,
    LimitedReader,
    SkippedActivity,
    day,
    not_a_foot_session,
    number,
    parse_iso,
    rounded,
    too_large_message,
    too_many_rows_message,
)

# activities.csv of a decade of daily training is a few MB; anything near this is not one.
MAX_STRAVA_CSV_BYTES: Final = 200 * 1024 * 1024
# Text CSV deflates well (a Strava row is mostly empty columns) but not a thousandfold.
MAX_ZIP_COMPRESSION_RATIO: Final = 200
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
        return parse_iso(text) if text.strip() else None
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
                return rounded(number(row[self.distance_position]))
            return None
        if self.display_distance_position is not None and self.display_distance_position < len(row):
            kilometres = number(row[self.display_distance_position])
            return None if kilometres is None else rounded(kilometres * 1000)
        return None


def iter_strava_csv(
    stream: TextIO, *, max_rows: int
) -> Iterator[ImportedActivity | SkippedActivity]:
    """Activities of a Strava activities.csv, one row at a time; more than max_rows
    activities refuse the file."""
    reader = csv.reader(stream)
    rows = 0
    try:
        try:
            header = next(reader)
        except StopIteration:
            raise ImportFileError(_("The file is empty.")) from None
        columns = _StravaColumns(header)
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            rows += 1
            if rows > max_rows:
                raise ImportFileError(too_many_rows_message(max_rows))
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
        "date": day(start) if start else raw_date,
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
        return SkippedActivity(description=description, reason=not_a_foot_session(sport))
    kind, surface_hint = mapped
    return ImportedActivity(
        start=start,
        kind=kind,
        source="strava",
        duration_s=rounded(number(columns.value(row, "Elapsed Time"))),
        distance_m=columns.distance_m(row),
        elevation_gain_m=rounded(number(columns.value(row, "Elevation Gain"))),
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


def iter_strava_zip(
    fileobj: BinaryIO, *, max_rows: int
) -> Iterator[ImportedActivity | SkippedActivity]:
    """Activities of a Strava export .zip, streaming its activities.csv and nothing else."""
    try:
        with zipfile.ZipFile(fileobj) as archive:
            info = _find_activities_csv(archive)
            if info.file_size > MAX_STRAVA_CSV_BYTES:
                raise ImportFileError(too_large_message(MAX_STRAVA_CSV_BYTES))
            if info.file_size > max(info.compress_size, 1) * MAX_ZIP_COMPRESSION_RATIO:
                raise ImportFileError(
                    _("The activities.csv in this .zip file is packed suspiciously tightly.")
                )
            with archive.open(info) as packed:
                # The sizes in the zip directory can lie: count what really comes out.
                limited = io.BufferedReader(
                    LimitedReader(
                        b"", packed, MAX_STRAVA_CSV_BYTES, too_large_message(MAX_STRAVA_CSV_BYTES)
                    )
                )
                yield from iter_strava_csv(text_stream(limited), max_rows=max_rows)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, struct.error) as error:
        raise ImportFileError(_("The .zip file is damaged.")) from error
    except RuntimeError as error:  # an encrypted entry
        raise ImportFileError(_("The .zip file is protected with a password.")) from error
    except NotImplementedError as error:
        raise ImportFileError(
            _("The .zip file is packed in a way that cannot be read here.")
        ) from error


def text_stream(binary: IO[bytes]) -> TextIO:
    # newline="" lets the csv module handle line breaks inside quoted descriptions.
    return io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")
