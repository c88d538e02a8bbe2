import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "runningcoach.settings")

app = Celery("runningcoach")
# Every CELERY_* Django setting configures Celery; the schedule lives in settings.py.
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
