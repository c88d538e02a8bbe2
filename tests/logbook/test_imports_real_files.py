"""Real files from watches and apps (shared, outside the repository) to plain values:
pure tests, no database."""

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from django.conf import settings

from logbook.imports import ImportFileError, ParseResult, parse_upload
from tests.logbook.activity_files import SHARED_FIXTURES, max_rows, only_activity, utc


@pytest.fixture
def shared_fixtures() -> Iterator[Path]:
    if not SHARED_FIXTURES.is_dir():
        pytest.skip(f"shared activity fixtures not found at {SHARED_FIXTURES.resolve()}")
    yield SHARED_FIXTURES


def upload_shared(folder: Path, name: str) -> ParseResult:
    with (folder / name).open("rb") as fileobj:
        return parse_upload(
            name, fileobj, max_bytes=settings.IMPORT_MAX_UPLOAD_BYTES, max_rows=max_rows()
        )


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
