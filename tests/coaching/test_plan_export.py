"""Planned sessions in the runner's own export: "planned" in export.json, planned.csv."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from coaching import services
from logbook import services as logbook_services
from tests.factories import make_runner
from tests.logbook.test_export import EXPORT_QUERIES

AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 3, 11, 12, 0, tzinfo=AMS)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


def plan(athlete: Any, day: date, **values: Any) -> Any:
    return services.plan_session_save(
        athlete=athlete,
        planned_by=athlete,
        values=services.PlanValues(day=day, kind="run", **values),
    )


def test_export_json_holds_planned_with_status_and_session(runner: Any, runner_client: Any) -> None:
    done = plan(runner, date(2026, 3, 9), duration_s=2400, distance_m=7000, rpe=5)
    missed = plan(runner, date(2026, 3, 10), distance_m=10000)
    later = plan(runner, date(2026, 3, 20), duration_s=1800)
    session = logbook_services.session_log(
        athlete=runner, start=datetime(2026, 3, 9, 7, tzinfo=AMS), kind="run", duration_s=2460
    ).session
    assert session is not None
    plan(make_runner("bob@example.com"), date(2026, 3, 9), duration_s=600)
    document = json.loads(runner_client.get(reverse("logbook:export_json")).content)
    planned = document["planned"]
    assert [p["id"] for p in planned] == [done.pk, missed.pk, later.pk]
    first = planned[0]
    assert {k: first[k] for k in ("id", "date", "kind", "duration_s", "distance_m", "rpe")} == {
        "id": done.pk,
        "date": "2026-03-09",
        "kind": "run",
        "duration_s": 2400,
        "distance_m": 7000,
        "rpe": 5,
    }
    assert (first["status"], first["session_id"]) == ("done", session.pk)
    assert (planned[1]["status"], planned[1]["session_id"]) == ("missed", None)
    assert (planned[2]["status"], planned[2]["rpe"]) == ("planned", None)


def test_planned_csv_has_a_row_per_planned_session(runner: Any, runner_client: Any) -> None:
    plan(runner, date(2026, 3, 9), duration_s=2400, notes="=cmd")
    plan(runner, date(2026, 3, 12), duration_s=2400)
    response = runner_client.get(reverse("logbook:export_csv", args=["planned"]))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["id", "date", "kind"]
    assert len(rows) == 3
    assert rows[1][rows[0].index("notes")] == "'=cmd"
    assert rows[1][rows[0].index("status")] == "missed"


def test_export_queries_do_not_grow_with_the_plan(
    runner: Any, runner_client: Any, django_assert_num_queries: Any
) -> None:
    plan(runner, date(2026, 3, 9), duration_s=2400, exercise_ids=[1])
    with django_assert_num_queries(EXPORT_QUERIES + 3):
        runner_client.get(reverse("logbook:export_json"))
    for n in range(40):
        plan(runner, date(2026, 1, 1) + timedelta(days=n * 3), duration_s=1800, exercise_ids=[1])
    with django_assert_num_queries(EXPORT_QUERIES + 3):
        document = json.loads(runner_client.get(reverse("logbook:export_json")).content)
    assert len(document["planned"]) == 41


def test_your_data_page_offers_the_planned_table(runner_client: Any) -> None:
    html = runner_client.get(reverse("logbook:your_data")).content.decode()
    assert reverse("logbook:export_csv", args=["planned"]) in html
