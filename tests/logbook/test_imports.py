"""Activity files to plain values: pure tests, no database."""

import io
import struct
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fitdecode.utils import compute_crc

from logbook import imports
from logbook.imports import (
    ImportedActivity,
    ImportFileError,
    ParseResult,
    SkippedActivity,
    detect_format,
    iter_strava_csv,
    iter_strava_zip,
    parse_fit,
    parse_gpx,
    parse_tcx,
    parse_upload,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA = REPO_ROOT / "tests" / "data" / "activities"
SHARED_FIXTURES = REPO_ROOT / ".." / "shared" / "fixtures" / "activities"


def upload(name: str, *, kind: str = "run") -> ParseResult:
    with (DATA / name).open("rb") as fileobj:
        return parse_upload(name, fileobj, default_kind=kind)


def upload_bytes(
    name: str, data: bytes, *, max_bytes: int = imports.MAX_UPLOAD_BYTES
) -> ParseResult:
    return parse_upload(name, io.BytesIO(data), max_bytes=max_bytes)


def utc(year: int, month: int, day: int, hour: int, minute: int, second: int) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def only_activity(result: ParseResult) -> ImportedActivity:
    assert len(result.activities) == 1, result
    return result.activities[0]


# --- Recognising the file -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ("morning-run.gpx", "gpx"),
        ("run-and-ride.tcx", "tcx"),
        ("activities.csv", "strava_csv"),
    ],
)
def test_detect_format_reads_the_content(filename: str, expected: str) -> None:
    assert detect_format(filename, (DATA / filename).read_bytes()[:4096]) == expected


def test_detect_format_recognises_a_gpx_under_another_name() -> None:
    assert detect_format("export.xml", (DATA / "morning-run.gpx").read_bytes()) == "gpx"


def test_detect_format_recognises_fit_and_zip_headers() -> None:
    assert detect_format("watch.fit", fit_file()[:64]) == "fit"
    assert detect_format("export_123.zip", strava_zip()[:64]) == "strava_zip"


def test_empty_file_is_refused() -> None:
    with pytest.raises(ImportFileError, match="empty"):
        upload_bytes("run.gpx", b"")


def test_binary_junk_named_fit_is_not_a_fit_file() -> None:
    with pytest.raises(ImportFileError, match="not a FIT file"):
        upload_bytes("run.fit", bytes(range(256)) * 4)


def test_fit_content_named_gpx_is_refused() -> None:
    with pytest.raises(ImportFileError, match="not a GPX file"):
        upload_bytes("run.gpx", fit_file())


def test_tcx_content_named_gpx_is_refused() -> None:
    with pytest.raises(ImportFileError, match="not a GPX file"):
        upload_bytes("run.gpx", (DATA / "run-and-ride.tcx").read_bytes())


def test_xml_that_is_neither_gpx_nor_tcx_is_refused() -> None:
    kml = b'<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"></kml>'
    with pytest.raises(ImportFileError, match="neither GPX nor TCX"):
        upload_bytes("track.xml", kml)
    with pytest.raises(ImportFileError, match="not a GPX file"):
        upload_bytes("track.gpx", kml)


def test_unsupported_file_type_is_refused() -> None:
    with pytest.raises(ImportFileError, match="not supported"):
        upload_bytes("notes.txt", b"ran 5k today, felt fine\n")


def test_gzipped_file_is_refused_with_a_hint_to_unpack() -> None:
    with pytest.raises(ImportFileError, match="Unpack"):
        upload_bytes("1234.fit.gz", b"\x1f\x8b\x08\x00" + b"\x00" * 32)


def test_file_over_the_size_limit_is_refused() -> None:
    data = (DATA / "morning-run.gpx").read_bytes()
    with pytest.raises(ImportFileError, match="too large"):
        upload_bytes("run.gpx", data, max_bytes=len(data) - 1)


# --- GPX -----------------------------------------------------------------------------------


def test_gpx_track_gives_start_duration_distance_and_climb() -> None:
    run = only_activity(upload("morning-run.gpx"))
    assert run.source == "gpx"
    assert run.kind == "run"
    assert run.start == utc(2024, 5, 1, 6, 0, 0)
    assert run.duration_s == 270
    # Two segments of 2 and 1 steps of 0.001 degree latitude (111.2 m); the gap between
    # segments is not distance covered.
    assert run.distance_m == pytest.approx(334, abs=1)
    assert run.elevation_gain_m == 12
    assert run.name == "Morning loop"


