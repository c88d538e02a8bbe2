"""Thin Celery tasks: the sweeper (on the beat) and the chunk sender it fans out to."""

from __future__ import annotations

import logging
from functools import partial

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from notifications import sending, services

logger = logging.getLogger(__name__)


@shared_task(acks_late=True)
def sweep() -> int:
    """Queue what is due and hand it to send_chunk in chunks; returns rows handed out."""
    now = timezone.now()
    services.outbox_queue_due(now=now)
    ids = services.outbox_take_due(now=now)
    size = settings.OUTBOX_CHUNK_SIZE
    for start in range(0, len(ids), size):
        chunk = ids[start : start + size]
        try:
            send_chunk.delay(chunk)
        except Exception:
            # The broker went away mid-sweep: the next sweep hands these out again.
            services.outbox_release(ids=ids[start:])
            logger.warning("Could not hand %d e-mails to workers; next sweep retries.", len(ids))
            raise
    return len(ids)


def send_soon(ids: list[int]) -> None:
    """Rows someone is waiting for (a sign-up link, a password reset, an invitation):
    handed to a worker right after the commit that queued them, not at the beat's next
    sweep. The request only publishes a task; whatever the mail server does (refuses,
    hangs), it happens in the worker, and the outbox retries from there. A broker that
    cannot be reached delays them to the next sweep. Without a broker (Celery eager, `make
    run`) the task runs in this process, after the commit."""
    transaction.on_commit(partial(_hand_out, list(ids)))


def _hand_out(ids: list[int]) -> None:
    try:
        # No result: publishing then never waits for the result backend (Redis down).
        send_chunk.apply_async((ids,), ignore_result=True)
    except Exception:  # the broker is down: the sweep hands them out once it is back
        logger.warning("Could not hand %d e-mails to a worker; next sweep sends them.", len(ids))


@shared_task(ignore_result=True)
def forget_addresses() -> int:
    """Daily (beat): rows to addresses without an account, past their retention."""
    return services.outbox_forget_addresses(now=timezone.now())


def sweep_without_beat() -> None:
    """Where no beat runs (Celery eager, `make run`), an alarm just recorded goes out now:
    the sweep the beat would run, in this process (OUTBOX_SWEEP_ON_ALARM)."""
    if settings.OUTBOX_SWEEP_ON_ALARM:
        sweep.delay()


# The hard limit is what makes an old claim safe to take again (OUTBOX_CLAIM_TIMEOUT_S);
# the soft limit, a little earlier, puts what is left back in the queue.
_HARD_LIMIT_S = settings.OUTBOX_CLAIM_TIMEOUT_S


@shared_task(
    acks_late=True,
    soft_time_limit=_HARD_LIMIT_S - max(1, min(30, _HARD_LIMIT_S // 10)),
    time_limit=_HARD_LIMIT_S,
)
def send_chunk(ids: list[int]) -> int:
    return sending.outbox_send(ids=ids)
