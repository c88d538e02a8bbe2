"""With Redis unreachable as the cache or as the broker, signing in, signing up, logging a
session and uploading an import still work, or say what is delayed, and no request waits
for more than about a second. Nothing here stops the shared Redis: the unreachable one is a
port nothing listens on."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from logbook import import_jobs
from logbook.models import ImportJob, Session
from notifications.models import OutboxEmail
from tests.conftest import wait_for
from tests.factories import PASSWORD
from tests.logbook.helpers import earlier_today
from tests.logbook.test_hostile_imports import strava_rows
from tests.outbox import deliver
from tests.redis_server import celery_at, own_redis
from tests.silent_port import silent_port

pytestmark = pytest.mark.django_db
# A request may pay one short connection timeout (half a second), never a retry loop.
MAX_REQUEST_S = 1.5


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def unreachable_cache(location: str | None = None) -> dict[str, Any]:
    location = location or f"redis://127.0.0.1:{closed_port()}/0"
    options = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
    return {
        "default": {
            "BACKEND": "runningcoach.cache.FallbackRedisCache",
            "LOCATION": location,
            "OPTIONS": options,
        },
        # Sessions: read from the database while Redis is down (cached_db).
        "sessions": {
            "BACKEND": "runningcoach.cache.SessionRedisCache",
            "LOCATION": location,
            "OPTIONS": options,
        },
    }


@pytest.fixture
def cache_down() -> Iterator[None]:
    with override_settings(
        CACHES=unreachable_cache(),
        SESSION_ENGINE="django.contrib.sessions.backends.cached_db",
        SESSION_CACHE_ALIAS="sessions",
    ):
        yield


@pytest.fixture
def broker_down() -> Iterator[None]:
    """The Celery app publishes to a port nothing listens on; restored afterwards."""
    from runningcoach.celery import app

    saved = (app.conf.broker_url, app.conf.task_always_eager)
    app.conf.broker_url = f"redis://127.0.0.1:{closed_port()}/0"
    app.conf.task_always_eager = False
    saved_pools = (app._pool, app.amqp._producer_pool)
    app._pool = None
    app.amqp._producer_pool = None
    try:
        yield
    finally:
        app.conf.broker_url, app.conf.task_always_eager = saved
        app._pool, app.amqp._producer_pool = saved_pools


def timed(call: Any) -> tuple[Any, float]:
    started = time.monotonic()
    result = call()
    return result, time.monotonic() - started


def test_login_works_with_the_cache_down(cache_down, client, runner):
    response, elapsed = timed(
        lambda: client.post(reverse("account_login"), {"login": runner.email, "password": PASSWORD})
    )
    assert response.status_code == 302
    assert "_auth_user_id" in client.session
    assert elapsed < MAX_REQUEST_S


def test_login_page_answers_with_the_cache_down(cache_down, client):
    response, elapsed = timed(lambda: client.get(reverse("account_login")))
    assert response.status_code == 200
    assert elapsed < MAX_REQUEST_S


def test_login_rate_limit_still_holds_per_process_with_the_cache_down(cache_down, client, runner):
    for _ in range(5):
        client.post(reverse("account_login"), {"login": runner.email, "password": "wrong"})
    response = client.post(reverse("account_login"), {"login": runner.email, "password": PASSWORD})
    assert "too many" in response.content.decode().lower()
    assert "_auth_user_id" not in client.session


def test_sign_up_works_with_the_cache_down(cache_down, client, mailoutbox):
    response, elapsed = timed(
        lambda: client.post(
            reverse("account_signup"),
            {
                "email": "new@example.com",
                "password1": "a long and unusual passphrase",
                "password2": "a long and unusual passphrase",
                "display_name": "New",
            },
        )
    )
    assert response.status_code == 302
    deliver()
    assert len(mailoutbox) == 1
    assert elapsed < MAX_REQUEST_S


@pytest.mark.services
def test_sign_up_works_with_the_broker_down(
    broker_down, client, mailoutbox, django_capture_on_commit_callbacks
):
    """The confirmation e-mail is queued; handing it to a worker after the commit fails
    fast, and the next sweep sends it."""

    def sign_up() -> Any:
        with django_capture_on_commit_callbacks(execute=True) as after_commit:
            response = client.post(
                reverse("account_signup"),
                {
                    "email": "new@example.com",
                    "password1": "a long and unusual passphrase",
                    "password2": "a long and unusual passphrase",
                    "display_name": "New",
                },
            )
        assert after_commit  # the hand-out to a worker was tried
        return response

    response, elapsed = timed(sign_up)
    assert response.status_code == 302
    assert elapsed < MAX_REQUEST_S
    assert OutboxEmail.objects.get(to_address="new@example.com").status == "pending"
    assert mailoutbox == []
    deliver()
    assert len(mailoutbox) == 1


@pytest.mark.services
def test_logging_a_session_with_an_alarm_works_with_the_broker_down(
    broker_down, runner_client, runner
):
    start = earlier_today(7)
    post = {
        "kind": "run",
        "date": start.date().isoformat(),
        "time": start.strftime("%H:%M"),
        "duration": "45",
        "distance_km": "8",
        "surface": "road",
        "rpe": "5",
        "pain": "8",
        "ex-TOTAL_FORMS": "0",
        "ex-INITIAL_FORMS": "0",
    }
    response, elapsed = timed(lambda: runner_client.post(reverse("logbook:session_new"), post))
    assert response.status_code == 302
    assert Session.objects.filter(athlete=runner).count() == 1
    assert elapsed < MAX_REQUEST_S


@pytest.mark.services
def test_strava_upload_with_the_broker_down_waits_and_says_so(broker_down, runner_client, runner):
    upload = SimpleUploadedFile("activities.csv", strava_rows(3))
    response, elapsed = timed(
        lambda: runner_client.post(reverse("logbook:import"), {"file": upload, "kind": "run"})
    )
    assert response.status_code == 302
    assert elapsed < MAX_REQUEST_S
    job = ImportJob.objects.get(athlete=runner)
    assert job.status == ImportJob.Status.PENDING
    page = runner_client.get(response["Location"]).content.decode()
    assert "If the job queue is unreachable, the import starts within minutes" in page


@pytest.mark.services
def test_strava_upload_with_redis_gone_answers_within_a_second_and_queues_once_it_is_back(
    runner_client, runner, settings, tmp_path, django_capture_on_commit_callbacks
):
    """Redis as the broker and the result backend, as in production, stopped: queueing the
    import pays one short timeout, not the result backend's retries."""
    settings.MEDIA_ROOT = tmp_path
    with own_redis() as redis, celery_at(redis.url):
        redis.stop()

        def upload() -> Any:
            with django_capture_on_commit_callbacks(execute=True):
                return runner_client.post(
                    reverse("logbook:import"),
                    {"file": SimpleUploadedFile("activities.csv", strava_rows(3)), "kind": "run"},
                )

        response, elapsed = timed(upload)
        assert response.status_code == 302
        assert elapsed < MAX_REQUEST_S
        job = ImportJob.objects.get(athlete=runner)
        assert job.status == ImportJob.Status.PENDING
        page = runner_client.get(response["Location"]).content.decode()
        assert "If the job queue is unreachable, the import starts within minutes" in page

        redis.start()
        later = timezone.now() + import_jobs.WAITING_GRACE + timedelta(seconds=1)
        assert import_jobs.import_jobs_queue_waiting(now=later) == 1


