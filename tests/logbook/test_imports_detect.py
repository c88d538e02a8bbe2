"""Recognising an activity file by its content: pure tests, no database."""

import pytest

from logbook.imports import ImportFileError, detect_format
from tests.logbook.activity_files import DATA, fit_file, strava_zip, upload_bytes


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
