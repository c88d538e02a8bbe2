"""Large activity files: parsed by the import job, off the request, as a stream whose
memory does not grow with the file (a 200 MiB GPX once hung a web worker and took 5 GB).
The files are generated at sizes that keep the tests quick; the bound is what matters."""

from __future__ import annotations

import io
import itertools
import struct
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from logbook import imports, tracks
from logbook.models import ImportJob, Session
from tests.conftest import wait_for
from tests.factories import make_runner

START = datetime(2026, 3, 1, 7, 0, tzinfo=UTC)


def gpx_file(points: int) -> bytes:
    """A run along a straight line, one point a second, with height and heart rate."""
    out = io.StringIO()
    out.write(
        '<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="test" '
        'xmlns="http://www.topografix.com/GPX/1/1" '
        'xmlns:tpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">'
        "<trk><name>Long one</name><trkseg>\n"
    )
    for i in range(points):
        moment = (START + timedelta(seconds=i)).strftime("%Y-%m-%dT%H:%M:%SZ")
        out.write(
            f'<trkpt lat="{52 + i * 2e-5:.7f}" lon="5.0"><ele>{10 + i % 50 * 0.1:.1f}</ele>'
            f"<time>{moment}</time><extensions><tpx:TrackPointExtension><tpx:hr>"
            f"{120 + i % 40}</tpx:hr></tpx:TrackPointExtension></extensions></trkpt>\n"
        )
    out.write("</trkseg></trk></gpx>\n")
    return out.getvalue().encode()


def parse_peak(path: Path) -> tuple[imports.ParseResult, int]:
    """The file's sessions and the most memory Python held while reading it."""
    tracemalloc.start()
    try:
        with path.open("rb") as handle:
            result = imports.parse_upload(
                path.name, handle, max_bytes=50 * 2**20, max_rows=settings.IMPORT_MAX_ROWS
            )
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_reading_a_gpx_takes_the_same_memory_whatever_its_length(tmp_path, monkeypatch):
    # A small sampler, so that a quick file is already "long": the bound is the same.
    monkeypatch.setattr(tracks, "SAMPLER_KEEP", 300)
    short, long = tmp_path / "short.gpx", tmp_path / "long.gpx"
    short.write_bytes(gpx_file(2_000))
    long.write_bytes(gpx_file(8_000))
    short_result, short_peak = parse_peak(short)
    long_result, long_peak = parse_peak(long)
    [short_run], [long_run] = short_result.activities, long_result.activities
    assert long.stat().st_size > 1_400_000
    assert long_peak < 1.5 * short_peak + 256 * 1024
    assert long_peak < long.stat().st_size / 2
    # The figures are those of the whole track: 7,999 seconds, about 17.8 km.
    assert long_run.duration_s == 7_999
    assert long_run.distance_m is not None and 17_700 < long_run.distance_m < 17_900
    assert 300 < len(long_run.track) <= 601
    assert long_run.track[-1].distance_m == pytest.approx(long_run.distance_m, rel=0.01)
    assert short_run.duration_s == 1_999


def tcx_file(points: int) -> bytes:
    out = io.StringIO()
    out.write(
        '<?xml version="1.0" encoding="UTF-8"?>\n<TrainingCenterDatabase '
        'xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Activities>'
        '<Activity Sport="Running"><Id>2026-03-01T07:00:00Z</Id>'
        '<Lap StartTime="2026-03-01T07:00:00Z"><TotalTimeSeconds>'
        f"{points - 1}</TotalTimeSeconds><DistanceMeters>{points * 2.2:.1f}</DistanceMeters>"
        "<Track>\n"
    )
    for i in range(points):
        moment = (START + timedelta(seconds=i)).strftime("%Y-%m-%dT%H:%M:%SZ")
        out.write(
            f"<Trackpoint><Time>{moment}</Time><Position><LatitudeDegrees>{52 + i * 2e-5:.7f}"
            "</LatitudeDegrees><LongitudeDegrees>5.0</LongitudeDegrees></Position>"
            f"<AltitudeMeters>{10 + i % 50 * 0.1:.1f}</AltitudeMeters><HeartRateBpm><Value>"
            f"{120 + i % 40}</Value></HeartRateBpm></Trackpoint>\n"
        )
    out.write("</Track></Lap></Activity></Activities></TrainingCenterDatabase>\n")
    return out.getvalue().encode()


def fit_file(points: int) -> bytes:
    """A FIT activity: one record a second (position, heart rate), then its session."""
    from fitdecode.utils import compute_crc

    from tests.logbook.activity_files import FIT_EPOCH, fit_record

    start = int((START - FIT_EPOCH).total_seconds())
    record = struct.pack("<BBBHB", 0x41, 0, 0, 20, 4) + b"".join(
        struct.pack("<BBB", number, size, base)
        for number, size, base in ((253, 4, 0x86), (0, 4, 0x85), (1, 4, 0x85), (3, 1, 0x02))
    )
    semicircles = 2**31 / 180
    for i in range(points):
        record += struct.pack(
            "<BIiiB", 1, start + i, round((52 + i * 2e-5) * semicircles),
            round(5.0 * semicircles), 120 + i % 40,
        )  # fmt: skip
    body = fit_record(0, 0, [(0, "B", 4)]) + record
    body += fit_record(
        2,
        18,
        [
            (253, "I", start + points),
            (2, "I", start),
            (7, "I", (points - 1) * 1000),
            (9, "I", round(points * 2.2 * 100)),
            (5, "B", 1),
            (6, "B", 0),
        ],
    )
    header = struct.pack("<BBHI4s", 14, 0x20, 2093, len(body), b".FIT")
    header += struct.pack("<H", compute_crc(header))
    data = header + body
    return data + struct.pack("<H", compute_crc(data))


