"""The form hands the services one typed value, and the services refuse mixed calls."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone

from logbook import services
from logbook.forms import SessionForm
from logbook.services import SessionValues
from tests.logbook.helpers import AMS, run_form

pytestmark = pytest.mark.django_db


def test_session_form_hands_over_session_values() -> None:
    form = SessionForm(run_form(), tz=AMS, health_consent=True)
    assert form.is_valid(), form.errors
    values = form.session_values()
    assert isinstance(values, SessionValues)
    assert (values.kind, values.duration_s, values.distance_m, values.rpe) == (
        "run",
        45 * 60,
        8500,
        6,
    )


def test_session_log_takes_values(runner: Any) -> None:
    start = timezone.now() - timedelta(hours=1)
    values = SessionValues(start=start, kind="walk", duration_s=1800, distance_m=3000, rpe=3)
    result = services.session_log(athlete=runner, values=values)
    assert result.session is not None
    assert (result.session.kind, result.session.load) == ("walk", 90.0)


def test_session_update_with_values_replaces_every_field(runner: Any) -> None:
    start = timezone.now() - timedelta(hours=2)
    logged = services.session_log(
        athlete=runner, start=start, kind="run", duration_s=3600, distance_m=10000, notes="x"
    ).session
    assert logged is not None
    values = SessionValues(start=start, kind="run", duration_s=1800, distance_m=5000)
    services.session_update(session=logged, values=values)
    logged.refresh_from_db()
    assert (logged.duration_s, logged.distance_m, logged.notes) == (1800, 5000, "")


def test_session_log_refuses_values_and_fields_together(runner: Any) -> None:
    start: datetime = timezone.now()
    values = SessionValues(start=start, kind="walk", duration_s=600)
    with pytest.raises(TypeError):
        services.session_log(athlete=runner, values=values, notes="twice")  # type: ignore[call-arg]
