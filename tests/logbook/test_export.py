"""The runner's own data as export.json (DOMAIN.md section 4) and as CSV tables."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from accounts.models import HealthConsentEvent
from exercises.models import Category, Exercise
from logbook import services
from logbook.export import TABLES
from logbook.models import Kind, Session, SessionExercise, TrainingWarning
from tests.queries import SESSION_READS

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2025, 6, 11, 12, 0, tzinfo=AMSTERDAM)
EXPORT_JSON = reverse("logbook:export_json")

SESSION_KEYS = {
    "id",
    "start",
    "kind",
    "surface",
    "duration_s",
    "distance_m",
    "backward_s",
    "backward_m",
    "elevation_gain_m",
    "rpe",
    "rpe_estimated",
    "pain",
    "sharp_pain",
    "pain_location",
    "load",
    "source",
    "notes",
    "exercises",
}
WARNING_KEYS = {
    "rule",
    "severity",
    "date",
    "session_id",
    "numbers",
    "message",
    "advice",
    "source",
    "seen_at",
    "acknowledged_at",
}


def csv_url(table: str) -> str:
    return reverse("logbook:export_csv", args=[table])


def at(day: date, hour: int = 8) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=AMSTERDAM)


@pytest.fixture
def side_plank(db: None) -> Exercise:
    return Exercise.objects.create(
        slug="test-side-plank",
        name="Side plank",
        category=Category.HIP,
        level=1,
        purpose="Hip activation.",
        how_to="Hold.",
        cues="Straight line",
    )


def log(athlete: Any, start: datetime, kind: str = Kind.RUN, **fields: Any) -> Session:
    fields.setdefault("duration_s", 1800)
    if kind != Kind.STRENGTH:
        fields.setdefault("distance_m", 5000)
    result = services.session_log(athlete=athlete, start=start, kind=kind, **fields)
    assert result.session is not None
    return result.session


def make_history(athlete: Any, exercise: Exercise, *, runs: int = 3) -> None:
    """Runs, a strength session with two exercises, a sharp-pain warning, consent events."""
    with time_machine.travel(NOW, tick=False):
        for i in range(runs):
            log(athlete, at(date(2025, 5, 1 + i)), rpe=4, surface="forest_path", notes=f"run {i}")
        log(
            athlete,
            at(date(2025, 6, 2)),
            Kind.STRENGTH,
            rpe=5,
            exercises=[
                services.ExerciseDone(exercise_id=exercise.pk, sets=3, seconds=30),
                services.ExerciseDone(exercise_id=exercise.pk, sets=2, reps=12),
            ],
        )
        log(athlete, at(date(2025, 6, 10)), pain=7, sharp_pain=True, pain_location="left knee")
        HealthConsentEvent.objects.create(user=athlete, given=True, at=NOW)


@pytest.fixture
def alice(runner: Any, side_plank: Exercise) -> Any:
    make_history(runner, side_plank)
    return runner


@pytest.fixture
def bob(other_runner: Any, side_plank: Exercise) -> Any:
    make_history(other_runner, side_plank, runs=2)
    return other_runner


def export_of(client: Any) -> dict[str, Any]:
    response = client.get(EXPORT_JSON)
    assert response.status_code == 200
    return json.loads(response.content)


def rows_of(response: Any) -> list[list[str]]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(body.decode("utf-8"))))


# export.json --------------------------------------------------------------------------


def test_export_is_one_object_in_the_published_format(alice: Any, runner_client: Any) -> None:
    document = export_of(runner_client)
    assert list(document) == [
        "format",
        "exported_at",
        "profile",
        "sessions",
        "warnings",
        "consent_events",
        "import_jobs",
        "device_entries",
        "planned",  # coaching's tables, registered through logbook.export.table_register
        "coach_notes",
        "hip_level_changes",
        "invitations",
        "email_choices",  # notifications' tables, registered the same way
        "emails",
    ]
    assert document["format"] == "runningcoach-export/1"
    assert datetime.fromisoformat(document["exported_at"]).utcoffset() is not None
    assert document["profile"]["email"] == "alice@example.com"
    assert document["profile"]["display_name"] == "Alice"


def test_export_is_a_dated_download(runner_client: Any) -> None:
    with time_machine.travel(NOW, tick=False):
        response = runner_client.get(EXPORT_JSON)
    assert response["Content-Type"].startswith("application/json")
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="runningcoach-export-2025-06-11.json"'
    )


def test_export_holds_every_session_of_mine_and_none_of_another(
    alice: Any, bob: Any, runner_client: Any
) -> None:
    document = export_of(runner_client)
    mine = set(Session.objects.filter(athlete=alice).values_list("pk", flat=True))
    assert {s["id"] for s in document["sessions"]} == mine
    assert len(document["sessions"]) == 5
    warnings = TrainingWarning.objects.filter(athlete=alice)
    assert len(document["warnings"]) == warnings.count()
    assert {w["session_id"] for w in document["warnings"]} - {None} <= mine
    assert len(document["consent_events"]) == 1
    assert "bob@example.com" not in json.dumps(document)


def test_session_keys_and_values(alice: Any, runner_client: Any) -> None:
    sessions = export_of(runner_client)["sessions"]
    assert all(set(s) >= SESSION_KEYS for s in sessions)
    first = sessions[0]
    assert first["start"] == "2025-05-01T08:00:00+02:00"  # the runner's own offset
    assert first["kind"] == "run"
    assert first["surface"] == "forest_path"
    assert first["distance_m"] == 5000
    assert first["rpe"] == 4
    assert first["load"] == 120.0
    assert first["rpe_estimated"] is False
    assert first["source"] == "manual"
    assert first["exercises"] == []


def test_strength_session_lists_its_exercises(alice: Any, runner_client: Any) -> None:
    (strength,) = [s for s in export_of(runner_client)["sessions"] if s["kind"] == "strength"]
    assert strength["distance_m"] is None
    assert strength["exercises"] == [
        {"slug": "test-side-plank", "name": "Side plank", "sets": 3, "reps": None, "seconds": 30},
        {"slug": "test-side-plank", "name": "Side plank", "sets": 2, "reps": 12, "seconds": None},
    ]


def test_warning_keys_and_rendered_message(alice: Any, runner_client: Any) -> None:
    warnings = export_of(runner_client)["warnings"]
    assert all(set(w) >= WARNING_KEYS for w in warnings)
    (pain,) = [w for w in warnings if w["rule"] == "pain"]
    assert pain["severity"] == "sharp"
    assert pain["date"] == "2025-06-10"
    assert pain["numbers"] == {"pain": 7}
    assert pain["message"] == "Sharp pain recorded after this session (7/10)"
    assert pain["advice"]
    assert pain["source"]
    assert pain["acknowledged_at"] is None


def test_export_needs_login(client: Any) -> None:
    response = client.get(EXPORT_JSON)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


# Session (unless cached), the user with their profile (middleware); profile with coach and
# upload link, sessions, exercises done, warnings, consent events, imports, sessions sent
# from a device, and the span of planned sessions
# (coaching's table; three more queries when there are any, see
# tests/coaching/test_plan_export.py), coach notes, hip-level history, invitations, e-mail
# choices and e-mails: one query each; the profile's weekly e-mail choice (notifications:
# the stored choices, whether any session).
EXPORT_QUERIES = SESSION_READS + 16


def test_export_query_count_without_data(
    runner_client: Any, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(EXPORT_QUERIES):
        runner_client.get(EXPORT_JSON)


def test_export_query_count_does_not_grow_with_the_history(
    runner: Any, side_plank: Exercise, runner_client: Any, django_assert_num_queries: Any
) -> None:
    make_history(runner, side_plank, runs=25)
    with django_assert_num_queries(EXPORT_QUERIES):
        document = export_of(runner_client)
    assert len(document["sessions"]) == 27


# CSV ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("table", "header", "rows"),
    [
        ("sessions", ["id", "start", "kind", "surface", "duration_s", "distance_m"], 5),
        ("exercises", ["session_id", "session_start", "slug", "name", "sets", "reps"], 2),
        ("profile", ["email", "display_name", "time_zone", "language"], 1),
        ("warnings", ["rule", "severity", "date", "session_id", "numbers", "title"], None),
        ("consent_events", ["given", "at"], 1),
    ],
)
def test_csv_header_and_row_count(
    alice: Any, bob: Any, runner_client: Any, table: str, header: list[str], rows: int | None
) -> None:
    response = runner_client.get(csv_url(table))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith(
        f'attachment; filename="runningcoach-{table}-'
    )
    lines = rows_of(response)
    assert lines[0][: len(header)] == header
    assert lines[0] == list(TABLES[table].columns)
    expected = TrainingWarning.objects.filter(athlete=alice).count() if rows is None else rows
    assert len(lines) - 1 == expected
    assert all(len(line) == len(lines[0]) for line in lines)


def test_sessions_csv_is_streamed_and_holds_only_mine(
    alice: Any, bob: Any, runner_client: Any
) -> None:
    response = runner_client.get(csv_url("sessions"))
    assert response.streaming
    ids = {int(line[0]) for line in rows_of(response)[1:]}
    assert ids == set(Session.objects.filter(athlete=alice).values_list("pk", flat=True))


def test_csv_cells(alice: Any, runner_client: Any) -> None:
    lines = rows_of(runner_client.get(csv_url("sessions")))
    row = dict(zip(lines[0], lines[-1], strict=True))
    assert row["start"] == "2025-06-10T08:00:00+02:00"
    assert row["sharp_pain"] == "true"
    assert row["pain_location"] == "left knee"
    assert row["elevation_gain_m"] == ""
    warnings = rows_of(runner_client.get(csv_url("warnings")))
    pain = next(dict(zip(warnings[0], w, strict=True)) for w in warnings[1:] if w[0] == "pain")
    assert json.loads(pain["numbers"]) == {"pain": 7}


def test_exercises_csv_names_the_session(alice: Any, runner_client: Any) -> None:
    lines = rows_of(runner_client.get(csv_url("exercises")))
    strength = Session.objects.get(athlete=alice, kind=Kind.STRENGTH)
    assert {line[0] for line in lines[1:]} == {str(strength.pk)}
    assert SessionExercise.objects.filter(session=strength).count() == 2


def test_unknown_table_is_404(runner_client: Any) -> None:
    assert runner_client.get(csv_url("passwords")).status_code == 404


def test_csv_needs_login(client: Any) -> None:
    response = client.get(csv_url("sessions"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


# The page -----------------------------------------------------------------------------


def test_your_data_page_links_every_download_and_deletion(runner_client: Any) -> None:
    response = runner_client.get(reverse("logbook:your_data"))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{EXPORT_JSON}"' in html
    for table in ("sessions", "exercises", "profile", "warnings"):
        assert f'href="{csv_url(table)}"' in html
    assert f'href="{reverse("logbook:account_delete")}"' in html


def test_your_data_needs_login(client: Any) -> None:
    response = client.get(reverse("logbook:your_data"))
    assert response.status_code == 302
