"""FIT files to plain values (a tiny file built here): pure tests, no database."""

import pytest

from logbook.imports import ImportedActivity, ImportFileError
from tests.logbook.activity_files import fit_file, only_activity, parse_fit_bytes, upload_bytes, utc


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
