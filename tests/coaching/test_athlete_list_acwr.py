"""The athlete list's ACWR figure is the acwr rule's, with the options in force."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse

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
        # 600 against a weekly average of (300 + 600) / 2.
        assert acwr_of(bob_client.get(LIST), "Alice") == "1.33"


@pytest.mark.usefixtures("alices_weeks", "_frozen")
def test_re_tuned_history_minimum_hides_the_lists_ratio(bob_client: Any) -> None:
    with override_settings(LOAD_RULES=acwr_rules(acwr_min_history_days=60)):
        assert acwr_of(bob_client.get(LIST), "Alice") == "-"
