"""The kept daily loads and fitness series (logbook/day_loads.py) equal a computation from
scratch over the whole history after every kind of write: log, edit (its date too),
delete, import, a change of time zone, and random sequences of them."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import services as account_services
from logbook import load, services
from logbook.load.fitness import fitness_fatigue_form, fitness_steps
from logbook.models import DayLoad, Session
from tests.factories import make_runner
from tests.logbook.helpers import days_ago, earlier_today, log_run, run_form

pytestmark = pytest.mark.django_db
DATA = Path(__file__).resolve().parent.parent / "data" / "activities"

Row = tuple[date, int, float, float, float]


def from_scratch(athlete: Any) -> list[Row]:
    """Every session read, grouped by the runner's local day, the model run from the
    first session day to the last: what the kept rows must hold."""
    athlete.profile.refresh_from_db()
    tz = athlete.profile.tz
    sums: dict[date, list[Any]] = defaultdict(lambda: [0, 0.0])
    for session in Session.objects.filter(athlete=athlete).order_by("start"):
        day = sums[load.local_day(session.start, tz)]
        day[0] += 1
        day[1] += session.load
    if not sums:
        return []
    loads = {d: round(total, 1) for d, (_n, total) in sums.items()}
    states = fitness_steps(loads, first_day=min(loads), last_day=max(loads))
    return [
        (s.day, sums[s.day][0] if s.day in sums else 0, s.load, s.fitness, s.fatigue)
        for s in states
    ]


def kept(athlete: Any) -> list[Row]:
    return list(
        DayLoad.objects.filter(athlete=athlete)
        .order_by("day")
        .values_list("day", "sessions", "load", "fitness", "fatigue")
    )


def assert_kept_equal_scratch(athlete: Any, after: str) -> None:
    expected = from_scratch(athlete)
    found = kept(athlete)
    assert [r[:3] for r in found] == [r[:3] for r in expected], after
    for got, want in zip(found, expected, strict=True):
        assert got[3:] == pytest.approx(want[3:], abs=1e-9), f"{after}: {got[0]}"


@pytest.fixture
def runner() -> Any:
    return make_runner("kept@example.com")


@pytest.fixture
def browser(runner: Any) -> Client:
    client = Client()
    client.force_login(runner)
    return client


def test_logging_today_and_back_dated_keeps_every_day(runner: Any, browser: Client) -> None:
    for n, km in ((20, "8"), (3, "10"), (0, "5.5"), (45, "12")):
        start = days_ago(n) if n else earlier_today()
        form = run_form(distance_km=km, date=start.date().isoformat(), time=start.strftime("%H:%M"))
        assert browser.post(reverse("logbook:session_new"), form).status_code == 302
        assert_kept_equal_scratch(runner, f"logged {n} days back")
    assert kept(runner)[0][0] == days_ago(45).date()


def test_editing_a_session_to_another_day_keeps_both_days(runner: Any, browser: Client) -> None:
    log_run(runner, days_ago(30), 8)
    moved = log_run(runner, days_ago(10), 12).session
    log_run(runner, days_ago(2), 6)
    assert moved is not None
    for n in (40, 1, 15):  # before the first session, after the last, in between
        start = days_ago(n)
        form = run_form(date=start.date().isoformat(), time=start.strftime("%H:%M"))
        response = browser.post(reverse("logbook:session_edit", args=[moved.pk]), form)
        assert response.status_code == 302
        assert_kept_equal_scratch(runner, f"moved to {n} days back")


def test_deleting_the_first_the_last_and_the_only_sessions(runner: Any, browser: Client) -> None:
    first = log_run(runner, days_ago(20), 8).session
    middle = log_run(runner, days_ago(10), 9).session
    last = log_run(runner, days_ago(1), 10).session
    for session in (first, last, middle):
        assert session is not None
        assert browser.post(reverse("logbook:session_delete", args=[session.pk])).status_code == 302
        assert_kept_equal_scratch(runner, f"deleted {session.start:%x}")
    assert kept(runner) == []


def test_an_import_keeps_the_days_of_its_sessions(runner: Any) -> None:
    log_run(runner, days_ago(5), 8)
    call_command("import_activities", runner.email, str(DATA / "activities.csv"), verbosity=0)
    assert Session.objects.filter(athlete=runner).count() > 2
    assert_kept_equal_scratch(runner, "imported a Strava list")
    call_command("import_activities", runner.email, str(DATA / "morning-run.gpx"), verbosity=0)
    assert_kept_equal_scratch(runner, "imported a GPX file")


def test_a_time_zone_change_moves_sessions_to_other_days(runner: Any) -> None:
    # 00:30 in Amsterdam is the evening before in New York.
    for n in (9, 4, 1):
        log_run(runner, days_ago(n, hour=0) + timedelta(minutes=30), 7)
    before = kept(runner)
    profile = runner.profile
    account_services.profile_update(
        profile=profile,
        display_name=profile.display_name,
        time_zone="America/New_York",
        language=profile.language,
        health_consent=True,
    )
    assert_kept_equal_scratch(runner, "zone changed")
    assert kept(runner)[0][0] == before[0][0] - timedelta(days=1)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_writes_keep_the_kept_days_exact(runner: Any, seed: int) -> None:
    rng = random.Random(seed)
    zones = ["Europe/Amsterdam", "America/New_York", "Asia/Tokyo"]
    for step in range(25):
        sessions = list(Session.objects.filter(athlete=runner))
        action = rng.choice(["log", "log", "edit", "delete", "zone", "rate"])
        start = days_ago(rng.randint(0, 120), hour=rng.randint(0, 23))
        if action == "log" or not sessions:
            log_run(runner, start, rng.randint(3, 25), minutes=rng.randint(20, 150))
        elif action == "edit":
            services.session_update(
                session=rng.choice(sessions), start=start, rpe=rng.randint(1, 10)
            )
        elif action == "delete":
            services.session_delete(session=rng.choice(sessions))
        elif action == "rate":
            services.session_rate(session=rng.choice(sessions), rpe=rng.randint(1, 10))
        else:
            profile = runner.profile
            account_services.profile_update(
                profile=profile,
                display_name=profile.display_name,
                time_zone=rng.choice(zones),
                language=profile.language,
                health_consent=True,
            )
        assert_kept_equal_scratch(runner, f"step {step}: {action}")


def test_the_fitness_panel_equals_the_model_over_the_whole_history(
    runner: Any, browser: Client
) -> None:
    """The dashboard reads the kept days of its chart only, and carries the series over
    the rest days since: the same figures as the model run over every day."""
    for n in (400, 200, 130, 95, 60, 12):
        log_run(runner, days_ago(n), 10, minutes=70, rpe=6)
    today = load.local_day(timezone.now(), runner.profile.tz)
    loads = {row[0]: row[2] for row in from_scratch(runner) if row[1]}
    expected = fitness_fatigue_form(loads, first_day=min(loads), today=today)[-90:]
    panel = browser.get(reverse("logbook:dashboard")).context["fitness"]
    assert panel.days == expected
    assert panel.today == expected[-1]


def test_the_data_migration_fills_the_days_of_existing_sessions(runner: Any) -> None:
    import importlib

    from django.apps import apps

    fill = importlib.import_module("logbook.migrations.0007_fill_day_loads").fill
    for n in (50, 20, 19, 3):
        log_run(runner, days_ago(n, hour=23), 9)
    DayLoad.objects.all().delete()  # as before the rows were kept
    fill(apps, None)
    assert_kept_equal_scratch(runner, "filled by the migration")


def test_a_session_inside_the_history_moves_the_kept_days_in_place(runner: Any) -> None:
    """Logging, editing or deleting on a day between the first and the last session day
    updates the days from there on in place (one statement), not by rebuilding them."""
    for n in (400, 200, 2):
        log_run(runner, days_ago(n), 10)
    ids = set(DayLoad.objects.filter(athlete=runner).values_list("pk", flat=True))
    middle = log_run(runner, days_ago(300), 12, rpe=7).session
    assert middle is not None
    services.session_update(session=middle, rpe=3)
    assert_kept_equal_scratch(runner, "logged and edited 300 days back")
    services.session_delete(session=middle)
    assert_kept_equal_scratch(runner, "deleted it again")
    assert set(DayLoad.objects.filter(athlete=runner).values_list("pk", flat=True)) == ids