def test_gpx_kind_comes_from_the_caller() -> None:
    assert only_activity(upload("morning-run.gpx", kind="walk")).kind == "walk"


def test_gpx_cannot_be_a_strength_session() -> None:
    with (DATA / "morning-run.gpx").open("rb") as fileobj, pytest.raises(ValueError):
        parse_gpx(fileobj, kind="strength")


def test_gpx_without_point_times_leaves_duration_to_the_runner() -> None:
    walk = only_activity(upload("no-times.gpx"))
    assert walk.duration_s is None
    assert walk.start == utc(2024, 5, 2, 7, 30, 0)
    assert walk.distance_m == pytest.approx(222, abs=1)
    assert walk.elevation_gain_m is None


def test_gpx_with_times_on_only_its_last_points_has_no_known_start() -> None:
    walk = only_activity(upload("lake-walk-few-times.gpx", kind="walk"))
    assert walk.start_known is False
    assert walk.duration_s is None
    assert walk.distance_m == only_activity(upload("lake-walk.gpx")).distance_m


def gpx_line(times: list[str | None]) -> bytes:
    """Points 0.001 degree of latitude (111 m) apart, with the given times."""
    points = "".join(
        f'<trkpt lat="{52 + index / 1000:.3f}" lon="5">'
        + (f"<time>{moment}</time>" if moment else "")
        + "</trkpt>"
        for index, moment in enumerate(times)
    )
    return (
        '<gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1">'
        f"<trk><trkseg>{points}</trkseg></trk></gpx>"
    ).encode()


@pytest.mark.parametrize(
    ("times", "start_known", "duration_s"),
    [
        # Every point timed: start and duration.
        ([f"2024-05-01T06:0{m}:00Z" for m in range(5)], True, 240),
        # First and last only: the times span the whole track, but half the points lack
        # one, which says the file was edited: the start stands, the duration is asked for.
        (["2024-05-01T06:00:00Z", None, None, None, "2024-05-01T06:04:00Z"], True, None),
        # The first point lacks its time (1 of 20 steps, 5 % of the way): still the start.
        ([None, *(f"2024-05-01T06:{m:02d}:00Z" for m in range(20))], True, 1140),
        # The first time lies a quarter of the way in: neither start nor duration.
        ([None, None, *(f"2024-05-01T06:0{m}:00Z" for m in range(6))], False, None),
    ],
)
def test_gpx_start_needs_a_time_near_the_beginning_of_the_track(
    times: list[str | None], start_known: bool, duration_s: int | None
) -> None:
    activity = only_activity(upload_bytes("walk.gpx", gpx_line(times)))
    assert activity.start_known is start_known
    assert activity.duration_s == duration_s


def test_gpx_without_any_time_is_refused() -> None:
    data = (
        (DATA / "no-times.gpx")
        .read_bytes()
        .replace(b"<metadata><time>2024-05-02T07:30:00Z</time></metadata>", b"")
    )
    with pytest.raises(ImportFileError, match="no times"):
        upload_bytes("run.gpx", data)


def test_gpx_with_only_a_planned_route_is_refused() -> None:
    with pytest.raises(ImportFileError, match="planned route but no recorded track"):
        upload("route-only.gpx")


def test_gpx_entity_expansion_is_refused() -> None:
    bomb = (
        b'<?xml version="1.0"?>\n<!DOCTYPE gpx [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
        b'<gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1">'
        b"<trk><name>&b;</name></trk></gpx>"
    )
    with pytest.raises(ImportFileError, match="refused for safety"):
        upload_bytes("run.gpx", bomb)


def test_gpx_external_entity_is_refused() -> None:
    xxe = (
        b'<?xml version="1.0"?>\n<!DOCTYPE gpx [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'
        b'<gpx version="1.1"><trk><name>&secret;</name></trk></gpx>'
    )
    with pytest.raises(ImportFileError, match="refused for safety"):
        upload_bytes("run.gpx", xxe)


