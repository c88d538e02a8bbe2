"""The coach's athlete list: the same queries for 5 and 500 athletes, and rows kept in the
cache until their athlete's data changes."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine

from accounts.versions import version_bump
from tests.coaching.athlete_list import (
    CACHED_LIST_QUERIES,
    LIST,
    LIST_QUERIES,
    LIST_QUERIES_ROWS_KEPT,
    NOW,
    at,
    figure,
    give_spike_and_sharp_pain,
    many_athletes,
    printed_rows,
    rows,
)
from tests.coaching.conftest import Club
from tests.logbook.helpers import log_run


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


def test_the_list_runs_the_same_queries_for_5_and_500_athletes(
    bob_client: Any, club: Club, django_assert_num_queries: Any
) -> None:
    give_spike_and_sharp_pain(club.alice)
    many_athletes(club.bob, 3, "few")
    with django_assert_num_queries(LIST_QUERIES):
        five = bob_client.get(LIST, {"all": ""})
    assert len(rows(five)) == 5
    for user in many_athletes(club.bob, 495, "many")[:20]:
        log_run(user, at(20), 8)
    with django_assert_num_queries(LIST_QUERIES):
        many = bob_client.get(LIST, {"all": ""})
    assert len(rows(many)) == 500
    with django_assert_num_queries(CACHED_LIST_QUERIES):
        assert bob_client.get(LIST, {"all": ""}).status_code == 200


def test_after_one_athletes_write_only_their_row_is_worked_out_again(
    bob_client: Any, club: Club, django_assert_num_queries: Any
) -> None:
    log_run(club.carol, at(23), 6)
    before = bob_client.get(LIST)
    log_run(club.alice, at(24), 12)
    with django_assert_num_queries(LIST_QUERIES):
        after = bob_client.get(LIST)
    assert figure(after, "Alice", "Running km this week (change)") == "12.0"
    assert printed_rows(after)["Carol"] == printed_rows(before)["Carol"]
    version_bump(athlete_id=club.bob.pk)  # the coach's own version only: every row is kept
    with django_assert_num_queries(LIST_QUERIES_ROWS_KEPT):
        assert rows(bob_client.get(LIST)) == ["Carol", "Alice"]


def test_a_catalogue_change_shows_in_a_kept_row(bob_client: Any, club: Club) -> None:
    from exercises.models import Exercise
    from logbook import services
    from logbook.services import ExerciseDone

    hip = Exercise.objects.filter(category="hip", level=1).first()
    assert hip is not None
    services.session_log(
        athlete=club.alice,
        start=at(24),
        kind="strength",
        duration_s=1500,
        rpe=4,
        exercises=[ExerciseDone(exercise_id=hip.pk)],
    )
    label = "Hip level (sessions this week)"
    assert figure(bob_client.get(LIST), "Alice", label) == "1 (1)"
    hip.level = 2  # a superuser moves the exercise to level 2: not Alice's level any more
    hip.save()
    version_bump(athlete_id=club.bob.pk)  # a new page, its rows kept
    assert figure(bob_client.get(LIST), "Alice", label) == "1 (0)"
