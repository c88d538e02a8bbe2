"""Load warnings end to end: logging through the form, storage, alarm e-mails."""

import pytest
from django.core import mail
from django.urls import reverse

from logbook import services
from logbook.imports import ImportedActivity
from logbook.models import Session, TrainingWarning
from tests.conftest import wait_for
from tests.logbook.helpers import days_ago, log_run, run_form
from tests.redis_server import broker_at, own_redis


@pytest.mark.django_db
def test_spike_through_the_form_shows_the_warning_with_its_numbers(runner_client, runner):
    log_run(runner, days_ago(10), 10.0)
    response = runner_client.post(
        reverse("logbook:session_new"),
        run_form(distance_km="13.2", date=days_ago(1).date().isoformat()),
        follow=True,
    )
    html = response.content.decode()
    assert "New warnings" in html
    assert "13.2 km" in html and "10.0 km" in html and "32" in html
    assert "14.5 km" in html  # the advice: the next long run at most 13.2 km + 10 %
    assert "Frandsen" in html
    warning = TrainingWarning.objects.get(athlete=runner, rule="single_run_spike")
    assert warning.severity == "moderate"
    assert warning.seen_at is not None


@pytest.mark.django_db
def test_deleting_the_session_removes_its_warning(runner_client, runner):
    log_run(runner, days_ago(10), 10.0)
    spike = log_run(runner, days_ago(1), 15.0).session
    assert TrainingWarning.objects.filter(session=spike).exists()
    runner_client.post(reverse("logbook:session_delete", args=[spike.pk]))
    assert not TrainingWarning.objects.filter(rule="single_run_spike").exists()


@pytest.mark.django_db
def test_editing_the_distance_changes_the_severity(runner, runner_client):
    log_run(runner, days_ago(10), 10.0)
    spike = log_run(runner, days_ago(1), 11.5).session
    assert TrainingWarning.objects.get(session=spike).severity == "small"
    services.session_update(session=spike, distance_m=21000)
    assert TrainingWarning.objects.get(session=spike).severity == "large"


@pytest.mark.django_db
def test_back_dated_session_recomputes_later_days(runner):
    log_run(runner, days_ago(10), 10.0)
    later = log_run(runner, days_ago(2), 12.0).session
    assert TrainingWarning.objects.get(session=later).severity == "small"
    # A longer run logged afterwards but dated before takes the warning away.
    log_run(runner, days_ago(5), 12.0)
    assert not TrainingWarning.objects.filter(session=later).exists()


@pytest.mark.django_db
def test_pain_warning_links_the_red_flag_page(runner_client, runner):
    response = runner_client.post(
        reverse("logbook:session_new"), run_form(pain="6", sharp_pain="on"), follow=True
    )
    html = response.content.decode()
    assert reverse("exercises:seek_help") in html
    assert TrainingWarning.objects.get(athlete=runner, rule="pain").severity == "sharp"


@pytest.mark.django_db
def test_warnings_are_kept_per_runner(runner, other_runner):
    log_run(other_runner, days_ago(10), 10.0)
    log_run(other_runner, days_ago(1), 20.0)
    assert not TrainingWarning.objects.filter(athlete=runner).exists()


@pytest.mark.django_db
def test_acknowledging_someone_elses_warning_is_404(runner_client, other_runner):
    log_run(other_runner, days_ago(10), 10.0)
    log_run(other_runner, days_ago(1), 20.0)
    warning = TrainingWarning.objects.get(athlete=other_runner, rule="single_run_spike")
    response = runner_client.post(reverse("logbook:warning_acknowledge", args=[warning.pk]))
    assert response.status_code == 404
    warning.refresh_from_db()
    assert warning.acknowledged_at is None


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_alarm_emails_runner_and_coach_exactly_once(celery_worker, runner, coach):
    from notifications.tasks import sweep

    runner.profile.coach = coach
    runner.profile.save()
    log_run(runner, days_ago(10), 10.0)
    log_run(runner, days_ago(1), 14.0)
    sweep.delay().get(timeout=20)
    assert wait_for(lambda: len(mail.outbox) >= 2)
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([runner.email, coach.email])
    assert any("14.0 km" in m.body for m in mail.outbox)
    # Another sweep, and an edit that keeps the warning, send nothing more.
    spike = Session.objects.get(athlete=runner, distance_m=14000)
    services.session_update(session=spike, notes="felt fine")
    sweep.delay().get(timeout=20)
    wait_for(lambda: len(mail.outbox) > 2, timeout=2)
    assert len(mail.outbox) == 2
    assert TrainingWarning.objects.get(session=spike).emailed_at is not None


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_importing_two_years_of_history_emails_nothing_for_old_weeks(celery_worker, runner):
    from notifications.tasks import sweep

    activities = []
    for week in range(104, 1, -1):
        for day, km in ((0, 8.0), (3, 6.0)):
            start = days_ago(week * 7 + day)
            # Every sixth week holds a jump: old spikes are stored but never e-mailed.
            distance = km * (1.6 if week % 6 == 0 and day == 0 else 1.0)
            activities.append(
                ImportedActivity(
                    start=start,
                    kind="run",
                    source="strava",
                    duration_s=int(distance * 360),
                    distance_m=int(distance * 1000),
                    elevation_gain_m=None,
                )
            )
    counts = services.sessions_import(athlete=runner, activities=activities)
    assert counts.added == len(activities)
    assert TrainingWarning.objects.filter(athlete=runner, rule="single_run_spike").count() > 10
    assert not TrainingWarning.objects.filter(email_due=True).exists()
    sweep.delay().get(timeout=20)
    assert [m for m in mail.outbox if "warning" in m.body] == []


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_broker_outage_delays_the_alarm_but_never_loses_it(migration_data, runner):
    from celery.contrib.testing.worker import start_worker

    from notifications.tasks import sweep
    from runningcoach.celery import app

    with own_redis() as broker, broker_at(broker.url):
        log_run(runner, days_ago(10), 10.0)
        broker.stop()
        # Logging needs no broker: the alarm is recorded as due.
        result = log_run(runner, days_ago(1), 14.0)
        warning = TrainingWarning.objects.get(session=result.session)
        assert warning.email_due is True
        with pytest.raises(Exception):  # noqa: B017 - the beat cannot reach the broker
            sweep.delay()
        assert mail.outbox == []
        broker.start()
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            sweep.delay()
            assert wait_for(lambda: len(mail.outbox) == 1, timeout=30)
    warning.refresh_from_db()
    assert warning.emailed_at is not None and warning.email_due is False
