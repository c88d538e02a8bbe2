import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "runningcoach.settings")

application = get_wsgi_application()

from django.conf import settings  # noqa: E402  (configured by the line above)

if settings.SECRET_KEY_GENERATED and not settings.DEBUG:
    raise ImproperlyConfigured(
        "Set SECRET_KEY (or SECRET_KEY_FILE) to serve runningcoach, or run with DEBUG=1."
    )
