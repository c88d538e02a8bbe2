"""Changing a runner's time zone on the settings page moves their days, so their warnings
are evaluated again."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from logbook import services
from logbook.models import TrainingWarning

pytestmark = pytest.mark.django_db

NOW = datetime(2025, 6, 11, 12, 0, tzinfo=UTC)


def settings_data(time_zone: str) -> dict[str, str]:
    return {
        "display_name": "Alice",
        "time_zone": time_zone,
        "language": "en",
        "health_consent": "on",
    }


def test_time_zone_change_moves_a_pain_warning_to_the_new_local_day(
    runner: Any, runner_client: Any
) -> None:
    with time_machine.travel(NOW, tick=False):
        # 22:30 UTC on 9 June is 00:30 on 10 June in Amsterdam, 18:30 on 9 June in New York.
        services.session_log(
            athlete=runner,
            start=datetime(2025, 6, 9, 22, 30, tzinfo=UTC),
            kind="run",
            duration_s=1800,
            distance_m=5000,
            rpe=5,
            pain=6,
        )
        assert TrainingWarning.objects.get(athlete=runner, rule="pain").day == date(2025, 6, 10)
        response = runner_client.post(
            reverse("accounts:settings"), settings_data("America/New_York")
        )
    assert response.status_code == 302
    assert TrainingWarning.objects.get(athlete=runner, rule="pain").day == date(2025, 6, 9)


def test_time_zone_change_re_evaluates_window_rules_on_the_new_days(
    runner: Any, runner_client: Any
) -> None:
    with time_machine.travel(NOW, tick=False):
        # 10 km at 00:30 on 3 June in Amsterdam (18:30 on 2 June in New York), 12 km on
        # 9 June. Amsterdam: the week before 10 June (28 May - 3 June) holds the 10 km, so
        # weekly_increase fires on 10 June. New York: already the week before 9 June.
        services.session_log(
            athlete=runner,
            start=datetime(2025, 6, 2, 22, 30, tzinfo=UTC),
            kind="run",
            duration_s=3600,
            distance_m=10000,
            rpe=5,
        )
        services.session_log(
            athlete=runner,
            start=datetime(2025, 6, 9, 10, 0, tzinfo=UTC),
            kind="run",
            duration_s=4000,
            distance_m=12000,
            rpe=5,
        )
        before = list(
            TrainingWarning.objects.filter(athlete=runner, rule="weekly_increase").values_list(
                "day", flat=True
            )
        )
        runner_client.post(reverse("accounts:settings"), settings_data("America/New_York"))
    after = list(
        TrainingWarning.objects.filter(athlete=runner, rule="weekly_increase").values_list(
            "day", flat=True
        )
    )
    assert (before, after) == ([date(2025, 6, 10)], [date(2025, 6, 9)])
