"""GPX and TCX files to plain values: pure tests, no database."""

import io

import pytest

from logbook.imports import ImportFileError, SkippedActivity, parse_gpx, parse_tcx
from tests.logbook.activity_files import DATA, max_rows, only_activity, upload, upload_bytes, utc

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
        result = parse_tcx(fileobj, max_rows=max_rows())
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
