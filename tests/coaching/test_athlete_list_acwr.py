"""The athlete list's ACWR figure is the acwr rule's, with the options in force, and reads
as the warning quotes it: rounded once, away from the line it is read against."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from logbook import services
from logbook.load.registry import DEFAULT_LOAD_RULES
from tests.coaching.conftest import Club
from tests.logbook.helpers import log_run

AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=AMS)  # a Wednesday
LIST = reverse("admin:coaching_athlete_changelist")


def at(month: int, day: int) -> datetime:
    return datetime(2026, month, day, 8, 0, tzinfo=AMS)


def acwr_rules(**options: int) -> list[dict[str, Any]]:
    return [
        {**entry, "OPTIONS": options} if entry["NAME"].endswith(".Acwr") else entry
        for entry in DEFAULT_LOAD_RULES
    ]


def acwr_of(response: Any, name: str) -> str:
    html = response.content.decode()
    row = re.search(rf'id="athlete-\d+">{name}</a>(.*?)</tr>', html, re.S)
    assert row is not None, name
    found = re.search(r'data-label="ACWR">([^<]*)<', row.group(1))
    assert found is not None
    return found.group(1)


@pytest.fixture
def alices_weeks(club: Club) -> None:
    """Loads (RPE 5 x minutes) of 300, 300 and 600 in the three weeks before the last 7
    days, 300 in the week before those, and 600 in the last 7 days."""
    with time_machine.travel(NOW, tick=False):
        for start, minutes in (
            (at(10, 28), 60),
            (at(10, 30), 60),
            (at(11, 6), 60),
            (at(11, 13), 120),
            (at(11, 24), 120),
        ):
            log_run(club.alice, start, 8, minutes=minutes)


@pytest.fixture
def _frozen() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.mark.usefixtures("alices_weeks", "_frozen")
def test_the_list_shows_the_ratio_of_the_default_windows(bob_client: Any) -> None:
    # 600 against a weekly average of (300 + 300 + 600) / 3.
    assert acwr_of(bob_client.get(LIST), "Alice") == "1.50"


@pytest.mark.usefixtures("alices_weeks", "_frozen")
def test_re_tuned_chronic_weeks_change_the_lists_ratio(bob_client: Any) -> None:
    with override_settings(LOAD_RULES=acwr_rules(acwr_chronic_weeks=2)):
        # 600 against a weekly average of (300 + 600) / 2 = 1.333..., above 1.3: rounded
        # up, away from it, as the warning quotes it.
        assert acwr_of(bob_client.get(LIST), "Alice") == "1.34"


@pytest.mark.usefixtures("alices_weeks", "_frozen")
def test_re_tuned_history_minimum_hides_the_lists_ratio(bob_client: Any) -> None:
    with override_settings(LOAD_RULES=acwr_rules(acwr_min_history_days=60)):
        assert acwr_of(bob_client.get(LIST), "Alice") == "-"


@pytest.mark.parametrize(("language", "shown"), [("en", "1.31"), ("nl", "1,31")])
def test_the_list_rounds_the_ratio_as_the_warning_quotes_it(
    club: Club, bob_client: Any, other_client: Any, language: str, shown: str
) -> None:
    # A session in each of the three weeks before the last 7 days (RPE 5 x 60 min = 300
    # each, a weekly average of 300) and 390.1 in the last 7 (RPE 5 x 4,681 s = 390.08...,
    # stored 390.1): 390.1 / 300 = 1.30033..., above 1.3. Rounded half up it would read
    # "1.30", the line itself; the warning rounds it away from 1.3, to 1.31, and so must
    # the list. The first session (27 October) lies outside the windows of both the 24th,
    # the day the warning is raised for, and the 25th, the day the list is read.
    with time_machine.travel(NOW, tick=False):
        for start in (at(10, 27), at(10, 30), at(11, 6), at(11, 13)):
            log_run(club.alice, start, 8, minutes=60)
        services.session_log(
            athlete=club.alice,
            start=at(11, 24),
            kind="run",
            duration_s=4681,
            distance_m=8000,
            rpe=5,
        )
        for client in (bob_client, other_client):
            client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        club.alice.profile.language = language
        club.alice.profile.save()
        other_client.force_login(club.alice)
        dashboard = other_client.get(reverse("logbook:dashboard")).content.decode()
        listed = acwr_of(bob_client.get(LIST), "Alice")
    above = {"en": "above 1.3", "nl": "boven 1,3"}[language]
    assert f"{shown}, {above}" in dashboard
    assert listed == shown
