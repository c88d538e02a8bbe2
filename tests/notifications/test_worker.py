"""The outbox through a real Redis broker and real Celery workers: exactly once, whatever
runs twice, runs at once, or dies between claim and send."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core import mail

from accounts.models import User
from notifications.models import OutboxEmail
from tests.conftest import wait_for
from tests.factories import make_runner
from tests.notifications.test_reminders import joined_long_ago

ROOT = Path(__file__).resolve().parents[2]


def due_runner(email: str = "due@example.com") -> User:
    """A runner who joined long ago: last Monday's reminder is due right now."""
    return joined_long_ago(make_runner(email, display_name="Due"))


def reminders() -> list[Any]:
    return [m for m in mail.outbox if "week" in m.subject.lower() or "start" in m.subject]


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_sweeper_run_twice_through_the_worker_sends_one_reminder(celery_worker):
    from notifications.tasks import sweep

    runner = due_runner()
    sweep.delay().get(timeout=30)
    sweep.delay().get(timeout=30)
    assert wait_for(lambda: len(reminders()) == 1, timeout=30)
    wait_for(lambda: len(reminders()) > 1, timeout=2)
    assert [m.to for m in reminders()] == [[runner.email]]
    assert OutboxEmail.objects.get(recipient=runner).status == "sent"


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_redelivered_send_task_sends_nothing_twice(celery_worker):
    from notifications import services
    from notifications.tasks import send_chunk

    due_runner()
    now = datetime.now(UTC)
    services.outbox_queue_due(now=now)
    ids = services.outbox_take_due(now=now)
    first = send_chunk.delay(ids).get(timeout=30)
    again = send_chunk.delay(ids).get(timeout=30)
    assert (first, again) == (1, 0)
    assert len(reminders()) == 1


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_beats_sweeping_at_once_send_one_reminder(celery_worker):
    from notifications.tasks import sweep

    due_runner()
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def beat() -> None:
        from django.db import connection

        try:
            start.wait(timeout=10)
            sweep.apply().get()
        except BaseException as error:  # surfaced below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=beat) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert wait_for(lambda: len(reminders()) == 1, timeout=30)
    wait_for(lambda: len(reminders()) > 1, timeout=2)
    assert len(reminders()) == 1


def _database_url() -> str:
    db = settings.DATABASES["default"]
    return (
        f"postgresql://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )


@contextmanager
def worker_process(smtp_port: int, **env: str) -> Iterator[subprocess.Popen[bytes]]:
    """A prefork Celery worker of its own (time limits and SIGKILL need a real process),
    on the test's database and the SMTP server on `smtp_port`."""
    from runningcoach.celery import app

    environment = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "EMAIL_USE_TLS": "0",
        "DB_CONN_MAX_AGE": "0",
        **env,
    }
    app.control.purge()
    worker = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "celery"),
            "-A", "runningcoach", "worker",
            "--pool", "prefork", "--concurrency", "1",
            "--loglevel", "WARNING", "--without-gossip", "--without-mingle",
            "--hostname", f"outboxtest-{os.getpid()}@%h",
        ],
        cwd=ROOT,
        env=environment,
    )  # fmt: skip
    try:
        assert wait_for(lambda: bool(app.control.ping(timeout=1)), timeout=60)
        yield worker
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(timeout=10)


def pool_process(worker: subprocess.Popen[bytes]) -> int:
    """The pid of the worker's one pool process, the one that runs the tasks."""
    children = Path(f"/proc/{worker.pid}/task/{worker.pid}/children").read_text().split()
    assert len(children) == 1, children
    return int(children[0])


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_task_redelivered_after_its_worker_was_killed_between_claim_and_send_sends_once(
    migration_data, smtp_sink
):
    from runningcoach.celery import app

    runner = due_runner()
    smtp_sink.hold_recipients = True
    with worker_process(smtp_sink.port, OUTBOX_CLAIM_TIMEOUT_S="8") as worker:
        app.send_task("notifications.tasks.sweep")
        assert wait_for(lambda: smtp_sink.held >= 1, timeout=60), "the sender never got going"
        row = OutboxEmail.objects.get(recipient=runner)
        assert (row.status, row.attempts) == ("sending", 0)  # a claim is not a try

        # Kill the process that holds the claim while it waits for the server, before it
        # handed the message over.
        os.kill(pool_process(worker), signal.SIGKILL)
        smtp_sink.hold_recipients = False
        assert smtp_sink.messages == []

        # The claim outlives the hard time limit; a later sweep takes it again.
        def delivered() -> bool:
            app.send_task("notifications.tasks.sweep")
            return wait_for(lambda: len(smtp_sink.messages) >= 1, timeout=2)

        assert wait_for(delivered, timeout=90)
        wait_for(lambda: len(smtp_sink.messages) > 1, timeout=3)
        assert [m["To"] for m in smtp_sink.messages] == [runner.email]
        row.refresh_from_db()
        assert (row.status, row.attempts) == ("sent", 1)  # the killed claim never tried


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_emails_the_time_limit_stopped_before_their_turn_count_no_try_and_all_go_out(
    migration_data, smtp_sink
):
    """A slow server: the soft time limit stops the chunk part-way. The e-mail on the wire
    counts one try; those never reached go back with none, and every one is sent later."""
    from runningcoach.celery import app

    runners = [due_runner(f"slow{n}@example.com") for n in range(24)]
    smtp_sink.answer_late_s = 0.5  # 24 e-mails take 12 s; the soft limit comes after 7
    with worker_process(
        smtp_sink.port, OUTBOX_CLAIM_TIMEOUT_S="8", EMAIL_TIMEOUT="5", OUTBOX_RETRY_BASE_S="1"
    ):
        app.send_task("notifications.tasks.sweep")
        rows = OutboxEmail.objects.filter(kind="weekly_reminder")
        assert wait_for(
            lambda: (
                rows.filter(status="sent").exists() and not rows.filter(status="sending").exists()
            ),
            timeout=60,
        )
        assert set(rows.filter(status="sent").values_list("attempts", flat=True)) == {1}
        waiting = sorted(rows.filter(status="pending").values_list("attempts", flat=True))
        assert len(waiting) >= 2 and waiting[:-1] == [0] * (len(waiting) - 1)
        assert waiting[-1] in (0, 1)  # 1: the one the limit caught on the wire

        smtp_sink.answer_late_s = 0

        def all_sent() -> bool:
            app.send_task("notifications.tasks.sweep")
            return wait_for(lambda: rows.filter(status="sent").count() == 24, timeout=3)

        assert wait_for(all_sent, timeout=90)
    for runner in runners:
        received = smtp_sink.to(runner.email)
        # Once, or twice with one Message-ID: the one the server kept while the limit struck.
        assert len({m["Message-ID"] for m in received}) == 1 and len(received) <= 2
    assert len(smtp_sink.messages) <= 25
