"""The weekly reminder: who gets it when, exactly once, and what it says."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.utils import translation

from accounts.deletion import account_delete
from accounts.models import User
from logbook import services as logbook_services
from notifications import services
from notifications.models import OutboxEmail
from tests.factories import make_runner

AMS = ZoneInfo("Europe/Amsterdam")
NYC = ZoneInfo("America/New_York")
# Monday 23 November 2026, 08:00 in Amsterdam (CET, UTC+1) is 07:00 UTC.
MONDAY_0800_AMS = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)


def sweep_and_send(now: datetime) -> int:
    """What the beat's sweeper and the workers do, in this process."""
    services.outbox_queue_due(now=now)
    return services.outbox_send(ids=services.outbox_take_due(now=now), now=now)


def a_runner(user: User) -> User:
    """The weekly reminder is for people who run: this one has logged a walk, long ago."""
    logbook_services.session_log(
        athlete=user, start=datetime(2025, 12, 1, 9, tzinfo=UTC), kind="walk", duration_s=1800
    )
    return user


def joined_long_ago(user: User) -> User:
    User.objects.filter(pk=user.pk).update(date_joined=datetime(2026, 1, 1, tzinfo=UTC))
    return a_runner(user)


@pytest.fixture
def alice(db: None) -> User:
    return joined_long_ago(make_runner("alice@example.com", display_name="Alice"))


def log_run(user: User, start: datetime, km: float, **kw: Any) -> None:
    logbook_services.session_log(
        athlete=user,
        start=start,
        kind="run",
        duration_s=3600,
        distance_m=int(km * 1000),
        rpe=5,
        **kw,
    )


@pytest.mark.django_db
def test_reminder_is_not_due_before_local_monday_0800(alice):
    sweep_and_send(MONDAY_0800_AMS - timedelta(minutes=1))
    # Only the week before's (due a week earlier) is there; last week's is not due yet.
    assert list(OutboxEmail.objects.values_list("subject_key", flat=True)) == ["2026-W46"]


@pytest.mark.django_db
def test_due_runner_gets_exactly_one_reminder_per_iso_week(alice):
    assert sweep_and_send(MONDAY_0800_AMS) == 1
    assert sweep_and_send(MONDAY_0800_AMS + timedelta(minutes=2)) == 0
    assert sweep_and_send(MONDAY_0800_AMS + timedelta(days=2)) == 0
    assert [m.to for m in mail.outbox] == [[alice.email]]
    assert OutboxEmail.objects.get(recipient=alice).subject_key == "2026-W47"
    assert sweep_and_send(MONDAY_0800_AMS + timedelta(days=7)) == 1
    assert OutboxEmail.objects.filter(recipient=alice, status="sent").count() == 2


@pytest.mark.django_db
def test_missed_sweeps_delay_the_reminder_and_never_lose_it(alice):
    # No sweep ran all Monday (beat stopped, broker down): Tuesday's sends it.
    assert sweep_and_send(MONDAY_0800_AMS + timedelta(days=1, hours=3)) == 1
    assert OutboxEmail.objects.get(recipient=alice).subject_key == "2026-W47"


@pytest.mark.django_db
def test_sending_the_same_chunk_twice_sends_once(alice):
    services.outbox_queue_due(now=MONDAY_0800_AMS)
    ids = list(OutboxEmail.objects.values_list("pk", flat=True))
    assert services.outbox_send(ids=ids, now=MONDAY_0800_AMS) == 1
    assert services.outbox_send(ids=ids, now=MONDAY_0800_AMS) == 0
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_opted_out_runner_gets_no_reminder(alice):
    services.preference_set(user=alice, kind=services.REMINDER, enabled=False)
    sweep_and_send(MONDAY_0800_AMS)
    assert mail.outbox == []
    assert services.preferences_of(user=alice)[services.REMINDER] is False


