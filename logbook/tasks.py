"""Thin Celery wrappers around services: fetch ids, call a service, return a count."""

from celery import shared_task
from django.utils import timezone


# Nobody reads its result (the job's row is the record), so queueing it from a request
# never waits for the result backend.
@shared_task(acks_late=True, ignore_result=True)
def run_import(job_id: int) -> int:
    from logbook import import_jobs

    return import_jobs.import_job_run(job_id=job_id)


@shared_task
def queue_waiting_imports() -> int:
    from logbook import import_jobs

    return import_jobs.import_jobs_queue_waiting(now=timezone.now())


@shared_task
def remove_old_uploads() -> int:
    from logbook import import_jobs

    return import_jobs.uploads_remove_old(now=timezone.now())
