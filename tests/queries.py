"""Query counts that depend on the set-up."""

from django.conf import settings

# The signed-in session is read from the database on every request, unless sessions are
# cached (cached_db in front of Redis, when REDIS_URL is set): then it is read from Redis.
SESSION_READS = 0 if settings.SESSION_ENGINE.endswith("cached_db") else 1