@pytest.mark.django_db
def test_unsubscribing_after_queueing_still_stops_the_reminder(alice):
    services.outbox_queue_due(now=MONDAY_0800_AMS)
    services.preference_set(user=alice, kind=services.REMINDER, enabled=False)
    sweep_and_send(MONDAY_0800_AMS)
    assert mail.outbox == []
    assert OutboxEmail.objects.get(recipient=alice).status == "skipped"


@pytest.mark.django_db
def test_deleted_runner_gets_no_reminder(alice):
    services.outbox_queue_due(now=MONDAY_0800_AMS)
    account_delete(user=alice)
    sweep_and_send(MONDAY_0800_AMS)
    assert mail.outbox == []


@pytest.mark.django_db
def test_deactivated_runner_gets_no_reminder(alice):
    User.objects.filter(pk=alice.pk).update(is_active=False)
    sweep_and_send(MONDAY_0800_AMS)
    assert mail.outbox == []


@pytest.mark.django_db
def test_turning_reminders_on_on_a_wednesday_gives_next_mondays(alice):
    with time_machine.travel(MONDAY_0800_AMS - timedelta(days=14)):
        services.preference_set(user=alice, kind=services.REMINDER, enabled=False)
    wednesday = MONDAY_0800_AMS + timedelta(days=2)
    services.preference_set(user=alice, kind=services.REMINDER, enabled=True, now=wednesday)
    assert sweep_and_send(wednesday + timedelta(minutes=5)) == 0
    assert sweep_and_send(MONDAY_0800_AMS + timedelta(days=7)) == 1
    assert OutboxEmail.objects.get(recipient=alice).subject_key == "2026-W48"


@pytest.mark.django_db
def test_signing_up_on_a_wednesday_gives_next_mondays(db):
    wednesday = MONDAY_0800_AMS + timedelta(days=2)
    with time_machine.travel(wednesday):
        newcomer = a_runner(make_runner("new@example.com"))
    assert sweep_and_send(wednesday + timedelta(hours=1)) == 0
    assert sweep_and_send(MONDAY_0800_AMS + timedelta(days=7)) == 1
    assert mail.outbox[0].to == [newcomer.email]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("zone", "due_utc"),
    [
        # Amsterdam leaves summer time on Sunday 25 October 2026: Monday the 26th 08:00 is
        # 07:00 UTC, the Monday before it 06:00 UTC.
        ("Europe/Amsterdam", datetime(2026, 10, 26, 7, 0, tzinfo=UTC)),
        ("Europe/Amsterdam", datetime(2026, 10, 19, 6, 0, tzinfo=UTC)),
        # New York leaves it on Sunday 1 November 2026: 08:00 is 13:00 UTC that Monday,
        # 12:00 UTC the Monday before.
        ("America/New_York", datetime(2026, 11, 2, 13, 0, tzinfo=UTC)),
        ("America/New_York", datetime(2026, 10, 26, 12, 0, tzinfo=UTC)),
        # Spring: both zones' first Monday on summer time.
        ("Europe/Amsterdam", datetime(2026, 3, 30, 6, 0, tzinfo=UTC)),
        ("America/New_York", datetime(2026, 3, 9, 12, 0, tzinfo=UTC)),
    ],
)
def test_reminder_comes_at_the_runners_own_local_monday_0800(zone, due_utc):
    runner = joined_long_ago(make_runner("tz@example.com", time_zone=zone))
    week = (due_utc.astimezone(ZoneInfo(zone)).date() - timedelta(days=7)).isocalendar()
    key = f"{week.year}-W{week.week:02d}"
    services.outbox_queue_due(now=due_utc - timedelta(minutes=1))
    assert not OutboxEmail.objects.filter(recipient=runner, subject_key=key).exists()
    services.outbox_queue_due(now=due_utc)
    assert OutboxEmail.objects.filter(recipient=runner, subject_key=key).exists()


