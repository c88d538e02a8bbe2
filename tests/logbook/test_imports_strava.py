"""Strava's activities.csv and export .zip to plain values: pure tests, no database."""

import io

import pytest

from logbook import imports
from logbook.imports import (
    ImportedActivity,
    ImportFileError,
    ParseResult,
    iter_strava_csv,
    iter_strava_zip,
)
from tests.logbook.activity_files import (
    DATA,
    max_rows,
    only_activity,
    strava_zip,
    upload,
    upload_bytes,
    utc,
)

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
    first = next(iter_strava_csv(stream, max_rows=max_rows()))
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


def test_strava_zip_reads_its_activities_csv() -> None:
    result = upload_bytes("export_12345.zip", strava_zip())
    assert result == strava_result()


def test_strava_zip_wrapped_in_a_folder_is_accepted() -> None:
    result = upload_bytes("export.zip", strava_zip("export_12345/activities.csv"))
    assert len(result.activities) == 6


def test_strava_zip_streams_without_a_name() -> None:
    items = list(iter_strava_zip(io.BytesIO(strava_zip()), max_rows=max_rows()))
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