def test_gpx_that_is_not_well_formed_is_refused() -> None:
    data = (DATA / "morning-run.gpx").read_bytes()
    with pytest.raises(ImportFileError, match="not well-formed"):
        upload_bytes("run.gpx", data[: len(data) // 2])


# --- TCX -----------------------------------------------------------------------------------


def test_tcx_run_sums_its_laps() -> None:
    result = upload("run-and-ride.tcx")
    run = only_activity(result)
    assert run.source == "tcx"
    assert run.kind == "run"
    assert run.start == utc(2024, 5, 3, 17, 0, 0)
    assert run.duration_s == 1200
    assert run.distance_m == 3500
    # Climbs of 4 m and 5 m between trackpoints; the descent does not count.
    assert run.elevation_gain_m == 9


def test_tcx_biking_is_skipped_with_a_reason() -> None:
    skipped = upload("run-and-ride.tcx").skipped
    assert skipped == [
        SkippedActivity(
            description="Biking activity on 2024-05-04",
            reason="cycling is not a running, walking or strength session",
        )
    ]


def test_tcx_walking_and_other() -> None:
    data = (
        (DATA / "run-and-ride.tcx")
        .read_bytes()
        .replace(b'Sport="Running"', b'Sport="Walking"')
        .replace(b'Sport="Biking"', b'Sport="Other"')
    )
    with io.BytesIO(data) as fileobj:
        result = parse_tcx(fileobj)
    assert only_activity(result).kind == "walk"
    assert "Other" in result.skipped[0].reason


def test_tcx_without_activities_is_refused() -> None:
    data = (
        b'<?xml version="1.0"?><TrainingCenterDatabase '
        b'xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">'
        b"<Activities/></TrainingCenterDatabase>"
    )
    with pytest.raises(ImportFileError, match="no recorded activity"):
        upload_bytes("run.tcx", data)


def test_tcx_with_a_document_type_is_refused() -> None:
    data = (
        b'<?xml version="1.0"?><!DOCTYPE TrainingCenterDatabase [<!ENTITY x "x">]>'
        b"<TrainingCenterDatabase><Activities/></TrainingCenterDatabase>"
    )
    with pytest.raises(ImportFileError, match="refused for safety"):
        upload_bytes("run.tcx", data)


# --- Strava activities.csv ---------------------------------------------------------------


def strava_result() -> ParseResult:
    return upload("activities.csv")


def strava_activity(name: str) -> ImportedActivity:
    return next(item for item in strava_result().activities if item.name == name)


def test_strava_csv_uses_the_metres_distance_column() -> None:
    # The first "Distance" holds 5.60 (miles, the athlete's display unit); the second 9008.2 m.
    assert strava_activity("Lunch Run").distance_m == 9008


def test_strava_csv_reads_elapsed_time_climb_and_id() -> None:
    run = strava_activity("Lunch Run")
    assert run.duration_s == 2832
    assert run.elevation_gain_m == 64
    assert run.external_id == "14711111111"
    assert run.source == "strava"


def test_strava_csv_dates_are_utc() -> None:
    assert strava_activity("Lunch Run").start == utc(2015, 8, 15, 14, 45, 8)
    assert strava_activity("Treadmill intervals").start == utc(2024, 5, 2, 19, 0, 0)
    assert strava_activity("Night hike").start == utc(2024, 5, 4, 0, 15, 0)


@pytest.mark.parametrize(
    ("name", "kind", "surface_hint"),
    [
        ("Lunch Run", "run", ""),
        ("Forest loop", "run", "mixed"),
        ("Treadmill intervals", "run", "treadmill"),
        ("Lunch walk", "walk", ""),
        ("Night hike", "walk", ""),
        ("Hip programme", "strength", ""),
    ],
)
def test_strava_csv_maps_activity_types(name: str, kind: str, surface_hint: str) -> None:
    activity = strava_activity(name)
    assert (activity.kind, activity.surface_hint) == (kind, surface_hint)


def test_strava_csv_skips_ride_and_swim_with_reasons() -> None:
    skipped = {item.description: item.reason for item in strava_result().skipped}
    assert skipped["Ride 'Morning Ride' on 2024-05-01"] == (
        "cycling is not a running, walking or strength session"
    )
    assert skipped["Swim 'Pool' on 2024-05-06"] == (
        "swimming is not a running, walking or strength session"
    )


def test_strava_csv_skips_other_types_naming_them() -> None:
    skipped = {item.description: item.reason for item in strava_result().skipped}
    assert "Yoga" in skipped["Yoga 'Stretch' on 2024-05-07"]


def test_strava_csv_row_with_a_bad_date_is_skipped_not_fatal() -> None:
    result = strava_result()
    assert len(result.activities) == 6
    bad = [item for item in result.skipped if "Lost run" in item.description]
    assert len(bad) == 1
    assert "someday in May" in bad[0].reason


def test_strava_csv_with_one_distance_column_assumes_km() -> None:
    run = only_activity(upload("activities-single-distance.csv"))
    assert run.distance_m == 5250
    assert run.start == utc(2024, 1, 2, 9, 0, 0)


def test_strava_csv_without_required_columns_names_them() -> None:
    with pytest.raises(ImportFileError) as caught:
        upload("activities-missing-columns.csv")
    assert '"Activity Date"' in caught.value.message
    assert '"Elapsed Time"' in caught.value.message


def test_strava_csv_is_read_one_row_at_a_time() -> None:
    header = "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time\n"
    row = '1,"May 1, 2024, 6:00:00 AM",Run,Run,600\n'

    class OneLineAtATime(io.StringIO):
        lines_read = 0

        def __next__(self) -> str:
            OneLineAtATime.lines_read += 1
            return super().__next__()

    stream = OneLineAtATime(header + row * 1000)
    first = next(iter_strava_csv(stream))
    assert isinstance(first, ImportedActivity)
    assert OneLineAtATime.lines_read < 10


def test_strava_csv_damaged_mid_way_raises_and_returns_nothing() -> None:
    good_rows = b'1,"May 1, 2024, 6:00:00 AM",Run,Run,600\n' * 200
    data = (DATA / "activities-single-distance.csv").read_bytes() + good_rows + b"2,\xff\xfe\n"
    with pytest.raises(ImportFileError, match="not UTF-8"):
        upload_bytes("activities.csv", data)


def test_csv_that_is_binary_is_refused() -> None:
    with pytest.raises(ImportFileError, match="not a CSV text file"):
        upload_bytes("activities.csv", b"Activity Date\x00\x01\x02" * 100)


# --- Strava export .zip -------------------------------------------------------------------


def strava_zip(csv_name: str = "activities.csv", csv_data: bytes | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("profile.csv", "Athlete ID,Email Address\n1,runner@example.com\n")
        if csv_name:
            archive.writestr(csv_name, csv_data or (DATA / "activities.csv").read_bytes())
        archive.writestr("activities/14711111111.fit.gz", b"\x1f\x8b" + b"\x00" * 64)
        archive.writestr("activities/14722222222.gpx", (DATA / "morning-run.gpx").read_bytes())
    return buffer.getvalue()


def test_strava_zip_reads_its_activities_csv() -> None:
    result = upload_bytes("export_12345.zip", strava_zip())
    assert result == strava_result()


def test_strava_zip_wrapped_in_a_folder_is_accepted() -> None:
    result = upload_bytes("export.zip", strava_zip("export_12345/activities.csv"))
    assert len(result.activities) == 6


def test_strava_zip_streams_without_a_name() -> None:
    items = list(iter_strava_zip(io.BytesIO(strava_zip())))
    assert sum(isinstance(item, ImportedActivity) for item in items) == 6


def test_zip_without_activities_csv_is_refused() -> None:
    with pytest.raises(ImportFileError, match=r"no activities\.csv"):
        upload_bytes("export.zip", strava_zip(csv_name=""))


def test_zip_with_a_bomb_for_activities_csv_is_refused() -> None:
    header = (DATA / "activities.csv").read_bytes().splitlines(keepends=True)[0]
    bomb = header + b"," * (20 * 1024 * 1024)
    with pytest.raises(ImportFileError, match="packed suspiciously tightly"):
        upload_bytes("export.zip", strava_zip(csv_data=bomb))


def test_zip_with_an_oversized_activities_csv_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(imports.strava, "MAX_STRAVA_CSV_BYTES", 1024)
    with pytest.raises(ImportFileError, match="too large"):
        upload_bytes("export.zip", strava_zip())


def test_damaged_zip_is_refused() -> None:
    with pytest.raises(ImportFileError, match="damaged"):
        upload_bytes("export.zip", b"PK\x03\x04" + b"\x00" * 200)


# --- FIT (a tiny file built here) --------------------------------------------------------

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
        return parse_fit(fileobj)


def test_fit_run_session_gives_its_totals() -> None:
    run = only_activity(upload_bytes("watch.fit", fit_file()))
    assert run == ImportedActivity(
        start=utc(2024, 5, 1, 6, 0, 0),
        kind="run",
        source="fit",
        duration_s=1800,
        distance_m=5012,
        elevation_gain_m=42,
    )


def test_fit_treadmill_run_hints_the_surface() -> None:
    run = only_activity(parse_fit_bytes(fit_file(sub_sport="treadmill")))
    assert (run.kind, run.surface_hint) == ("run", "treadmill")


def test_fit_walk_and_strength_sessions() -> None:
    assert only_activity(parse_fit_bytes(fit_file(sport="walking"))).kind == "walk"
    strength = parse_fit_bytes(fit_file(sport="training", sub_sport="strength_training"))
    assert only_activity(strength).kind == "strength"


def test_fit_cycling_is_skipped_with_a_reason() -> None:
    result = parse_fit_bytes(fit_file(sport="cycling"))
    assert result.activities == []
    assert result.skipped[0].reason == "cycling is not a running, walking or strength session"


def test_fit_without_a_session_is_refused() -> None:
    with pytest.raises(ImportFileError, match="holds no activity"):
        parse_fit_bytes(fit_file(with_session=False))


def test_fit_with_a_wrong_checksum_is_refused() -> None:
    data = bytearray(fit_file())
    data[-5] ^= 0xFF
    with pytest.raises(ImportFileError, match="checksum"):
        parse_fit_bytes(bytes(data))


def test_truncated_fit_is_refused_as_a_whole() -> None:
    data = fit_file()
    with pytest.raises(ImportFileError, match="ends early"):
        parse_fit_bytes(data[: len(data) - 10])


# --- Real files from watches and apps (shared, outside the repository) -------------------


@pytest.fixture
def shared_fixtures() -> Iterator[Path]:
    if not SHARED_FIXTURES.is_dir():
        pytest.skip(f"shared activity fixtures not found at {SHARED_FIXTURES.resolve()}")
    yield SHARED_FIXTURES


def upload_shared(folder: Path, name: str) -> ParseResult:
    with (folder / name).open("rb") as fileobj:
        return parse_upload(name, fileobj)


@pytest.mark.parametrize(
    ("name", "kind", "start", "duration_s", "distance_m", "elevation_gain_m"),
    [
        ("activity-small-fenix2-run.fit", "run", utc(2015, 8, 15, 14, 45, 8), 2832, 9008, 64),
        ("garmin-fenix-5-run.fit", "run", utc(2017, 6, 11, 14, 34, 9), 57, 158, None),
        ("garmin-fenix-5-walk.fit", "walk", utc(2017, 6, 11, 14, 32, 51), 45, 68, None),
        ("test.tcx", "run", utc(2012, 12, 26, 21, 29, 53), 1993, 4689, None),
        ("no_hr.tcx", "run", utc(2012, 12, 26, 21, 29, 53), 1993, 4689, None),
        ("cerknicko-jezero.gpx", "run", utc(2010, 8, 5, 14, 23, 59), 7190, 4580, 223),
        ("track-with-empty-segment.gpx", "run", None, 76, 86, None),
    ],
)
def test_real_files_give_the_expected_figures(
    shared_fixtures: Path,
    name: str,
    kind: str,
    start: datetime | None,
    duration_s: int,
    distance_m: int,
    elevation_gain_m: int | None,
) -> None:
    activity = only_activity(upload_shared(shared_fixtures, name))
    assert activity.kind == kind
    if start is not None:
        assert activity.start == start
    assert activity.duration_s == pytest.approx(duration_s, abs=1)
    assert activity.distance_m == pytest.approx(distance_m, abs=1)
    if elevation_gain_m is not None:
        assert activity.elevation_gain_m == pytest.approx(elevation_gain_m, abs=1)


def test_real_gpx_without_most_times_knows_the_day_but_not_the_start(
    shared_fixtures: Path,
) -> None:
    """Times on the last 5 of 296 points (16:22:52 on): not the start of a walk that began
    at 14:23:59. The day stands; start time and duration are the runner's to give."""
    activity = only_activity(upload_shared(shared_fixtures, "cerknicko-without-times.gpx"))
    assert activity.start_known is False
    assert activity.start.date() == utc(2010, 8, 5, 0, 0, 0).date()
    assert activity.duration_s is None
    assert activity.distance_m == pytest.approx(4580, abs=1)


def test_real_timed_gpx_knows_its_start(shared_fixtures: Path) -> None:
    assert only_activity(upload_shared(shared_fixtures, "cerknicko-jezero.gpx")).start_known


def test_real_bike_fit_is_skipped(shared_fixtures: Path) -> None:
    result = upload_shared(shared_fixtures, "garmin-fenix-5-bike.fit")
    assert result.activities == []
    assert "cycling" in result.skipped[0].reason


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("route.gpx", "no recorded track"),
        ("unicode.gpx", "no recorded track"),
        ("Settings.fit", "holds no activity"),
        ("activity-settings-corruptheader.fit", "not a FIT file"),
        ("activity-unexpected-eof.fit", "ends early"),
    ],
)
def test_real_files_without_a_session_are_refused(
    shared_fixtures: Path, name: str, message: str
) -> None:
    with pytest.raises(ImportFileError, match=message):
        upload_shared(shared_fixtures, name)
