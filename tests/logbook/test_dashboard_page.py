"""The dashboard page: what it shows and links, its warnings, and their order on a phone."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from typing import Any

import time_machine
from django.urls import reverse
from django.utils import timezone

from logbook import load
from logbook.models import Kind, TrainingWarning
from tests.logbook.dashboard_world import (
    DASHBOARD,
    NOW,
    TODAY,
    at,
    log,
    stored_warning,
)

# The page -----------------------------------------------------------------------------


def test_dashboard_needs_login(client: Any) -> None:
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_page_greets_the_runner(runner_client: Any) -> None:
    response = runner_client.get(DASHBOARD)
    assert response.status_code == 200
    assert "Hello Alice" in response.content.decode()


def test_page_takes_now_from_the_clock(history: Any, runner_client: Any) -> None:
    response = runner_client.get(DASHBOARD)
    figures = response.context["d"]
    assert figures.today == TODAY
    assert figures.this_week.run_m == 10000
    assert figures.hip_sessions_this_week == 1


def test_page_shows_the_figures(history: Any, runner_client: Any) -> None:
    html = runner_client.get(DASHBOARD).content.decode()
    assert re.search(
        r'id="week-run-km">.*?<td[^>]*>10\.0 km</td>\s*<td[^>]*>20\.0 km</td>', html, re.S
    )
    assert re.search(
        r'id="week-walk-km">.*?<td[^>]*>5\.0 km</td>\s*<td[^>]*>0\.0 km</td>', html, re.S
    )
    assert re.search(r'id="week-time">.*?<td[^>]*>2:50 h</td>\s*<td[^>]*>2:25 h</td>', html, re.S)
    assert re.search(r'id="week-load">.*?<td[^>]*>600</td>\s*<td[^>]*>750</td>', html, re.S)
    assert re.search(r'id="longest-run">15\.0 km<', html)
    assert re.search(r'id="long-run-cap">16\.5 km<', html)
    assert re.search(r'id="hip-sessions">1 of 2<', html)


def test_page_links_log_and_import(runner_client: Any) -> None:
    html = runner_client.get(DASHBOARD).content.decode()
    assert f'href="{reverse("logbook:session_new")}"' in html
    assert f'href="{reverse("logbook:import")}"' in html


def test_page_links_sessions_to_rate(runner: Any, runner_client: Any, frozen: None) -> None:
    log(runner, at(date(2025, 6, 10)), Kind.RUN, 30, distance_m=5000)
    html = runner_client.get(DASHBOARD).content.decode()
    assert f'href="{reverse("logbook:sessions_to_rate")}"' in html
    assert "1 imported session has no effort rating yet" in html


def test_chart_data_and_scripts_without_inline_code(history: Any, runner_client: Any) -> None:
    html = runner_client.get(DASHBOARD).content.decode()
    match = re.search(r'<script id="chart-data" type="application/json">(.*?)</script>', html, re.S)
    assert match is not None
    data = json.loads(match.group(1))
    assert data["days"][-1] == "2025-06-11"
    assert data["daily"]["data"][-1] == 180.0
    assert data["average7"]["data"][-1] == 167.1
    assert "vendor/chartjs/chart.umd.min.js" in html
    assert "js/dashboard-chart.js" in html
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag
    assert "style=" not in html


def test_pain_warning_links_help_and_acknowledge(runner: Any, runner_client: Any) -> None:
    with time_machine.travel(NOW, tick=False):
        log(runner, at(date(2025, 6, 10)), Kind.RUN, 30, distance_m=5000, rpe=4, sharp_pain=True)
        html = runner_client.get(DASHBOARD).content.decode()
    warning = TrainingWarning.objects.get(athlete=runner, rule=load.PAIN)
    assert "Pain after a session: sharp" in html
    assert "Sharp pain recorded after this session" in html
    assert "physiotherapist" in html
    assert f'href="{reverse("exercises:seek_help")}"' in html
    assert f'action="{reverse("logbook:warning_acknowledge", args=[warning.pk])}"' in html
    assert "csrfmiddlewaretoken" in html


def test_showing_a_warning_marks_it_seen(runner: Any, runner_client: Any) -> None:
    warning = stored_warning(runner, load.PAIN, "high", timezone.localdate())
    runner_client.get(DASHBOARD)
    warning.refresh_from_db()
    assert warning.seen_at is not None


def test_warnings_beyond_three_fold_away(runner: Any, runner_client: Any) -> None:
    # The newest alarm has its own place; of the five others, three show in full.
    for days_back in range(6):
        stored_warning(runner, load.PAIN, "high", timezone.localdate() - timedelta(days=days_back))
    html = runner_client.get(DASHBOARD).content.decode()
    assert html.count('class="card mb-3 border-danger warning-card"') == 6
    folded = html.split('id="more-warnings"', 1)[1].split('id="next-steps"', 1)[0]
    assert "2 more open warnings" in folded
    assert folded.count("warning-card") == 2


def test_no_open_warnings_says_so(runner_client: Any) -> None:
    assert 'id="no-warnings"' in runner_client.get(DASHBOARD).content.decode()


# Order on a phone -----------------------------------------------------------------------


def test_this_week_comes_before_any_warning(runner: Any, runner_client: Any) -> None:
    stored_warning(runner, load.PAIN, "high", timezone.localdate())
    html = runner_client.get(DASHBOARD).content.decode()
    assert (
        html.index('id="this-week"') < html.index('id="newest-alarm"') < html.index('id="warnings"')
    )


def test_newest_open_alarm_comes_right_after_this_week(runner: Any, runner_client: Any) -> None:
    today = timezone.localdate()
    stored_warning(runner, load.PAIN, "high", today - timedelta(days=3))
    newest = stored_warning(runner, load.PAIN, "high", today - timedelta(days=1))
    html = runner_client.get(DASHBOARD).content.decode()
    alarm = html.split('id="newest-alarm"', 1)[1].split("</section>", 1)[0]
    assert f"/warnings/{newest.pk}/acknowledge/" in alarm
    assert alarm.count("warning-card") == 1


def test_warnings_older_than_14_days_fold_into_history(runner: Any, runner_client: Any) -> None:
    old = stored_warning(runner, load.PAIN, "high", timezone.localdate() - timedelta(days=20))
    html = runner_client.get(DASHBOARD).content.decode()
    history = html.split('id="warning-history"', 1)[1].split("</details>", 1)[0]
    assert "History: 1 open warning older than 14 days" in history
    assert "warning-card" not in history
    assert f"/warnings/{old.pk}/acknowledge/" not in html