@pytest.mark.services
def test_queueing_a_task_whose_result_is_kept_gives_up_within_a_second_with_redis_gone():
    from notifications.tasks import sweep

    with own_redis() as redis, celery_at(redis.url):
        redis.stop()
        started = time.monotonic()
        with pytest.raises(Exception):  # noqa: B017 - whatever the client calls it
            sweep.delay()
        assert time.monotonic() - started < MAX_REQUEST_S


@pytest.mark.services
def test_sweep_queues_a_job_that_could_not_be_queued_once_the_broker_is_back(runner):
    from runningcoach.celery import app

    job = ImportJob.objects.create(athlete=runner, filename="activities.csv")
    later = timezone.now() + import_jobs.WAITING_GRACE + timedelta(seconds=1)
    try:
        assert import_jobs.import_jobs_queue_waiting(now=later) == 1
    finally:
        app.control.purge()
    assert import_jobs.import_jobs_queue_waiting(now=job.created_at) == 0


def test_sweep_counts_nothing_queued_while_the_broker_is_down(broker_down, runner):
    ImportJob.objects.create(athlete=runner, filename="activities.csv")
    later = timezone.now() + import_jobs.WAITING_GRACE + timedelta(seconds=1)
    assert import_jobs.import_jobs_queue_waiting(now=later) == 0


