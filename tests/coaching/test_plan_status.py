"""Done against planned: a 4-week plan imported from CSV, sessions that hit it, miss it
and overshoot it, and the statuses and weekly compliance read back."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from coaching import selectors, services
from logbook import services as logbook_services
from tests.factories import make_runner

AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 2, 25, 12, 0, tzinfo=AMS)  # Wednesday of the fourth week
PLAN = """date,kind,duration_min,distance_km,rpe,backward_min,surface,notes
2026-02-02,run,40,,5,,road,
2026-02-04,run,40,,5,,road,
2026-02-07,run,,10,6,,forest_path,long run
2026-02-09,run,40,,5,,,
2026-02-11,strength,25,,,,,hip
2026-02-14,run,60,,,,,
2026-02-17,run,50,,,,,
2026-02-19,walk,30,,,,,
2026-02-22,run,90,,,,,
2026-02-23,run,40,,,,,
2026-02-25,run,40,,,,,
2026-02-27,run,40,,,,,
"""

pytestmark = pytest.mark.django_db


def _log(athlete: object, start: datetime, kind: str, minutes: int, km: float | None = None) -> int:
    result = logbook_services.session_log(
        athlete=athlete,
        start=start,
        kind=kind,
        duration_s=minutes * 60,
        distance_m=None if km is None else int(km * 1000),
        rpe=5,
    )
    assert result.session is not None
    return result.session.pk


@pytest.fixture
def alice() -> object:
    alice = make_runner("alice@example.com", time_zone="Europe/Amsterdam")
    services.plan_import(athlete=alice, content=PLAN, planned_by=None)
    with time_machine.travel(NOW, tick=False):
        # Week 1: on target, short, far too long.
        _log(alice, datetime(2026, 2, 2, 7, tzinfo=AMS), "run", 40, 7)
        _log(alice, datetime(2026, 2, 4, 7, tzinfo=AMS), "run", 30, 5)
        _log(alice, datetime(2026, 2, 7, 9, tzinfo=AMS), "run", 95, 16)
        # Week 2: a little long; the strength day skipped; a walk instead of the run.
        _log(alice, datetime(2026, 2, 9, 7, tzinfo=AMS), "run", 45, 8)
        _log(alice, datetime(2026, 2, 14, 9, tzinfo=AMS), "walk", 60, 5)
        # Week 3: all done; the walk at half past midnight is Thursday's in Amsterdam
        # (Wednesday in UTC), and a run just after Tuesday's midnight is not Tuesday's.
        _log(alice, datetime(2026, 2, 17, 23, 30, tzinfo=AMS), "run", 50, 9)
        _log(alice, datetime(2026, 2, 19, 0, 30, tzinfo=AMS), "walk", 30, 3)
        _log(alice, datetime(2026, 2, 18, 0, 10, tzinfo=AMS), "run", 20, 3)
        _log(alice, datetime(2026, 2, 22, 9, tzinfo=AMS), "run", 100, 18)
        # Week 4: Monday done; today's and Friday's still to come.
        _log(alice, datetime(2026, 2, 23, 7, tzinfo=AMS), "run", 40, 7)
    return alice


def _statuses(alice: object) -> tuple[list[list[tuple[str, str]]], list[int | None]]:
    with time_machine.travel(NOW, tick=False):
        weeks = selectors.plan_weeks(athlete=alice, first_monday=date(2026, 2, 2), weeks=4)
    return (
        [[(i.planned.day.isoformat(), i.status) for i in week.items] for week in weeks],
        [week.compliance_pct for week in weeks],
    )


def test_each_planned_session_reads_back_its_status(alice: object) -> None:
    statuses, _ = _statuses(alice)
    assert statuses == [
        [("2026-02-02", "done"), ("2026-02-04", "partly"), ("2026-02-07", "off")],
        [("2026-02-09", "done"), ("2026-02-11", "missed"), ("2026-02-14", "missed")],
        [("2026-02-17", "done"), ("2026-02-19", "done"), ("2026-02-22", "done")],
        [("2026-02-23", "done"), ("2026-02-25", "planned"), ("2026-02-27", "planned")],
    ]


def test_weekly_compliance_counts_done_and_half_of_partly_over_days_passed(alice: object) -> None:
    _, compliance = _statuses(alice)
    # (1 + 0.5) / 3, 1 / 3, 3 / 3, and 1 / 1 (today and Friday not yet counted).
    assert compliance == [50, 33, 100, 100]


def test_a_session_logged_today_changes_the_status_on_the_next_read(alice: object) -> None:
    with time_machine.travel(NOW, tick=False):
        session_pk = _log(alice, datetime(2026, 2, 25, 7, tzinfo=AMS), "run", 41, 7)
    statuses, _ = _statuses(alice)
    assert statuses[3][1] == ("2026-02-25", "done")
    from logbook.models import Session

    logbook_services.session_delete(session=Session.objects.get(pk=session_pk))
    statuses, _ = _statuses(alice)
    assert statuses[3][1] == ("2026-02-25", "planned")


def test_the_runner_can_pin_another_session_or_none(alice: object) -> None:
    from coaching.models import PlannedSession
    from logbook.models import Session

    with time_machine.travel(NOW, tick=False):
        second = _log(alice, datetime(2026, 2, 4, 18, tzinfo=AMS), "run", 41, 7)
    wednesday = PlannedSession.objects.get(day=date(2026, 2, 4))
    services.plan_match_set(planned=wednesday, session=Session.objects.get(pk=second))
    statuses, compliance = _statuses(alice)
    assert statuses[0][1] == ("2026-02-04", "done")
    assert compliance[0] == 67  # (1 + 1 + 0) / 3
    services.plan_match_set(planned=wednesday, session=None, declined=True)
    statuses, _ = _statuses(alice)
    assert statuses[0][1] == ("2026-02-04", "missed")
    services.plan_match_set(planned=wednesday, session=None)
    statuses, _ = _statuses(alice)
    assert statuses[0][1] == ("2026-02-04", "partly")  # the earliest run again


def test_reading_the_plan_takes_the_same_queries_for_one_week_or_four(
    alice: object, django_assert_num_queries: object
) -> None:
    with time_machine.travel(NOW, tick=False):
        with django_assert_num_queries(3):  # type: ignore[operator]
            selectors.plan_weeks(athlete=alice, first_monday=date(2026, 2, 23), weeks=1)
        with django_assert_num_queries(3):  # type: ignore[operator]
            selectors.plan_weeks(athlete=alice, first_monday=date(2026, 2, 2), weeks=4)
