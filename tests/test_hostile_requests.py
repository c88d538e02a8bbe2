"""Hostile form posts and query strings: a form message or a 404, never a server error, and
nothing half-saved."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.urls import reverse

from logbook.models import Session, SessionExercise
from tests import crawl
from tests.test_access_matrix import client_for, world  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


def session_post(**overrides: str) -> dict[str, str]:
    data = {
        "kind": "run",
        "date": "2026-11-20",
        "time": "07:30",
        "duration": "45",
        "distance_km": "8.5",
        "surface": "road",
        "rpe": "5",
        "notes": "",
        "ex-TOTAL_FORMS": "0",
        "ex-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1989-12-31"])
def test_session_date_outside_the_range_gets_a_form_message(runner_client, runner, day):
    response = runner_client.post(reverse("logbook:session_new"), session_post(date=day))
    assert response.status_code == 200
    assert "Enter a date between 1990 and a year from now." in response.content.decode()
    assert not Session.objects.filter(athlete=runner).exists()


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_week_view_far_away_is_not_found(runner_client, day):
    assert runner_client.get(reverse("logbook:week"), {"date": day}).status_code == 404


@pytest.mark.parametrize("field", ["date_from", "date_to"])
def test_list_filter_with_year_1_gets_a_form_message(runner_client, field):
    response = runner_client.get(reverse("logbook:session_list"), {field: "0001-01-01"})
    assert response.status_code == 200
    assert "Enter a date between 1990 and a year from now." in response.content.decode()


def test_notes_longer_than_the_maximum_are_refused(runner_client, runner):
    response = runner_client.post(reverse("logbook:session_new"), session_post(notes="x" * 5001))
    assert response.status_code == 200
    assert not Session.objects.filter(athlete=runner).exists()


def test_post_claiming_100_million_exercise_rows_builds_few_forms(runner_client, runner):
    data = session_post(kind="strength", distance_km="")
    data["ex-TOTAL_FORMS"] = "100000000"
    response = runner_client.post(reverse("logbook:session_new"), data)
    assert response.status_code == 200
    rows = set(re.findall(r'name="ex-(\d+)-', response.content.decode()))
    assert 0 < len(rows) <= 20  # the form came back with its rows, at most 20 of them
    assert not SessionExercise.objects.exists()
    assert not Session.objects.filter(athlete=runner).exists()


def test_progression_step_id_beyond_any_column_is_ignored(runner_client):
    response = runner_client.get(reverse("logbook:session_new"), {"step": "9" * 30})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "name", ["logbook:session_detail", "logbook:session_edit", "logbook:import_status"]
)
def test_object_id_beyond_any_column_is_not_found(runner_client, name):
    assert runner_client.get(reverse(name, args=[10**30])).status_code == 404


# Every page, every query-string name it reads: found by the crawl, not listed here -------


@pytest.fixture
def crawl_world(request: pytest.FixtureRequest):
    return crawl.with_a_superuser(crawl.with_a_plan_for_today(request.getfixturevalue("world")))


def hostile_queries(found: crawl.Found) -> Iterator[tuple[str, dict[str, str]]]:
    """Each name a page's view read (or its links carry), set to each hostile value, on top
    of a query string a link of the app carries to that page (for the superuser, each name
    once: tests/crawl.py)."""
    for path, name, base in found.query_targets():
        for value in crawl.HOSTILE_VALUES:
            yield path, {**base, name: value}


@pytest.mark.parametrize("role", crawl.ROLE_PAGES)
def test_no_page_answers_a_hostile_query_string_with_a_server_error(crawl_world, role):
    """As the superuser, a sample (tests/crawl.py): each admin's list, add page and one
    change page, each query-string name once; the coach's pages are fuzzed as the coach."""
    found = crawl.crawl(crawl_world, role)
    assert len(found.query_names) > 8, "the crawl found the pages"
    client = client_for(crawl_world, role)
    errors = []
    for path, query in hostile_queries(found):
        status = client.get(path, query).status_code
        if status >= 500:
            errors.append(f"GET {path}?{query}: {status}")
    assert errors == []


def test_the_crawl_finds_the_query_names_of_the_logging_form(crawl_world):
    found = crawl.crawl(crawl_world, "runner_a")
    path = reverse("logbook:session_new")
    assert {"same_as", "step", "exercise", "from"} <= found.query_names[path]
    assert any(q.get("from") == "plan" and "duration" in q for q in found.link_queries[path])
