"""The coach's athlete list: last week's plan compliance, its column and its filter."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine

from accounts.models import User
from coaching import selectors
from coaching import services as plan_services
from coaching.models import PlannedSession
from tests.coaching.athlete_list import (
    LIST,
    LIST_QUERIES_ROWS_KEPT,
    LIST_QUERIES_WITH_PLANS,
    NOW,
    at,
    figure,
    many_athletes,
    rows,
)
from tests.coaching.conftest import Club, coached
from tests.logbook.helpers import log_run


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


# Plan compliance (last full week: 16-22 November) --------------------------------------


def _plan(athlete: User, day: int, minutes: int = 40) -> None:
    plan_services.plan_session_save(
        athlete=athlete,
        values=plan_services.PlanValues(
            day=date(2026, 11, day), kind="run", duration_s=minutes * 60
        ),
        planned_by=None,
    )


def _plans_for_compliance(club: Club) -> User:
    # Alice: two on target, one short (partly), one missed: (2 + 0.5) / 4 = 62.5 %, 63 %.
    for day in (16, 18, 20, 22):
        _plan(club.alice, day)
    log_run(club.alice, at(16), 8, minutes=40)
    log_run(club.alice, at(18), 8, minutes=44)
    log_run(club.alice, at(20), 4, minutes=25)
    # Carol: nothing planned. Dora: both done. Finn: one planned, missed (0 %).
    dora = coached("dora@example.com", "Dora", club.bob)
    finn = coached("finn@example.com", "Finn", club.bob)
    for day in (17, 19):
        _plan(dora, day)
        log_run(dora, at(day), 8, minutes=40)
    _plan(finn, 21)
    # This week's plan does not count yet, nor does Erin's (Dan's athlete).
    _plan(club.alice, 23)
    _plan(club.erin, 17)
    return dora


def _compliance_column(response: Any) -> dict[str, str]:
    return {name: figure(response, name, "Plan done last week") for name in rows(response)}


def test_the_compliance_column_shows_last_weeks_compliance(bob_client: Any, club: Club) -> None:
    _plans_for_compliance(club)
    response = bob_client.get(LIST)
    assert _compliance_column(response) == {
        "Alice": "63 %",
        "Carol": "-",
        "Dora": "100 %",
        "Finn": "0 %",
    }
    assert "Plan done last week" in response.content.decode()


def test_the_compliance_column_equals_the_plan_selectors_figure(
    bob_client: Any, club: Club
) -> None:
    _plans_for_compliance(club)
    shown = _compliance_column(bob_client.get(LIST))
    for athlete in User.objects.filter(profile__coach=club.bob).select_related("profile"):
        (week,) = selectors.plan_weeks(athlete=athlete, first_monday=date(2026, 11, 16))
        expected = "-" if week.compliance_pct is None else f"{week.compliance_pct} %"
        assert shown[athlete.profile.display_name] == expected


@pytest.mark.parametrize(
    ("band", "names"),
    [("low", ["Finn"]), ("mid", ["Alice"]), ("high", ["Dora"]), ("none", ["Carol"])],
)
def test_the_compliance_filter(bob_client: Any, club: Club, band: str, names: list[str]) -> None:
    _plans_for_compliance(club)
    assert sorted(rows(bob_client.get(LIST, {"compliance": band}))) == names


def test_the_list_with_compliance_runs_the_same_queries_for_few_and_many_plans(
    bob_client: Any, club: Club, django_assert_num_queries: Any
) -> None:
    _plans_for_compliance(club)
    with django_assert_num_queries(LIST_QUERIES_WITH_PLANS):
        few = bob_client.get(LIST, {"all": ""})
    assert len(rows(few)) == 4
    many = many_athletes(club.bob, 200, "many")
    PlannedSession.objects.bulk_create(
        PlannedSession(athlete=user, day=date(2026, 11, day), kind="run", duration_s=2400)
        for user in many
        for day in (16, 17, 19, 21)
    )
    for user in many[:20]:
        log_run(user, at(17), 8, minutes=40)
    with django_assert_num_queries(LIST_QUERIES_WITH_PLANS):
        response = bob_client.get(LIST, {"all": ""})
    assert len(rows(response)) == 204
    # The filter reads the squad and its week once (four queries), however large both are;
    # the rows are those printed above.
    with django_assert_num_queries(LIST_QUERIES_ROWS_KEPT + 4):
        low = bob_client.get(LIST, {"all": "", "compliance": "low"})
    # Finn (0 %), 180 with nothing done and 20 with one of four (25 %).
    assert "Finn" in rows(low) and len(rows(low)) == 201
