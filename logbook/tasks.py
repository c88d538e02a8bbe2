"""Thin Celery wrappers around services: fetch ids, call a service, return a count."""

from celery import shared_task


@shared_task(acks_late=True)
def run_import(job_id: int) -> int:
    from logbook import import_jobs

    return import_jobs.import_job_run(job_id=job_id)
