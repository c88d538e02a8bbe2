"""Every page that lists data runs the same queries for a new runner and for one with
years of history, rendered anew (right after a write) and from the cache."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.versions import version_bump
from logbook import load, services
from logbook.models import Kind, Session
from tests.factories import make_coach, make_runner
from tests.queries import SESSION_READS

pytestmark = pytest.mark.django_db

# Session (unless cached), the user with their profile, then the page's own reads.
RENDERED = {
    # One read of the recent weeks (sessions with their alarms, hip level changes),
    # the kept days of the charts, the sessions to rate, the open warnings, this week's
    # plan, the coach's notes.
    "/dashboard/": SESSION_READS + 8,
    "/sessions/": SESSION_READS + 3,  # the count and the rows (exercises counted inline)
    "/sessions/?kind=run&surface=road": SESSION_READS + 3,
    "/week/": SESSION_READS + 3,  # the week's sessions and its plan
    "/sessions/to-rate/": SESSION_READS + 3,  # the count and the rows
}
# Served from the cache: only the session (unless cached) and the user with their profile.
CACHED = SESSION_READS + 1


def history(athlete: Any, days: int) -> None:
    now = timezone.now()
    rows = []
    for day in range(days, 0, -1):
        session = Session(
            athlete=athlete,
            start=now - timedelta(days=day, hours=2),
            kind=Kind.RUN,
            duration_s=2400,
            distance_m=7000,
            rpe=None if day % 5 == 0 else 5,
            surface="road",
        )
        session.load, session.rpe_estimated = load.session_load(
            duration_s=session.duration_s, rpe=session.rpe, default_rpe=5
        )
        rows.append(session)
    Session.objects.bulk_create(rows)
    services.warnings_recompute(
        athlete=athlete, first_day=(now - timedelta(days=days)).date(), last_day=now.date()
    )


def counts(client: Client, user: Any, path: str, assert_queries: Any, rendered: int) -> None:
    client.get(path)
    version_bump(athlete_id=user.pk)  # as a write does
    with assert_queries(rendered, info=f"{path} rendered"):
        assert client.get(path).status_code == 200
    with assert_queries(CACHED, info=f"{path} cached"):
        assert client.get(path).status_code == 200


@pytest.mark.parametrize("path", list(RENDERED))
@pytest.mark.parametrize("days", [10, 800])
def test_runner_pages_run_the_same_queries_for_any_history(
    client: Client, django_assert_num_queries: Any, path: str, days: int
) -> None:
    runner = make_runner("long@example.com")
    history(runner, days)
    client.force_login(runner)
    if path == "/sessions/to-rate/":
        # Not kept in the cache (it is a form to rate them): rendered every time.
        client.get(path)
        for _ in range(2):
            with django_assert_num_queries(RENDERED[path], info=path):
                assert client.get(path).status_code == 200
        return
    counts(client, runner, path, django_assert_num_queries, RENDERED[path])


@pytest.mark.parametrize("days", [10, 800])
def test_the_session_page_and_the_coach_athlete_page_do_not_grow(
    client: Client, django_assert_num_queries: Any, days: int
) -> None:
    coach = make_coach("coach@example.com")
    runner = make_runner("long@example.com", coach=coach)
    history(runner, days)
    newest = Session.objects.filter(athlete=runner).order_by("-start").first()
    assert newest is not None
    client.force_login(runner)
    detail = reverse("logbook:session_detail", args=[newest.pk])
    client.get(detail)
    with django_assert_num_queries(SESSION_READS + 4, info=detail):
        assert client.get(detail).status_code == 200
    client.force_login(coach)
    page = f"/admin/coaching/athlete/{runner.pk}/change/"
    client.get(page)
    # 17 for the page itself (the figures and the progressions from one read of the recent
    # weeks with their alarms and hip level changes, the fitness chart from the kept days), 3 for its
    # training plan (this week's compliance, the plan check's history and upcoming planned
    # sessions).
    with django_assert_num_queries(SESSION_READS + 19, info=page):
        assert client.get(page).status_code == 200
