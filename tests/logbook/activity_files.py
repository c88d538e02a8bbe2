"""Activity files for the import tests: where they are, how to parse them, and a tiny
FIT file built here."""

import io
import struct
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from fitdecode.utils import compute_crc

from logbook.imports import ImportedActivity, ParseResult, parse_fit, parse_upload

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA = REPO_ROOT / "tests" / "data" / "activities"
SHARED_FIXTURES = REPO_ROOT / ".." / "shared" / "fixtures" / "activities"


def max_rows() -> int:
    """The sessions one file may hold, as the app reads them (IMPORT_MAX_ROWS)."""
    return int(settings.IMPORT_MAX_ROWS)


def upload(name: str, *, kind: str = "run") -> ParseResult:
    with (DATA / name).open("rb") as fileobj:
        return parse_upload(
            name,
            fileobj,
            default_kind=kind,
            max_bytes=settings.IMPORT_MAX_UPLOAD_BYTES,
            max_rows=max_rows(),
        )


def upload_bytes(name: str, data: bytes, *, max_bytes: int | None = None) -> ParseResult:
    limit = settings.IMPORT_MAX_UPLOAD_BYTES if max_bytes is None else max_bytes
    return parse_upload(name, io.BytesIO(data), max_bytes=limit, max_rows=max_rows())


def utc(year: int, month: int, day: int, hour: int, minute: int, second: int) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def only_activity(result: ParseResult) -> ImportedActivity:
    assert len(result.activities) == 1, result
    return result.activities[0]


FIT_EPOCH = utc(1989, 12, 31, 0, 0, 0)
FIT_SPORTS = {"running": 1, "cycling": 2, "training": 10, "walking": 11}
FIT_SUB_SPORTS = {"generic": 0, "treadmill": 1, "trail": 3, "strength_training": 20}
FIT_RUN_START = utc(2024, 5, 1, 6, 0, 0)


def fit_record(local_type: int, global_number: int, fields: list[tuple[int, str, int]]) -> bytes:
    """A definition and a data message (little-endian) for (field number, format, value)."""
    base_types = {"B": (1, 0x00), "H": (2, 0x84), "I": (4, 0x86)}
    definition = struct.pack("<BBBHB", 0x40 | local_type, 0, 0, global_number, len(fields))
    for number, fmt, _value in fields:
        size, base_type = base_types[fmt]
        definition += struct.pack("<BBB", number, size, base_type)
    data = struct.pack("<B", local_type) + b"".join(
        struct.pack("<" + fmt, value) for _number, fmt, value in fields
    )
    return definition + data


def fit_file(
    *,
    sport: str = "running",
    sub_sport: str = "generic",
    start: datetime = FIT_RUN_START,
    elapsed_s: float = 1800.4,
    distance_m: float = 5012.3,
    ascent_m: int = 42,
    with_session: bool = True,
) -> bytes:
    start_fit = int((start - FIT_EPOCH).total_seconds())
    records = fit_record(0, 0, [(0, "B", 4)])  # file_id: an activity file
    if with_session:
        records += fit_record(
            1,
            18,
            [
                (253, "I", start_fit + int(elapsed_s)),
                (2, "I", start_fit),
                (7, "I", round(elapsed_s * 1000)),
                (9, "I", round(distance_m * 100)),
                (22, "H", ascent_m),
                (5, "B", FIT_SPORTS[sport]),
                (6, "B", FIT_SUB_SPORTS[sub_sport]),
            ],
        )
    header = struct.pack("<BBHI4s", 14, 0x20, 2093, len(records), b".FIT")
    header += struct.pack("<H", compute_crc(header))
    body = header + records
    return body + struct.pack("<H", compute_crc(body))


def parse_fit_bytes(data: bytes) -> ParseResult:
    with io.BytesIO(data) as fileobj:
        return parse_fit(fileobj, max_rows=max_rows())


def strava_zip(csv_name: str = "activities.csv", csv_data: bytes | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("profile.csv", "Athlete ID,Email Address\n1,runner@example.com\n")
        if csv_name:
            archive.writestr(csv_name, csv_data or (DATA / "activities.csv").read_bytes())
        archive.writestr("activities/14711111111.fit.gz", b"\x1f\x8b" + b"\x00" * 64)
        archive.writestr("activities/14722222222.gpx", (DATA / "morning-run.gpx").read_bytes())
    return buffer.getvalue()
