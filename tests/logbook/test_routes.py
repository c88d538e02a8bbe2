"""Imported activities with a track: the route drawn as inline SVG from its points, and
pace and heart rate over distance where the file has them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from logbook.imports import parse_upload
from logbook.models import Session
from logbook.tracks import MAX_POINTS, TrackPoint, route_drawing, track_to_store
from tests.logbook.activity_files import max_rows

pytestmark = pytest.mark.django_db
START = datetime(2026, 11, 28, 7, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _english_afterwards() -> Any:
    """A Dutch runner's request leaves Dutch active in this thread: reset it."""
    yield
    translation.activate("en")


def gpx(points: int = 60, heart_rate: bool = True) -> bytes:
    """A 3-km out-and-back northward run at 5:00/km, one point every 50 m (15 s)."""
    rows = []
    for i in range(points):
        lat = 52.09 + (i if i < points / 2 else points - i) * 0.00045
        hr = (
            f"<extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>{120 + i}</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions>"
            if heart_rate
            else ""
        )
        time = (START + timedelta(seconds=15 * i)).strftime("%Y-%m-%dT%H:%M:%SZ")
        rows.append(f'<trkpt lat="{lat:.6f}" lon="5.120000"><time>{time}</time>{hr}</trkpt>')
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<gpx version="1.1" creator="tests" xmlns="http://www.topografix.com/GPX/1/1" '
        'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">'
        f"<trk><trkseg>{''.join(rows)}</trkseg></trk></gpx>"
    ).encode()


def tcx() -> bytes:
    points = "".join(
        f"<Trackpoint><Time>{(START + timedelta(seconds=15 * i)).isoformat().replace('+00:00', 'Z')}</Time>"
        f"<Position><LatitudeDegrees>{52.09 + i * 0.00045:.6f}</LatitudeDegrees>"
        f"<LongitudeDegrees>5.12</LongitudeDegrees></Position>"
        f"<HeartRateBpm><Value>{130 + i}</Value></HeartRateBpm></Trackpoint>"
        for i in range(40)
    )
    return (
        '<?xml version="1.0"?><TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/'
        'TrainingCenterDatabase/v2"><Activities><Activity Sport="Running">'
        f"<Id>{START.isoformat().replace('+00:00', 'Z')}</Id>"
        f'<Lap StartTime="{START.isoformat()}"><TotalTimeSeconds>585</TotalTimeSeconds>'
        f"<DistanceMeters>1950</DistanceMeters><Track>{points}</Track></Lap>"
        "</Activity></Activities></TrainingCenterDatabase>"
    ).encode()


def upload(client: Any, name: str, content: bytes) -> None:
    client.post(
        reverse("logbook:import"), {"file": SimpleUploadedFile(name, content), "kind": "run"}
    )


def detail(client: Any, session: Session) -> str:
    return client.get(reverse("logbook:session_detail", args=[session.pk])).content.decode()


def test_gpx_import_keeps_its_track(runner: Any, runner_client: Any) -> None:
    upload(runner_client, "run.gpx", gpx())
    session = Session.objects.get(athlete=runner)
    assert session.track is not None and len(session.track) == 60
    assert session.track[0][:2] == [52.09, 5.12]


def test_session_page_draws_the_route_inline(runner: Any, runner_client: Any) -> None:
    upload(runner_client, "run.gpx", gpx())
    html = detail(runner_client, Session.objects.get(athlete=runner))
    route = html.split('id="route"', 1)[1].split("</section>", 1)[0]
    assert '<path d="M' in route and 'class="route-line"' in route
    assert "http" not in route.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_pace_over_distance_where_the_file_has_times(runner: Any, runner_client: Any) -> None:
    upload(runner_client, "run.gpx", gpx())
    html = detail(runner_client, Session.objects.get(athlete=runner))
    assert 'id="pace-chart"' in html
    # 50.04 m every 15 s: just under 5:00 per km.
    assert "from 4:59 to 5:00 min/km" in html


def test_heart_rate_over_distance_where_the_file_has_it(runner: Any, runner_client: Any) -> None:
    upload(runner_client, "run.gpx", gpx())
    html = detail(runner_client, Session.objects.get(athlete=runner))
    assert "Heart rate over distance: 120 to 179 bpm" in html


def test_no_heart_rate_chart_without_heart_rate(runner: Any, runner_client: Any) -> None:
    upload(runner_client, "run.gpx", gpx(heart_rate=False))
    html = detail(runner_client, Session.objects.get(athlete=runner))
    assert 'id="route"' in html and 'id="heart-rate-chart"' not in html


def test_tcx_import_keeps_its_track_and_heart_rate(runner: Any, runner_client: Any) -> None:
    upload(runner_client, "run.tcx", tcx())
    session = Session.objects.get(athlete=runner)
    assert session.track is not None and len(session.track) == 40
    assert session.track[-1][4] == 169


def test_manual_session_has_no_route(runner: Any, runner_client: Any) -> None:
    session = Session.objects.create(athlete=runner, start=START, kind="run", duration_s=600)
    assert 'id="route"' not in detail(runner_client, session)


def test_long_tracks_are_thinned() -> None:
    points = [TrackPoint(lat=52 + i * 1e-5, lon=5.0) for i in range(5000)]
    stored = track_to_store(points)
    assert stored is not None and len(stored) == MAX_POINTS
    assert stored[-1][2] == pytest.approx(5000 * 1.11, rel=0.01)


def test_route_keeps_its_shape() -> None:
    # A square: as wide as it is high once the longitude is scaled by the latitude.
    lat, side = 52.0, 0.01
    lon_side = side / 0.6157  # cos(52 degrees)
    corners = [(lat, 5.0), (lat, 5.0 + lon_side), (lat + side, 5.0 + lon_side), (lat + side, 5.0)]
    drawing = route_drawing(track_to_store([TrackPoint(lat=a, lon=b) for a, b in corners]))
    assert drawing is not None
    assert drawing.width == pytest.approx(drawing.height, rel=0.01)


def test_route_numbers_keep_a_decimal_point_in_dutch(runner: Any, runner_client: Any) -> None:
    runner.profile.language = "nl"
    runner.profile.save()
    upload(runner_client, "run.gpx", gpx())
    html = detail(runner_client, Session.objects.get(athlete=runner))
    route = html.split('id="route"', 1)[1].split("</svg>", 1)[0]
    assert "," not in route.split("<title", 1)[0] and "," not in route.split("</title>", 1)[1]


SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "fixtures" / "activities"


@pytest.mark.parametrize(
    ("name", "points", "with_heart_rate"),
    [
        ("activity-small-fenix2-run.fit", 2808, True),
        ("test.tcx", 383, True),
        ("cerknicko-jezero.gpx", 296, False),
    ],
)
def test_watch_files_give_their_track(name: str, points: int, with_heart_rate: bool) -> None:
    if not SHARED.is_dir():
        pytest.skip(f"shared activity fixtures not found at {SHARED.resolve()}")
    with (SHARED / name).open("rb") as fileobj:
        (activity,) = parse_upload(
            name, fileobj, max_bytes=settings.IMPORT_MAX_UPLOAD_BYTES, max_rows=max_rows()
        ).activities
    assert len(activity.track) == points
    assert any(p.heart_rate for p in activity.track) is with_heart_rate
