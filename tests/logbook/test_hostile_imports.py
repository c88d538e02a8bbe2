"""Hostile and absurd activity files: each gives a clear message or a skipped session with
its reason, never a crash. The files are made here, so nothing big lives in the repository."""

from __future__ import annotations

import io
import time
from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings

from logbook.imports import (
    ImportedActivity,
    ImportFileError,
    ParseResult,
    parse_upload,
    screen,
)
from logbook.imports.bounds import bound_reason

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def parse(name: str, data: bytes, **options: int) -> ParseResult:
    limits = {"max_bytes": settings.IMPORT_MAX_UPLOAD_BYTES, "max_rows": settings.IMPORT_MAX_ROWS}
    return screen(parse_upload(name, io.BytesIO(data), **{**limits, **options}), now=NOW)


def gpx(points: str, *, prolog: str = '<?xml version="1.0" encoding="UTF-8"?>') -> bytes:
    return (
        f'{prolog}<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">'
        f"<trk><trkseg>{points}</trkseg></trk></gpx>"
    ).encode()


def point(lat: str, lon: str, moment: str = "", elevation: str = "") -> str:
    time_tag = f"<time>{moment}</time>" if moment else ""
    ele_tag = f"<ele>{elevation}</ele>" if elevation else ""
    return f'<trkpt lat="{lat}" lon="{lon}">{ele_tag}{time_tag}</trkpt>'


def walk(count: int, *, timed: set[int] | None = None) -> str:
    """count points 10 m apart northwards, a second apart; only `timed` ones carry a time."""
    return "".join(
        point(
            f"{52 + index * 0.00009:.6f}",
            "5.0",
            f"2026-11-20T07:{index // 60:02d}:{index % 60:02d}Z"
            if timed is None or index in timed
            else "",
        )
        for index in range(count)
    )


def tcx(lap_seconds: str, lap_metres: str = "5000", start: str = "2026-11-20T07:00:00Z") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">'
        f'<Activities><Activity Sport="Running"><Id>{start}</Id><Lap StartTime="{start}">'
        f"<TotalTimeSeconds>{lap_seconds}</TotalTimeSeconds>"
        f"<DistanceMeters>{lap_metres}</DistanceMeters></Lap></Activity></Activities>"
        "</TrainingCenterDatabase>"
    ).encode()


STRAVA_HEADER = (
    "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Distance\n"
)


def strava_rows(count: int, *, activity_id: str = "") -> bytes:
    """count half-hour runs, one every four hours from 2000 on."""
    lines = [STRAVA_HEADER]
    for index in range(count):
        moment = datetime(2000, 1, 1, 6, tzinfo=UTC) + timedelta(hours=4 * index)
        lines.append(
            f'{activity_id or index},"{moment:%b} {moment.day}, {moment.year}, '
            f'{moment:%H:%M:%S}",Run {index},Run,1800,5.0,5000.0\n'
        )
    return "".join(lines).encode()


def test_gpx_nested_200000_deep_is_refused_before_any_parser_sees_it() -> None:
    depth = 200_000
    deep = "<x>" * depth + "</x>" * depth
    data = gpx(
        point("52.0", "5.0", "2026-11-20T07:00:00Z").replace(
            "</trkpt>", f"<extensions>{deep}</extensions></trkpt>"
        )
    )
    started = time.monotonic()
    with pytest.raises(ImportFileError, match="levels deep"):
        parse("deep.gpx", data)
    assert time.monotonic() - started < 5


def test_tcx_nested_too_deep_is_refused() -> None:
    deep = "<x>" * 1000 + "</x>" * 1000
    with pytest.raises(ImportFileError, match="levels deep"):
        parse("deep.tcx", tcx("1800").replace(b"</Lap>", deep.encode() + b"</Lap>"))


def test_gpx_in_an_unknown_text_encoding_is_refused() -> None:
    data = gpx(walk(3), prolog='<?xml version="1.0" encoding="x-klingon"?>')
    with pytest.raises(ImportFileError, match="text encoding is not supported"):
        parse("klingon.gpx", data)


def test_gpx_in_a_multibyte_encoding_expat_cannot_read_is_refused() -> None:
    data = gpx(walk(3), prolog='<?xml version="1.0" encoding="shift_jis"?>')
    with pytest.raises(ImportFileError, match="text encoding is not supported"):
        parse("japanese.gpx", data)


def test_gpx_with_only_nan_coordinates_is_refused() -> None:
    data = gpx(
        point("NaN", "NaN", "2026-11-20T07:00:00Z") + point("nan", "inf", "2026-11-20T07:10:00Z")
    )
    with pytest.raises(ImportFileError, match="no readable position"):
        parse("nan.gpx", data)


