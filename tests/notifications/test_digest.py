"""The coach's weekly digest: every athlete, in attention order, in the coach's zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from coaching.models import PlannedSession
from logbook import services as logbook_services
from notifications import services
from notifications.models import OutboxEmail
from tests.factories import make_coach, make_runner
from tests.notifications.test_reminders import AMS, MONDAY_0800_AMS, sweep_and_send


def athlete_of(coach: User, email: str, name: str) -> User:
    with time_machine.travel(datetime(2026, 11, 1, tzinfo=UTC)):
        user = make_runner(email, display_name=name)
    user.profile.coach = coach
    user.profile.save()
    return user


def log(user: User, start: datetime, km: float, **kw: Any) -> None:
    logbook_services.session_log(
        athlete=user,
        start=start,
        kind="run",
        duration_s=3600,
        distance_m=int(km * 1000),
        rpe=5,
        **kw,
    )


@pytest.fixture
def carol(db: None) -> User:
    with time_machine.travel(datetime(2026, 11, 1, tzinfo=UTC)):
        return make_coach("carol@example.com", display_name="Carol")


def digest(coach: User) -> Any:
    return next(m for m in mail.outbox if m.to == [coach.email] and "athletes" in m.subject)


@pytest.mark.django_db
def test_digest_lists_athletes_in_attention_order(carol):
    steady = athlete_of(carol, "steady@example.com", "Steady")
    spiky = athlete_of(carol, "spiky@example.com", "Spiky")
    hurt = athlete_of(carol, "hurt@example.com", "Hurt")
    quiet = athlete_of(carol, "quiet@example.com", "Quiet")
    log(steady, datetime(2026, 11, 18, 18, tzinfo=AMS), 8.0)
    log(spiky, datetime(2026, 11, 10, 18, tzinfo=AMS), 10.0)
    log(spiky, datetime(2026, 11, 18, 18, tzinfo=AMS), 13.5)  # moderate spike
    log(hurt, datetime(2026, 11, 19, 18, tzinfo=AMS), 5.0, pain=7, sharp_pain=True)
    log(quiet, datetime(2026, 11, 2, 18, tzinfo=AMS), 5.0)
    with time_machine.travel(MONDAY_0800_AMS):
        sweep_and_send(MONDAY_0800_AMS)
    body = digest(carol).body
    order = [body.index(name) for name in ("Hurt\n", "Spiky\n", "Quiet\n", "Steady\n")]
    assert order == sorted(order)
    assert "sharp pain, highest 7/10" in body
    assert "13.5 km running" in body
    assert "no session for 14 days or more" in body
    assert "3 of your 4 athletes trained" in body


@pytest.mark.django_db
def test_digest_comes_once_per_week_and_not_to_a_coach_without_athletes(carol):
    athlete_of(carol, "a@example.com", "A")
    with time_machine.travel(datetime(2026, 11, 1, tzinfo=UTC)):
        lonely = make_coach("lonely@example.com")
    sweep_and_send(MONDAY_0800_AMS)
    sweep_and_send(MONDAY_0800_AMS + timedelta(hours=1))
    digests = [m for m in mail.outbox if "athletes" in m.subject]
    assert [m.to for m in digests] == [[carol.email]]
    assert not [m for m in digests if m.to == [lonely.email]]


@pytest.mark.django_db
def test_coach_who_turned_the_digest_off_gets_none(carol):
    athlete_of(carol, "a@example.com", "A")
    services.preference_set(user=carol, kind=services.DIGEST, enabled=False)
    sweep_and_send(MONDAY_0800_AMS)
    assert not [m for m in mail.outbox if "athletes" in m.subject]


def digest_queries(coach: User, athletes: int) -> int:
    """Queries of sending one coach's digest (outbox claim and marks included)."""
    for n in range(athletes):
        athlete = athlete_of(coach, f"a{athletes}-{n}@example.com", f"A{n}")
        log(athlete, datetime(2026, 11, 10 + n % 5, 18, tzinfo=AMS), 5.0 + n, pain=n % 6)
        PlannedSession.objects.create(athlete=athlete, day=date(2026, 11, 18), kind="run")
    services.outbox_queue_due(now=MONDAY_0800_AMS)
    ids = list(OutboxEmail.objects.filter(kind=services.DIGEST).values_list("pk", flat=True))
    OutboxEmail.objects.exclude(pk__in=ids).delete()  # the alarms are another test's
    with CaptureQueriesContext(connection) as queries:
        assert services.outbox_send(ids=ids, now=MONDAY_0800_AMS) == 1
    assert "plan:" in mail.outbox[-1].body
    return len(queries)


@pytest.mark.django_db
def test_digest_queries_do_not_grow_with_the_athletes(carol):
    with time_machine.travel(MONDAY_0800_AMS):
        few = digest_queries(carol, 2)
        OutboxEmail.objects.all().delete()
        many = digest_queries(carol, 8)
    assert many == few
