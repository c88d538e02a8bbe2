"""A load rule that lives outside the project's packages, added through LOAD_RULES alone:
it warns on the runner's page, takes its place in the coach's attention order, says its
severity in Dutch and judges a planned week."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from coaching import selectors
from coaching.models import PlannedSession
from logbook import services
from logbook.load.core import RULE_CLASSES
from logbook.load.registry import DEFAULT_LOAD_RULES
from logbook.models import TrainingWarning
from tests.factories import make_coach, make_runner

AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=AMS)

# A rule somebody wrote for their own club: the minutes of the last 7 days over a line.
# Its severity's rank, 25, puts it after a large spike (20) and before high pain (30).
OUTSIDE_RULE = """
from dataclasses import dataclass
from datetime import timedelta

from django.utils.translation import pgettext_lazy

from logbook.load.core import LoadWarning, Rule, Severity


@dataclass(frozen=True)
class WeeklyMinutesOptions:
    max_weekly_minutes: int = 600


class WeeklyMinutes(Rule):
    code = "club_weekly_minutes"
    severities = (Severity("caution", 25, pgettext_lazy("load warning severity", "caution")),)
    kind = "window"
    Options = WeeklyMinutesOptions
    judges_plans = True

    def days_back(self):
        return 6

    def evaluate(self, facts, day):
        minutes = sum(
            s.duration_s for n in range(7) for s in facts.sessions_on(day - timedelta(days=n))
        ) // 60
        if minutes <= self.options.max_weekly_minutes:
            return []
        return [LoadWarning(self.code, "caution", day, None, {"minutes": minutes})]

    def plan_marks(self, warning, planned):
        return bool(planned.duration_s)

    @classmethod
    def name(cls):
        return "Club: many minutes this week"

    def message(self, w):
        return f"{w.numbers['minutes']} minutes in 7 days, over {self.options.max_weekly_minutes}"

    def advice(self, w):
        return "Make tomorrow a rest day."

    @classmethod
    def source(cls, w):
        return "The club's own rule."
"""

WITH_OUTSIDE_RULE = [
    *DEFAULT_LOAD_RULES,
    {"NAME": "club_rules.WeeklyMinutes", "OPTIONS": {"max_weekly_minutes": 60}},
]


@pytest.fixture
def outside_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    (tmp_path / "club_rules.py").write_text(OUTSIDE_RULE)
    monkeypatch.syspath_prepend(str(tmp_path))
    with time_machine.travel(NOW, tick=False), override_settings(LOAD_RULES=WITH_OUTSIDE_RULE):
        yield
    sys.modules.pop("club_rules", None)
    RULE_CLASSES.pop("club_weekly_minutes", None)


def log(athlete: User, *, minutes: int, **values: Any) -> None:
    services.session_log(
        athlete=athlete,
        start=NOW - timedelta(hours=3),
        kind="run",
        duration_s=minutes * 60,
        distance_m=minutes * 150,
        rpe=5,
        **values,
    )


@pytest.mark.django_db
def test_the_outside_rule_warns_on_the_runners_page(outside_rule: None, client: Any) -> None:
    alice = make_runner("alice@example.com", display_name="Alice")
    log(alice, minutes=90)
    client.force_login(alice)
    html = client.get(reverse("logbook:dashboard")).content.decode()
    assert 'data-rule="club_weekly_minutes"' in html
    assert "90 minutes in 7 days, over 60" in html


@pytest.mark.django_db
def test_its_rank_places_the_athlete_in_the_coachs_attention_order(
    outside_rule: None, client: Any
) -> None:
    bob = make_coach("bob@example.com", display_name="Bob")
    carol = make_runner("carol@example.com", display_name="Carol", coach=bob)
    alice = make_runner("alice@example.com", display_name="Alice", coach=bob)
    log(carol, minutes=30, pain=6)  # high pain: rank 30
    log(alice, minutes=90)  # the outside rule: rank 25, looked at first
    stored = TrainingWarning.objects.get(athlete=alice)
    assert (stored.rule, stored.risk_rank) == ("club_weekly_minutes", 2)
    client.force_login(bob)
    html = client.get(reverse("admin:coaching_athlete_changelist")).content.decode()
    assert html.index(f'id="athlete-{alice.pk}"') < html.index(f'id="athlete-{carol.pk}"')


@pytest.mark.django_db
def test_its_severity_reads_in_dutch(outside_rule: None) -> None:
    alice = make_runner("alice@example.com", display_name="Alice")
    log(alice, minutes=90)
    warning = TrainingWarning.objects.get(athlete=alice).as_load_warning()
    with translation.override("nl"):
        assert warning.title() == "Club: many minutes this week: let op"


@pytest.mark.django_db
def test_it_judges_a_planned_week(outside_rule: None) -> None:
    alice = make_runner("alice@example.com", display_name="Alice")
    log(alice, minutes=40)
    today = NOW.date()
    soon, later = (
        PlannedSession.objects.create(
            athlete=alice, day=today + timedelta(days=n), kind="run", duration_s=1800
        )
        for n in (1, 10)
    )
    checks = selectors.plan_check_for(athlete=alice, today=today)
    # 40 minutes logged plus 30 planned within 7 days: over 60; ten days on it is 30 alone.
    assert [w.rule for w in checks[soon.pk].warnings] == ["club_weekly_minutes"]
    assert later.pk not in checks
