"""The dashboard's queries: a fixed number whatever the length of the history."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from logbook import load
from logbook.models import Kind, Session, TrainingWarning
from tests.logbook.dashboard_world import (
    CACHED_QUERIES,
    DASHBOARD,
    DASHBOARD_QUERIES,
    HIP_EXERCISES_READ,
    at,
    log,
    long_history,
    stored_warning,
)


def test_query_count_without_history(runner_client: Any, django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(DASHBOARD_QUERIES):
        response = runner_client.get(DASHBOARD)
    assert response.status_code == 200


def test_query_count_with_two_years_of_history(
    runner: Any, runner_client: Any, django_assert_num_queries: Any
) -> None:
    long_history(runner, days=730, per_day=0.55)
    assert Session.objects.filter(athlete=runner).count() == 401
    assert TrainingWarning.objects.filter(
        athlete=runner, day__gte=timezone.localdate() - timedelta(days=29)
    ).exists()
    with django_assert_num_queries(DASHBOARD_QUERIES + HIP_EXERCISES_READ):
        response = runner_client.get(DASHBOARD)
    assert response.status_code == 200
    assert response.context["d"].open_warnings
    with django_assert_num_queries(CACHED_QUERIES):
        cached = runner_client.get(DASHBOARD)
    token = re.compile(rb'name="csrfmiddlewaretoken" value="\w+"')
    assert token.sub(b"", cached.content) == token.sub(b"", response.content)


def test_first_showing_of_new_warnings_costs_one_update(
    runner: Any, runner_client: Any, django_assert_num_queries: Any
) -> None:
    stored_warning(runner, load.PAIN, "high", timezone.localdate())
    # The UPDATE, and the version it raises (the warning now shows as seen).
    with django_assert_num_queries(DASHBOARD_QUERIES + 2):
        runner_client.get(DASHBOARD)


def test_long_run_card_after_a_spike_shows_the_spike_advice(
    runner: Any, runner_client: Any, frozen: None
) -> None:
    log(runner, at(date(2025, 6, 1)), Kind.RUN, 60, distance_m=10200, rpe=5)
    spike = log(runner, at(date(2025, 6, 10)), Kind.RUN, 90, distance_m=14000, rpe=5)
    warning = TrainingWarning.objects.get(session=spike, rule=load.SINGLE_RUN_SPIKE)
    html = runner_client.get(DASHBOARD).content.decode()
    # 14 km + 10 % = 15.4 km: the longest next run the spike rule would not flag, the same
    # figure in the advice and on the card (DOMAIN.md section 3).
    assert "at or under 15.4 km" in warning.as_load_warning().advice()
    assert re.search(r'id="long-run-cap">15\.4 km<', html)
    assert re.search(r'id="longest-run">14\.0 km<', html)
