# runningcoach: one image for the web process (gunicorn), the Celery worker and Celery beat.
# docker-compose.yml picks the process with `command:`; the default is the web server.
FROM python:3.13.9-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Runtime requirements only (requirements-dev.txt adds the test and lint tools).
# psycopg[binary] ships its own libpq, so no compiler or system libraries are needed;
# gettext is not needed either: the compiled .mo files are committed.
COPY requirements.lock .
RUN pip install --require-hashes -r requirements.lock

COPY . .

# Static files are collected into the image; whitenoise serves them (compressed, hashed).
# settings.py refuses to start without SECRET_KEY, so the build uses a throwaway one that
# never reaches a running container.
RUN SECRET_KEY=build-only-not-secret python manage.py collectstatic --no-input

# Never run as root. MEDIA_ROOT (/data/media) and var/ (Celery beat's schedule) belong to
# the app user; a named volume mounted on /data/media starts out with this ownership.
RUN useradd --system --uid 10001 --user-group --home-dir /app --no-create-home app \
    && mkdir -p /data/media /app/var \
    && chown -R app:app /data /app/var
ENV MEDIA_ROOT=/data/media
USER app

EXPOSE 8000

CMD ["gunicorn", "runningcoach.wsgi", "--bind", "0.0.0.0:8000", "--worker-class", "sync", "--workers", "3", "--access-logfile", "-"]