@pytest.mark.django_db
def test_amsterdam_and_new_york_each_get_theirs_at_their_own_0800():
    # Both joined in the week before, so neither is owed an earlier week's reminder.
    with time_machine.travel(datetime(2026, 11, 20, 12, 0, tzinfo=UTC)):
        ams = a_runner(make_runner("ams@example.com", time_zone="Europe/Amsterdam"))
        nyc = a_runner(make_runner("nyc@example.com", time_zone="America/New_York"))
    sweep_and_send(MONDAY_0800_AMS)  # 08:00 in Amsterdam, 02:00 in New York
    assert [m.to for m in mail.outbox] == [[ams.email]]
    sweep_and_send(datetime(2026, 11, 23, 13, 0, tzinfo=UTC))  # 08:00 in New York
    assert [m.to for m in mail.outbox] == [[ams.email], [nyc.email]]


@pytest.mark.django_db
def test_reminder_compares_last_week_with_the_week_before(alice):
    log_run(alice, datetime(2026, 11, 17, 18, 0, tzinfo=AMS), 8.0)  # last week (W47)
    log_run(alice, datetime(2026, 11, 19, 18, 0, tzinfo=AMS), 6.5)
    log_run(alice, datetime(2026, 11, 11, 18, 0, tzinfo=AMS), 10.0)  # the week before
    sweep_and_send(MONDAY_0800_AMS)
    body = mail.outbox[0].body
    assert "Running: 14.5 km (week before: 10.0 km)" in body
    assert "Sessions: 2 (week before: 1)" in body
    assert "Time: 2 h 00 min (week before: 1 h 00 min)" in body
    assert "Load: 600 (week before: 300)" in body


@pytest.mark.django_db
def test_reminder_gives_the_next_steps_and_the_next_safe_long_run(alice):
    log_run(alice, datetime(2026, 11, 18, 18, 0, tzinfo=AMS), 12.0)
    sweep_and_send(MONDAY_0800_AMS)
    body = mail.outbox[0].body
    assert "Start the hip programme at level 1" in body
    assert "keep your next longest run at or under 13.2 km" in body
    assert "Hip programme: 0 sessions, the target is 2 a week." in body
    html = mail.outbox[0].alternatives[0][0]
    assert "13.2 km" in html


@pytest.mark.django_db
def test_reminder_lists_open_warnings_with_their_working(alice):
    log_run(alice, datetime(2026, 11, 4, 18, 0, tzinfo=AMS), 10.0)
    log_run(alice, datetime(2026, 11, 18, 18, 0, tzinfo=AMS), 13.2)
    sweep_and_send(MONDAY_0800_AMS)
    reminder = next(m for m in mail.outbox if "week" in m.subject)
    assert "Open warnings" in reminder.body
    assert "13.2 km" in reminder.body and "10.0 km" in reminder.body
    assert "Frandsen" in reminder.body


@pytest.mark.django_db
def test_runner_without_sessions_gets_a_short_restart_message(alice):
    sweep_and_send(MONDAY_0800_AMS)
    message = mail.outbox[0]
    assert "fresh start" in message.subject
    assert "One easy first step" in message.body
    assert "week before" not in message.body


@pytest.mark.django_db
def test_reminder_is_in_the_runners_language(alice):
    alice.profile.language = "nl"
    alice.profile.save()
    sweep_and_send(MONDAY_0800_AMS)
    with translation.override("nl"):
        assert "Eén makkelijke eerste stap" in mail.outbox[0].body


@pytest.mark.django_db
def test_reminder_reads_a_chunk_in_a_fixed_number_of_queries(django_assert_num_queries):
    runners = [
        joined_long_ago(make_runner(f"r{i}@example.com", display_name=f"R{i}")) for i in range(6)
    ]
    for runner in runners:
        log_run(runner, datetime(2026, 11, 18, 18, 0, tzinfo=AMS), 5.0)
    services.outbox_queue_due(now=MONDAY_0800_AMS)
    ids = services.outbox_take_due(now=MONDAY_0800_AMS)
    # claim, rows, preferences, sessions with their alarms, hip level changes, open
    # warnings, coach notes, the week ahead's plans (hip exercises too, when the weeks hold
    # strength sessions); then one UPDATE per e-mail to mark it sent, after its own send.
    from coaching.models import PlannedSession

    for n, runner in enumerate(runners):
        for day in range(n):
            PlannedSession.objects.create(
                athlete=runner, day=datetime(2026, 11, 23 + day).date(), duration_s=1800
            )
    with django_assert_num_queries(8 + len(runners)):
        assert services.outbox_send(ids=ids, now=MONDAY_0800_AMS) == len(runners)