def test_uploads_older_than_the_retention_are_removed(runner, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.IMPORT_UPLOAD_RETENTION_DAYS = 7
    job = import_jobs.import_job_create(
        athlete=runner, upload=SimpleUploadedFile("activities.csv", strava_rows(1)), kind="run"
    )
    path = job.upload.path
    assert import_jobs.uploads_remove_old(now=timezone.now() + timedelta(days=6)) == 0
    assert import_jobs.uploads_remove_old(now=timezone.now() + timedelta(days=8)) == 1
    job.refresh_from_db()
    assert not job.upload
    assert job.status == ImportJob.Status.FAILED
    assert "Upload it again" in job.error
    import os

    assert not os.path.exists(path)


@pytest.mark.services
def test_a_job_queued_twice_is_imported_by_one_worker_at_a_time(runner, settings, tmp_path):
    """The upload's task and the sweeper's can both reach workers: while one holds the job,
    the other leaves it alone, and once it lets go the job runs as usual."""
    import psycopg
    from django.core.files.base import ContentFile
    from django.db import connection

    settings.MEDIA_ROOT = tmp_path
    job = ImportJob.objects.create(athlete=runner, filename="activities.csv")
    job.upload.save("activities.csv", ContentFile(strava_rows(3)))
    params = connection.get_connection_params()
    other_worker = psycopg.connect(
        **{k: v for k, v in params.items() if k in ("dbname", "user", "host", "port", "password")}
    )
    try:
        other_worker.execute(
            "SELECT pg_advisory_lock(%s, %s)", [import_jobs.JOB_LOCK_NAMESPACE, job.pk]
        )
        assert import_jobs.import_job_run(job_id=job.pk) == 0
        job.refresh_from_db()
        assert job.status == ImportJob.Status.PENDING
        assert not Session.objects.filter(athlete=runner).exists()
    finally:
        other_worker.close()  # a worker that dies lets go of the job with its connection

    def let_go() -> bool:
        # The server ends the closed connection's backend, and with it the lock, a moment
        # after the client has gone.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = %s",
                [job.pk],
            )
            return cursor.fetchone()[0] == 0

    assert wait_for(let_go)
    import_jobs.import_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert Session.objects.filter(athlete=runner).count() == 3


def test_pages_follow_every_write_with_the_cache_down(cache_down, client, runner):
    """Cached pages fall back to per-process memory, keyed by the data version in the
    database: a write still shows on the next request."""
    client.force_login(runner)
    assert client.get(reverse("logbook:session_list")).status_code == 200
    response, elapsed = timed(lambda: client.get(reverse("logbook:session_list")))
    assert response.status_code == 200 and elapsed < MAX_REQUEST_S
    started = (timezone.now() - timedelta(hours=1)).astimezone(runner.profile.tz)
    client.post(
        reverse("logbook:session_new"),
        {
            "kind": "run",
            "date": started.date().isoformat(),
            "time": started.strftime("%H:%M"),
            "duration": "40",
            "distance_km": "6.54",
            "rpe": "5",
            "ex-TOTAL_FORMS": "0",
            "ex-INITIAL_FORMS": "0",
        },
    )
    assert "6.5 km" in client.get(reverse("logbook:session_list")).content.decode()


def test_a_signed_out_session_stays_signed_out_with_the_cache_down(cache_down, client, runner):
    """Sessions are never read from a per-process copy: signing out in one place holds."""
    client.force_login(runner)
    assert client.get(reverse("logbook:dashboard")).status_code == 200
    stolen = client.cookies.copy()
    client.post(reverse("account_logout"))
    thief = type(client)()
    thief.cookies = stolen
    assert thief.get(reverse("logbook:dashboard")).status_code == 302


# A Redis that accepts connections and never answers -----------------------------------


@contextmanager
def cache_hanging_at(url: str, database: int) -> Iterator[None]:
    """The cache and the sessions' cache at `url`, in a database of their own: a web process
    that meets the hanging Redis for the first time (no earlier failure at this location
    has sent it to its own memory)."""
    with override_settings(
        CACHES=unreachable_cache(f"{url.rsplit('/', 1)[0]}/{database}"),
        SESSION_ENGINE="django.contrib.sessions.backends.cached_db",
        SESSION_CACHE_ALIAS="sessions",
    ):
        yield


@pytest.mark.services
def test_a_redis_that_accepts_and_never_answers_holds_no_request_past_a_second(
    runner, client, settings, tmp_path, django_capture_on_commit_callbacks
):
    """The cache, the sessions' cache, the broker and the result backend all at a port that
    takes the connection and stays silent: the socket timeouts, not the connect timeouts,
    must end each wait. Signing in, a page and a Strava export's upload, each as the first
    request of a web process, answer within about a second. One test for the whole outage
    (every wait in it is slow), marked to run with the services only."""
    settings.MEDIA_ROOT = tmp_path

    def upload() -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                reverse("logbook:import"),
                {"file": SimpleUploadedFile("activities.csv", strava_rows(3)), "kind": "run"},
            )

    requests = {
        "sign-in": lambda: client.post(
            reverse("account_login"), {"login": runner.email, "password": PASSWORD}
        ),
        "session list": lambda: client.get(reverse("logbook:session_list")),
        "upload": upload,
    }
    with silent_port() as redis, celery_at(redis.url):
        for database, (name, request) in enumerate(requests.items(), start=1):
            with cache_hanging_at(redis.url, database):
                response, elapsed = timed(request)
            assert response.status_code in (200, 302), name
            assert elapsed < MAX_REQUEST_S, f"{name}: {elapsed:.2f} s"
        assert redis.held, "the requests did reach the silent server"
    job = ImportJob.objects.get(athlete=runner)
    assert job.status == ImportJob.Status.PENDING