def test_gpx_nan_points_are_left_out_of_the_distance() -> None:
    data = gpx(walk(11) + point("NaN", "5.0", "2026-11-20T07:00:11Z", elevation="NaN"))
    activity = parse("some-nan.gpx", data).activities[0]
    assert activity.distance_m == pytest.approx(100, abs=1)


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z"])
def test_gpx_timestamp_in_year_1_or_9999_is_skipped_with_its_reason(moment: str) -> None:
    result = parse("clock.gpx", gpx(point("52.0", "5.0", moment) + point("52.001", "5.0", moment)))
    assert result.activities == []
    assert "before 1990 or after tomorrow" in result.skipped[0].reason


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-05:00"])
def test_tcx_start_outside_the_calendar_in_utc_is_skipped_not_fatal(moment: str) -> None:
    result = parse("clock.tcx", tcx("1800", start=moment))
    assert result.activities == []
    assert "could not be read" in result.skipped[0].reason


def test_tcx_duration_of_1e300_is_skipped_with_its_reason() -> None:
    result = parse("forever.tcx", tcx("1e300"))
    assert result.activities == []
    assert "not between 0 and 24 hours" in result.skipped[0].reason


def test_tcx_lap_of_three_billion_seconds_is_skipped() -> None:
    result = parse("long-lap.tcx", tcx("3000000000"))
    assert result.activities == []
    assert "3000000000 s" in result.skipped[0].reason


def test_tcx_infinite_duration_leaves_the_duration_unknown() -> None:
    activity = parse("inf.tcx", tcx("1e999")).activities[0]
    assert activity.duration_s is None


def test_gpx_of_11000_km_between_two_points_is_skipped() -> None:
    data = gpx(
        point("52.0", "5.0", "2026-11-20T07:00:00Z")
        + point("-40.0", "175.0", "2026-11-20T08:00:00Z")
    )
    result = parse("teleport.gpx", data)
    assert result.activities == []
    assert "not between 0 and 300 km" in result.skipped[0].reason


def test_strava_id_of_100_characters_is_skipped_with_its_reason() -> None:
    result = parse("activities.csv", strava_rows(1, activity_id="9" * 100))
    assert result.activities == []
    assert "longer than 64 characters" in result.skipped[0].reason


def test_strava_file_with_more_rows_than_the_cap_is_refused() -> None:
    with pytest.raises(ImportFileError, match="more than 10 sessions"):
        parse("activities.csv", strava_rows(11), max_rows=10)


def test_strava_file_at_the_cap_is_read() -> None:
    assert len(parse("activities.csv", strava_rows(10), max_rows=10).activities) == 10


def test_the_default_row_cap_allows_a_decade_of_daily_sessions() -> None:
    assert settings.IMPORT_MAX_ROWS >= 3650 * 2


def test_dense_strava_csv_of_20000_rows_parses_in_seconds() -> None:
    started = time.monotonic()
    result = parse("activities.csv", strava_rows(20_000))
    assert len(result.activities) == 20_000
    assert time.monotonic() - started < 10


def test_gpx_start_comes_from_the_first_timestamped_point_in_track_order() -> None:
    # Times on three points only; the last one was edited to an earlier clock.
    points = walk(100, timed={3, 50}) + point("52.01", "5.0", "2026-11-20T06:00:00Z")
    activity = parse("few-times.gpx", gpx(points)).activities[0]
    assert activity.start == datetime(2026, 11, 20, 7, 0, 3, tzinfo=UTC)


def test_gpx_with_few_times_leaves_the_duration_to_the_runner() -> None:
    activity = parse("few-times.gpx", gpx(walk(100, timed={3, 50, 97}))).activities[0]
    assert activity.duration_s is None


def test_a_start_up_to_a_day_ahead_is_accepted() -> None:
    activity = ImportedActivity(
        start=datetime(2026, 12, 2, 11, 0, tzinfo=UTC),
        kind="run",
        source="gpx",
        duration_s=1800,
        distance_m=5000,
        elevation_gain_m=None,
    )
    assert bound_reason(activity, now=NOW) is None


def test_a_zero_duration_is_out_of_bounds() -> None:
    activity = ImportedActivity(
        start=NOW, kind="run", source="fit", duration_s=0, distance_m=0, elevation_gain_m=0
    )
    assert "not between 0 and 24 hours" in (bound_reason(activity, now=NOW) or "")


def test_a_long_name_is_cut_not_refused() -> None:
    rows = STRAVA_HEADER + f'1,"Jan 1, 2020, 6:00:00 AM",{"x" * 1000},Run,1800,5.0,5000.0\n'
    activity = parse("activities.csv", rows.encode()).activities[0]
    assert len(activity.name) == 255


def test_more_than_twelve_sessions_on_one_day_are_skipped_with_the_reason() -> None:
    rows = STRAVA_HEADER + "".join(
        f'{index},"Jan 1, 2020, {index}:00:00",Run,Run,600,1.0,1000.0\n' for index in range(14)
    )
    result = parse("activities.csv", rows.encode())
    assert len(result.activities) == 12
    assert "more than the 12 sessions one day can hold" in result.skipped[-1].reason