@pytest.mark.django_db
def test_reminder_quotes_the_coachs_newest_note(alice):
    from coaching.models import CoachNote
    from tests.factories import make_coach

    bob = make_coach("bob@example.com", display_name="Bob")
    alice.profile.coach = bob
    alice.profile.save()
    CoachNote.objects.create(
        athlete=alice, author=bob, text="Easy week.", created_at=datetime(2026, 11, 10, tzinfo=UTC)
    )
    CoachNote.objects.create(
        athlete=alice,
        author=bob,
        text="Try the retro finisher.",
        created_at=datetime(2026, 11, 20, tzinfo=UTC),
    )
    sweep_and_send(MONDAY_0800_AMS)
    (to_alice,) = [m for m in mail.outbox if m.to == [alice.email]]
    assert "Your coach Bob wrote on 20 Nov:\nTry the retro finisher." in to_alice.body
    assert "Easy week." not in to_alice.body
    assert "Try the retro finisher." in to_alice.alternatives[0][0]


@pytest.mark.django_db
def test_reminder_leaves_out_a_former_coachs_note(alice):
    from coaching.models import CoachNote
    from tests.factories import make_coach

    dan = make_coach("dan@example.com", display_name="Dan")
    CoachNote.objects.create(
        athlete=alice, author=dan, text="Old advice.", created_at=datetime(2026, 11, 20, tzinfo=UTC)
    )
    sweep_and_send(MONDAY_0800_AMS)
    assert "Old advice." not in mail.outbox[0].body


@pytest.mark.django_db
def test_reminder_long_run_after_a_jump_is_the_dashboards_and_the_spike_advices(alice):
    log_run(alice, datetime(2026, 11, 2, 18, 0, tzinfo=AMS), 10.2)
    log_run(alice, datetime(2026, 11, 18, 18, 0, tzinfo=AMS), 14.0)  # a jump of 37 %
    sweep_and_send(MONDAY_0800_AMS)
    body = mail.outbox[0].body
    # 14 km + 10 % = 15.4 km: the longest next run the spike rule would not flag.
    assert "at or under 15.4 km (10 % more)" in body
    assert "A rule of thumb, not a proven limit (Buist et al. 2008)" in body


@pytest.mark.django_db
def test_reminder_gives_the_week_aheads_plan(alice):
    from datetime import date

    from coaching.models import PlannedSession

    PlannedSession.objects.create(
        athlete=alice, day=date(2026, 11, 24), kind="run", duration_s=2700, rpe=6, notes="easy"
    )
    PlannedSession.objects.create(
        athlete=alice, day=date(2026, 11, 29), kind="run", distance_m=12000
    )
    PlannedSession.objects.create(
        athlete=alice, day=date(2026, 11, 20), kind="walk", duration_s=600
    )
    PlannedSession.objects.create(
        athlete=alice, day=date(2026, 11, 30), kind="walk", duration_s=600
    )
    sweep_and_send(MONDAY_0800_AMS)
    (to_alice,) = [m for m in mail.outbox if m.to == [alice.email]]
    assert "Your plan for the week ahead (23\N{EN DASH}29 November):" in to_alice.body
    assert "- Tue 24 Nov 2026: Run · 45 min · RPE 6 (easy)" in to_alice.body
    assert "- Sun 29 Nov 2026: Run · 12 km" in to_alice.body
    assert "Walk" not in to_alice.body.split("week ahead")[1].split("http")[0]
    assert 'id="week-ahead-plan"' in to_alice.alternatives[0][0]