def test_reading_tcx_and_fit_takes_the_same_memory_whatever_their_length(tmp_path, monkeypatch):
    monkeypatch.setattr(tracks, "SAMPLER_KEEP", 200)
    for suffix, make in ((".tcx", tcx_file), (".fit", fit_file)):
        short, long = tmp_path / f"short{suffix}", tmp_path / f"long{suffix}"
        short.write_bytes(make(1_000))
        long.write_bytes(make(4_000))
        short_peak = parse_peak(short)[1]
        result, long_peak = parse_peak(long)
        [run] = result.activities
        assert long_peak < 1.5 * short_peak + 256 * 1024, suffix
        assert (run.duration_s, len(run.track) <= 401) == (3_999, True), suffix
        assert run.track[-1].distance_m == pytest.approx(8_894, rel=0.01), suffix


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_large_gpx_upload_answers_with_the_jobs_page_and_the_worker_imports_it(
    celery_worker, client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    settings.IMPORT_BACKGROUND_ABOVE_BYTES = 100_000
    runner = make_runner("long@example.com", display_name="Long")
    client.force_login(runner)
    upload = SimpleUploadedFile("long.gpx", gpx_file(3_000), content_type="application/gpx+xml")
    response = client.post(reverse("logbook:import"), {"file": upload, "kind": "run"})
    job = ImportJob.objects.get(athlete=runner)
    assert response.status_code == 302
    assert response["Location"] == reverse("logbook:import_status", args=[job.pk])

    def finished() -> bool:
        job.refresh_from_db()
        return job.finished

    assert wait_for(finished, timeout=60)
    assert (job.status, job.added) == ("done", 1)
    session = Session.objects.get(athlete=runner)
    assert (session.source, session.duration_s) == ("gpx", 2_999)
    assert not job.upload


@pytest.mark.django_db
def test_a_small_gpx_is_still_imported_in_the_request(runner_client, runner, settings):
    settings.IMPORT_BACKGROUND_ABOVE_BYTES = 5 * 2**20
    upload = SimpleUploadedFile("short.gpx", gpx_file(600))
    response = runner_client.post(reverse("logbook:import"), {"file": upload, "kind": "run"})
    assert response.status_code == 302
    assert not ImportJob.objects.filter(athlete=runner).exists()
    assert Session.objects.get(athlete=runner).duration_s == 599


def test_a_track_of_any_length_is_thinned_evenly_in_bounded_memory():
    sampler = tracks.TrackSampler(keep=100)
    for i in range(100_000):
        sampler.add(lat=52 + i * 1e-5, lon=5.0, time=None, heart_rate=None)
    points = sampler.points()
    assert 100 < len(points) <= 202
    assert points[0].distance_m == 0
    assert points[-1].distance_m == pytest.approx(111_194 * 1e-5 * 99_999, rel=1e-3)
    gaps = {round(b.lat - a.lat, 7) for a, b in itertools.pairwise(points[:-1])}
    assert len(gaps) == 1  # evenly spread


@pytest.mark.django_db
def test_a_partly_timed_file_imported_in_the_background_asks_for_its_start_and_uses_it(
    runner_client, runner, settings, tmp_path, django_capture_on_commit_callbacks
):
    """The job cannot ask; its page says so and links to the form with the day filled in,
    and the start and duration entered there go with the next upload to its job."""
    from logbook import import_jobs

    settings.MEDIA_ROOT = tmp_path
    settings.IMPORT_BACKGROUND_ABOVE_BYTES = 1  # every file goes to a job
    sparse = Path(__file__).resolve().parents[1] / "data" / "activities" / "lake-walk-few-times.gpx"

    def upload(**extra: str) -> ImportJob:
        with django_capture_on_commit_callbacks(execute=False):
            runner_client.post(
                reverse("logbook:import"),
                {"file": SimpleUploadedFile(sparse.name, sparse.read_bytes()), "kind": "walk"}
                | extra,
            )
        job = ImportJob.objects.filter(athlete=runner).first()
        assert job is not None
        import_jobs.import_job_run(job_id=job.pk)
        job.refresh_from_db()
        return job

    job = upload()
    assert (job.status, job.added) == ("done", 0)
    assert "start is unknown" in job.error
    assert job.start_day is not None
    page = runner_client.get(reverse("logbook:import_status", args=[job.pk])).content.decode()
    ask = f"{reverse('logbook:import')}?day={job.start_day.isoformat()}"
    assert f'href="{ask}"' in page
    form = runner_client.get(ask).content.decode()
    assert 'name="start_time"' in form and f'value="{job.start_day.isoformat()}"' in form

    job = upload(day=job.start_day.isoformat(), start_time="09:15", duration="45:00")
    assert (job.status, job.added, job.error) == ("done", 1, "")
    session = Session.objects.get(athlete=runner)
    assert (session.start_entered, session.duration_s) == (True, 2700)
    assert session.start.astimezone(runner.profile.tz).strftime("%H:%M") == "09:15"
