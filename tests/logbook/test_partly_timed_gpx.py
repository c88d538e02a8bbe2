"""A GPX whose times cover only part of its track: its day is known, its start is not. The
runner is asked for the start and duration, and a recording of the same session (with or
without times, before or after) is matched by day, kind and distance."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from logbook import services
from logbook.models import Session

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "activities"
SHARED = ROOT / ".." / "shared" / "fixtures" / "activities"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
IMPORT = reverse("logbook:import")

# The project's own pair: one walk, timed on every point and on the last three only.
OWN = (DATA / "lake-walk.gpx", DATA / "lake-walk-few-times.gpx")
# The real pair (gpxpy's test data, kept outside the repository): a walk round Cerknica lake.
REAL = (SHARED / "cerknicko-jezero.gpx", SHARED / "cerknicko-without-times.gpx")


@pytest.fixture(params=["own", "real"])
def pair(request: Any) -> tuple[Path, Path]:
    if request.param == "own":
        return OWN
    if not SHARED.is_dir():
        pytest.skip(f"shared activity fixtures not found at {SHARED.resolve()}")
    return REAL


def post(client: Any, path: Path, **extra: str) -> Any:
    return client.post(
        IMPORT,
        {"file": SimpleUploadedFile(path.name, path.read_bytes()), "kind": "walk", **extra},
        follow=True,
    )


def texts(response: Any) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_partly_timed_file_alone_asks_for_start_and_duration_with_the_day_filled_in(
    runner: Any, runner_client: Any, pair: tuple[Path, Path]
) -> None:
    _timed, sparse = pair
    response = post(runner_client, sparse)
    assert response.status_code == 200
    form = response.context["form"]
    assert "times on only part of its track" in form.errors["start_time"][0]
    assert form.errors["duration"]
    html = response.content.decode()
    day = "2010-08-05" if sparse in REAL else "2024-06-10"
    assert f'name="day" value="{day}"' in html
    assert 'name="start_time"' in html
    assert not Session.objects.exists()


def test_entered_start_and_duration_are_stored_as_entered(runner: Any, runner_client: Any) -> None:
    response = post(runner_client, OWN[1], start_time="07:05", duration="20")
    assert response.status_code == 200
    walk = Session.objects.get(athlete=runner)
    assert walk.start == datetime(2024, 6, 10, 7, 5, tzinfo=AMSTERDAM)
    assert (walk.duration_s, walk.distance_m, walk.start_entered) == (1200, 1614, True)


def test_the_session_page_says_the_start_was_entered(runner: Any, runner_client: Any) -> None:
    post(runner_client, OWN[1], start_time="07:05", duration="20")
    walk = Session.objects.get(athlete=runner)
    html = runner_client.get(reverse("logbook:session_detail", args=[walk.pk])).content.decode()
    assert 'id="start-entered"' in html
    post(runner_client, OWN[0])
    html = runner_client.get(reverse("logbook:session_detail", args=[walk.pk])).content.decode()
    assert 'id="start-entered"' not in html


def test_the_import_page_asks_for_no_start_time_otherwise(runner_client: Any) -> None:
    html = runner_client.get(IMPORT).content.decode()
    assert 'name="start_time"' not in html
    assert 'name="day"' not in html


def test_partly_timed_after_timed_adds_nothing_and_says_it_is_the_same_walk(
    runner: Any, runner_client: Any, pair: tuple[Path, Path]
) -> None:
    timed, sparse = pair
    post(runner_client, timed)
    recorded = Session.objects.get(athlete=runner)
    response = post(runner_client, sparse)
    assert response.status_code == 200
    assert "the same session, so nothing was added" in " ".join(texts(response))
    assert "0 added, 0 updated, 1 already there, 0 skipped." in texts(response)
    assert list(Session.objects.filter(athlete=runner)) == [recorded]
    assert Session.objects.get().start == recorded.start


def test_timed_after_partly_timed_adds_nothing_and_takes_the_recorded_start(
    runner: Any, runner_client: Any, pair: tuple[Path, Path]
) -> None:
    timed, sparse = pair
    post(runner_client, sparse, start_time="06:00", duration="30")
    entered = Session.objects.get(athlete=runner)
    assert entered.start_entered
    response = post(runner_client, timed)
    assert "whose start you entered" in " ".join(texts(response))
    walk = Session.objects.get(athlete=runner)
    assert walk.pk == entered.pk
    real = sparse in REAL
    start = (
        datetime(2010, 8, 5, 14, 23, 59, tzinfo=UTC)
        if real
        else datetime(2024, 6, 10, 5, tzinfo=UTC)
    )
    assert walk.start == start
    assert walk.duration_s == (7190 if real else 1160)
    assert not walk.start_entered
    # The load follows the recorded duration (the default RPE of an unrated import).
    assert walk.load == pytest.approx(
        services.thresholds().default_rpe * walk.duration_s / 60, abs=0.05
    )


def test_same_day_match_needs_the_same_distance(runner: Any, runner_client: Any) -> None:
    services.session_log(
        athlete=runner,
        start=datetime(2024, 6, 10, 18, 0, tzinfo=AMSTERDAM),
        kind="walk",
        duration_s=3600,
        distance_m=5000,
    )
    response = post(runner_client, OWN[1])
    assert response.context["form"].errors["start_time"]
    assert Session.objects.filter(athlete=runner).count() == 1


def test_same_day_match_needs_the_same_kind(runner: Any, runner_client: Any) -> None:
    post(runner_client, OWN[0])
    response = runner_client.post(
        IMPORT,
        {"file": SimpleUploadedFile("x.gpx", OWN[1].read_bytes()), "kind": "run"},
    )
    assert response.context["form"].errors["start_time"]


def test_timed_file_matches_a_manual_session_only_within_60_s(
    runner: Any, runner_client: Any
) -> None:
    """The public rule stands for files with real times: a session logged by hand on the
    same day with the same distance but another start is another session."""
    services.session_log(
        athlete=runner,
        start=datetime(2024, 6, 10, 19, 0, tzinfo=AMSTERDAM),
        kind="walk",
        duration_s=1200,
        distance_m=1614,
    )
    post(runner_client, OWN[0])
    assert Session.objects.filter(athlete=runner).count() == 2


@pytest.mark.parametrize(
    ("first", "second", "tolerated"),
    [
        (4580, 4580, True),
        (4580, 4671, True),
        (4580, 4675, False),
        (900, 950, True),
        (900, 951, False),
    ],
)
def test_distances_agree_within_2_percent_or_50_m(first: int, second: int, tolerated: bool) -> None:
    assert services.same_distance(first, second) is tolerated
    assert services.same_distance(second, first) is tolerated


def test_command_line_import_asks_for_a_start_time(runner: Any, capsys: Any) -> None:
    call_command("import_activities", runner.email, str(OWN[1]), "--kind", "walk")
    assert "no start time" in capsys.readouterr().out
    assert not Session.objects.exists()
    call_command(
        "import_activities",
        runner.email,
        str(OWN[1]),
        "--kind",
        "walk",
        "--start-time",
        "07:05",
        "--duration",
        "1200",
    )
    assert Session.objects.get().start == datetime(2024, 6, 10, 7, 5, tzinfo=AMSTERDAM)
    call_command("import_activities", runner.email, str(OWN[0]), "--kind", "walk")
    out = capsys.readouterr().out
    assert "same session" in out
    assert Session.objects.count() == 1


def test_the_export_says_which_start_was_entered(runner: Any, runner_client: Any) -> None:
    import json

    post(runner_client, OWN[1], start_time="07:05", duration="20")
    document = json.loads(runner_client.get(reverse("logbook:export_json")).content)
    assert [s["start_entered"] for s in document["sessions"]] == [True]
    post(runner_client, OWN[0])  # the timed recording gives the real start
    document = json.loads(runner_client.get(reverse("logbook:export_json")).content)
    assert [s["start_entered"] for s in document["sessions"]] == [False]
