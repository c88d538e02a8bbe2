"""Every main page in Chromium, on a 375 px phone and a 1280 px screen, in English and
Dutch, light and dark: no sideways scrolling, no request outside the app, no serious or
critical axe-core finding; a screenshot of each is kept (tests/e2e/shots.py)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from coaching import services as plan_services
from exercises.models import Exercise
from logbook import services
from logbook.models import Session
from logbook.services import ExerciseDone
from logbook.tracks import TrackPoint, track_to_store
from tests.e2e.pages import PHONE, WIDE, browsing
from tests.e2e.shots import save_screenshot
from tests.factories import make_runner
from tests.logbook.helpers import days_ago, log_run

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def runner_with_history() -> Any:
    """A runner with a few weeks of runs, a long-run spike, a strength session with
    exercises, an unrated import and a backward finisher: every block of every page shows."""
    runner = make_runner("eva@example.com", display_name="Eva")
    for week in range(4, 0, -1):
        log_run(runner, days_ago(week * 7), 8, minutes=50)
        log_run(runner, days_ago(week * 7 - 2), 6, minutes=35, backward_s=40)
    log_run(runner, days_ago(1), 14, minutes=85, rpe=7)  # a spike: an alarm
    log_run(runner, days_ago(2, hour=18), 5, minutes=30, rpe=None)  # still to rate
    exercise = Exercise.objects.filter(category="hip", level=1).first()
    assert exercise is not None
    services.session_log(
        athlete=runner,
        start=timezone.now() - timedelta(hours=3),
        kind="strength",
        duration_s=1500,
        rpe=4,
        exercises=[ExerciseDone(exercise_id=exercise.pk, sets=3, reps=10, seconds=None)],
    )
    # A plan: yesterday's (fulfilled by the spike), today's and tomorrow's.
    today = timezone.localdate()
    for day, kind, minutes in ((-1, "run", 60), (0, "strength", 25), (1, "run", 40)):
        plan_services.plan_session_save(
            athlete=runner,
            planned_by=runner,
            values=plan_services.PlanValues(
                day=today + timedelta(days=day),
                kind=kind,
                duration_s=minutes * 60,
                exercise_ids=[exercise.pk] if kind == "strength" else [],
                notes="steady" if kind == "run" else "",
            ),
        )
    imported = log_run(runner, days_ago(5), 3, minutes=15).session
    square = [(52.09, 5.12), (52.09, 5.14), (52.10, 5.14), (52.10, 5.12), (52.09, 5.12)]
    Session.objects.filter(pk=imported.pk).update(
        source="gpx",
        track=track_to_store(
            [
                TrackPoint(
                    lat=lat,
                    lon=lon,
                    time=imported.start + timedelta(minutes=4 * i),
                    heart_rate=130 + 5 * i,
                )
                for i, (lat, lon) in enumerate(square)
            ]
        ),
    )
    return runner


def main_pages(runner: Any) -> list[tuple[str, str]]:
    session = runner.sessions.order_by("-start").first()
    exercise = Exercise.objects.order_by("pk").first()
    routed = runner.sessions.filter(track__isnull=False).first()
    assert session is not None and exercise is not None and routed is not None
    return [
        ("dashboard", reverse("logbook:dashboard")),
        ("log", reverse("logbook:session_new")),
        ("sessions", reverse("logbook:session_list")),
        ("session", reverse("logbook:session_detail", args=[session.pk])),
        ("edit", reverse("logbook:session_edit", args=[session.pk])),
        ("route", reverse("logbook:session_detail", args=[routed.pk])),
        ("week", reverse("logbook:week")),
        ("plan", reverse("coaching:plan")),
        ("plan-edit", reverse("coaching:plan_edit", args=[runner.planned_sessions.first().pk])),
        ("to-rate", reverse("logbook:sessions_to_rate")),
        ("import", reverse("logbook:import")),
        ("your-data", reverse("logbook:your_data")),
        ("settings", reverse("accounts:settings")),
        ("exercises", reverse("exercises:list")),
        ("exercise", exercise.get_absolute_url()),
        ("progressions", reverse("exercises:progressions")),
        ("progression", reverse("exercises:progression", args=["hip-programme"])),
        ("hip-check", reverse("exercises:hip_check")),
        ("seek-help", reverse("exercises:seek_help")),
    ]


PUBLIC_PAGES = [
    ("home", "/"),
    ("login", "/accounts/login/"),
    ("signup", "/accounts/signup/"),
]

COMBINATIONS = [
    pytest.param(PHONE, "en", False, id="375-en-light"),
    pytest.param(PHONE, "nl", True, id="375-nl-dark"),
    pytest.param(WIDE, "nl", False, id="1280-nl-light"),
    pytest.param(WIDE, "en", True, id="1280-en-dark"),
]


@pytest.mark.parametrize(("width", "language", "dark"), COMBINATIONS)
def test_main_pages_are_accessible_and_fit(
    browser: Any, live_server: Any, width: int, language: str, dark: bool
) -> None:
    runner = runner_with_history()
    found: dict[str, list[str]] = {}
    with browsing(
        browser, live_server.url, width=width, user=runner, language=language, dark=dark
    ) as b:
        for name, path in main_pages(runner):
            b.goto(path)
            assert b.page.locator("html").get_attribute("lang") == language, path
            theme = b.page.locator("html").get_attribute("data-bs-theme")
            assert theme == ("dark" if dark else "light"), path
            assert b.scroll_width() <= width, f"{path} scrolls sideways: {b.widest()}"
            violations = b.axe_violations()
            if violations:
                found[path] = violations
            save_screenshot(b.page, f"{name}-{width}-{language}-{'dark' if dark else 'light'}")
        assert b.problems == []
    assert found == {}, "\n".join(f"{path}: {v}" for path, v in found.items())


@pytest.mark.parametrize(("width", "language", "dark"), COMBINATIONS[:2])
def test_public_pages_are_accessible_and_fit(
    browser: Any, live_server: Any, width: int, language: str, dark: bool
) -> None:
    found: dict[str, list[str]] = {}
    with browsing(browser, live_server.url, width=width, language=language, dark=dark) as b:
        for name, path in PUBLIC_PAGES:
            b.goto(path)
            assert b.scroll_width() <= width, f"{path} scrolls sideways: {b.widest()}"
            violations = b.axe_violations()
            if violations:
                found[path] = violations
            save_screenshot(b.page, f"{name}-{width}-{language}-{'dark' if dark else 'light'}")
        assert b.problems == []
    assert found == {}, "\n".join(f"{path}: {v}" for path, v in found.items())
