"""One way of writing figures, days and times per language, everywhere: the runner's pages,
the coach's admin, the calendar feed (e-mails: tests/notifications/test_email_kinds.py)."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from coaching import calendar as plan_calendar
from coaching.models import PlannedSession
from runningcoach import units
from tests.factories import make_coach, make_runner
from tests.logbook.helpers import log_run

AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=AMS)
# 18:00 in Amsterdam is 17:00 UTC and 12:00 in New York.
RUN_START = datetime(2026, 11, 24, 18, 0, tzinfo=AMS)


@pytest.mark.parametrize(
    ("language", "metres", "text"),
    [
        ("en", 26_050, "26.1 km"),  # half up from whole metres
        ("nl", 26_050, "26,1 km"),
        ("en", 26_090, "26.1 km"),  # Django's number_format would cut this to 26.0
        ("en", 26_049, "26.0 km"),
        ("nl", 0, "0,0 km"),
    ],
)
def test_a_distance_is_rounded_half_up_to_100_m(language, metres, text):
    with translation.override(language):
        assert units.km(metres) == text


@pytest.mark.parametrize(
    ("language", "size", "text"),
    [
        ("en", 200 * 2**20, "200 MB"),
        ("nl", 200 * 2**20, "200 MB"),
        ("en", 3 * 2**19, "1.5 MB"),
        ("nl", 3 * 2**19, "1,5 MB"),
        ("en", 2**20 - 1, "1023.9 KB"),  # rounded down: a limit never reads larger
        ("en", 1024, "1 KB"),
        ("nl", 512, "0,5 KB"),
    ],
)
def test_a_size_limit_reads_in_mb_or_below_1_mb_in_kb(language, size, text):
    with translation.override(language):
        assert units.size_cap(size) == text


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(40, "40 s"), (60, "1 min"), (90, "1 min 30 s"), (2700, "45 min"), (3900, "1 h 05 min")],
)
def test_durations_read_as_people_say_them(seconds, text):
    with translation.override("en"):
        assert units.duration(seconds) == text


@pytest.mark.parametrize(
    ("language", "monday", "text"),
    [
        ("en", date(2026, 11, 23), "week of 23–29 November"),  # noqa: RUF001
        ("nl", date(2026, 11, 23), "week van 23–29 november"),  # noqa: RUF001
        ("en", date(2026, 11, 30), "week of 30 November – 6 December"),  # noqa: RUF001
        ("nl", date(2026, 12, 28), "week van 28 december 2026 – 3 januari 2027"),  # noqa: RUF001
    ],
)
def test_weeks_read_as_their_days_never_as_iso_weeks(language, monday, text):
    with translation.override(language):
        assert units.week_of(monday) == text


def test_cap_is_rounded_down_and_pace_and_load_read_plainly():
    with translation.override("nl"):
        assert units.km_cap(11_099) == "11,0"
        assert units.load(899.5) == "900"
        assert units.pace(330.4) == "5:30"


@pytest.fixture
def dutch_coach_and_runner(db: None) -> tuple[Any, Any]:
    coach = make_coach("coach@example.com", display_name="Coach")
    coach.profile.language = "nl"
    coach.profile.save()
    runner = make_runner("runner@example.com", display_name="Runner", coach=coach, language="nl")
    with time_machine.travel(NOW, tick=False):
        log_run(runner, RUN_START, 26.05)
    return coach, runner


def pages(client: Any, paths: list[str]) -> dict[str, str]:
    with time_machine.travel(NOW, tick=False):
        return {path: client.get(path).content.decode() for path in paths}


def test_the_same_run_reads_the_same_on_every_page(dutch_coach_and_runner):
    coach, runner = dutch_coach_and_runner
    as_runner, as_coach = Client(), Client()
    as_runner.force_login(runner)
    as_coach.force_login(coach)
    session = runner.sessions.get()
    runner_pages = pages(
        as_runner,
        [
            reverse("logbook:dashboard"),
            reverse("logbook:session_list"),
            reverse("logbook:session_detail", args=[session.pk]),
            reverse("logbook:week"),
        ],
    )
    coach_pages = pages(
        as_coach,
        [
            reverse("admin:index"),  # the coach's home: the newest sessions
            reverse("admin:coaching_athlete_change", args=[runner.pk]),
            reverse("admin:coaching_athlete_changelist"),
        ],
    )
    for path, html in {**runner_pages, **coach_pages}.items():
        assert "26,1" in html, path
        assert not re.search(r"26[.,]0\b|26[.,]05|26\.1\b", html), path


def test_the_coachs_session_rows_show_the_coachs_own_time(dutch_coach_and_runner):
    coach, runner = dutch_coach_and_runner
    coach.profile.time_zone = "America/New_York"
    coach.profile.save()
    client = Client()
    client.force_login(coach)
    page = pages(client, [reverse("admin:coaching_athlete_change", args=[runner.pk])])
    html = next(iter(page.values()))
    assert "12:00" in html  # 18:00 in Amsterdam, seen from New York
    assert "17:00" not in html  # never the UTC time
    assert "18:00" not in html
    home = next(iter(pages(client, [reverse("admin:index")]).values()))
    assert "12:00" in home and "17:00" not in home


def test_the_dutch_admin_keeps_djangos_words_apart_from_the_sport(dutch_coach_and_runner):
    coach, runner = dutch_coach_and_runner
    with time_machine.travel(NOW, tick=False):
        log_run(runner, datetime(2026, 11, 14, 18, 0, tzinfo=AMS), 10.0)  # a spike to list
    client = Client()
    client.force_login(coach)
    path = reverse("admin:coaching_athletewarning_changelist")
    html = next(iter(pages(client, [path]).values()))
    assert re.search(r'<button type="submit" class="button"[^>]*>Uitvoeren</button>', html)
    assert ">Hardlopen</button>" not in html
    assert "- Kies een optie -" in html and "Select an option" not in html
    assert "Paginering" in html and "Pagination" not in html
    with translation.override("nl"):
        assert translation.gettext("Run") == "Uitvoeren"  # Django's action button
        assert translation.pgettext("sport", "Run") == "Hardlopen"
        assert translation.gettext("Search %(name)s") % {"name": "sporters"} == (
            "sporters doorzoeken"
        )


def test_calendar_feed_writes_a_40_second_finisher_as_40_s(dutch_coach_and_runner):
    _coach, runner = dutch_coach_and_runner
    PlannedSession.objects.create(
        athlete=runner, day=date(2026, 11, 27), kind="run", duration_s=2700,
        distance_m=8_050, backward_s=40,
    )  # fmt: skip
    feed = plan_calendar.feed_ics(athlete=runner, now=NOW)
    (event,) = Calendar.from_ical(feed).walk("VEVENT")
    assert str(event["DESCRIPTION"]) == "Waarvan achteruit: 40 s"
    assert str(event["SUMMARY"]) == "Hardlopen · 45 min · 8,1 km"
    assert b"0.666667" not in feed and b"0,666667" not in feed
