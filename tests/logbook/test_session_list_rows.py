"""What each row of the session list says, in English and Dutch."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from exercises.models import Exercise
from logbook import services
from logbook.models import Session
from tests.logbook.helpers import days_ago, log_run, run_form

pytestmark = pytest.mark.django_db


def rows(client: Client, **headers: Any) -> list[str]:
    html = client.get(reverse("logbook:session_list"), **headers).content.decode()
    items = re.findall(r'<li class="list-group-item">(.*?)</li>', html, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in items]


def test_each_row_shows_kind_surface_distance_minutes_load_and_exercises(
    runner_client: Client, runner: Any
) -> None:
    made = [
        Exercise.objects.create(
            slug=f"row-{n}", name=f"Row {n}", category="hip", level=1, purpose="p", how_to="h"
        )
        for n in range(2)
    ]
    response = runner_client.post(
        reverse("logbook:session_new"),
        run_form(
            kind="strength",
            duration="25",
            distance_km="12",
            rpe="4",
            **{
                "ex-0-exercise": str(made[0].pk),
                "ex-0-sets": "3",
                "ex-1-exercise": str(made[1].pk),
                "ex-1-sets": "2",
            },
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    log_run(runner, days_ago(3), 10.04, minutes=50, rpe=6, surface="forest_path")
    services.session_log(
        athlete=runner, start=days_ago(4), kind="walk", duration_s=1800, distance_m=None, rpe=None
    )
    walk = Session.objects.get(athlete=runner, kind="walk")
    assert walk.rpe_estimated

    strength, run, walked = rows(runner_client)
    assert strength.startswith("Strength / mobility ")
    assert strength.endswith("25 min · load 100 · 2 exercises")
    assert "km" not in strength
    assert run.startswith("Run · Forest path ")
    assert run.endswith("10.0 km 50 min · load 300")
    assert walked.startswith("Walk ")
    assert walked.endswith(f"30 min · load {walk.load:.0f}*")

    strength, run, walked = rows(runner_client, HTTP_ACCEPT_LANGUAGE="nl")
    assert strength.startswith("Kracht / mobiliteit ")
    assert strength.endswith("25 min · belasting 100 · 2 oefeningen")
    assert run.startswith("Hardlopen · Bospad ")
    assert run.endswith("10,0 km 50 min · belasting 300")
    assert walked.endswith(f"30 min · belasting {walk.load:.0f}*")


def test_the_rows_link_to_their_sessions(runner_client: Client, runner: Any) -> None:
    session = log_run(runner, days_ago(1), 5).session
    html = runner_client.get(reverse("logbook:session_list")).content.decode()
    assert f'href="{reverse("logbook:session_detail", args=[session.pk])}"' in html
