"""Settings for runningcoach, read from the environment.

SQLite, eager Celery and console e-mail by default, so a newcomer needs nothing;
PostgreSQL when DATABASE_URL is set, Redis (broker and cache) when REDIS_URL is set.
Every variable read here is listed in README.md.
"""

import secrets
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
import django_stubs_ext
from celery.schedules import crontab
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from runningcoach.env import env_bool, env_int, env_list, env_str

# Lets generic classes (ModelForm[Profile], ModelAdmin[Session]) be subscripted at run time.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent


def database_from_url(url: str) -> dict[str, Any]:
    """A DATABASES entry from postgresql://user:pass@host:port/name?sslmode=... or
    sqlite:////absolute/path (three slashes and a relative path, four and an absolute one)."""
    scheme = url.partition(":")[0]
    if scheme not in {"postgres", "postgresql", "sqlite"}:
        raise ValueError(f"DATABASE_URL scheme {scheme!r} is not supported")
    config: dict[str, Any] = dict(dj_database_url.parse(url))
    if config["ENGINE"].endswith("postgresql"):
        config["CONN_MAX_AGE"] = env_int("DB_CONN_MAX_AGE", 60)
        config["CONN_HEALTH_CHECKS"] = True
    return config


DEBUG = env_bool("DEBUG", False)
# Under pytest the app runs without TLS and with an unbuilt static manifest.
RUNNING_TESTS = "pytest" in sys.modules and not env_bool("PRODUCTION_CHECK", False)

SECRET_KEY = env_str("SECRET_KEY")
# Without one, a fresh key per process: fine in development (sessions just do not survive a
# restart) and for management commands such as migrate or check, but the web app refuses
# to serve with it unless DEBUG is on (runningcoach/wsgi.py), and `check` warns.
SECRET_KEY_GENERATED = not SECRET_KEY
if SECRET_KEY_GENERATED:
    SECRET_KEY = "generated-insecure-" + secrets.token_urlsafe(40)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "modeltranslation",  # must come before django.contrib.admin
    # Django's admin, every page superuser-only unless opened on purpose.
    "runningcoach.apps.RunningcoachAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "crispy_forms",
    "crispy_bootstrap5",
    # The project's own app: the demo-data command and the {% slot %} template tag.
    "runningcoach.apps.RunningcoachConfig",
    "accounts",
    "exercises",
    "logbook",
    "coaching",
    "notifications",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # /ping/ is answered here, before the stack below (runningcoach/middleware.py).
    "runningcoach.middleware.PingMiddleware",
    # Outside sessions and CSRF: it takes their cookies off the service worker's background
    # copies (logbook/middleware.py).
    "logbook.middleware.OfflineOwnerMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "runningcoach.middleware.PrivateNoStoreMiddleware",
    "accounts.middleware.AthletePreferencesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "runningcoach.urls"
WSGI_APPLICATION = "runningcoach.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "runningcoach.context_processors.contact",
            ],
        },
    },
]

# Database: SQLite unless DATABASE_URL says otherwise.
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": database_from_url(DATABASE_URL)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: cache (shared by rate limits across workers) and Celery broker when REDIS_URL is set.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    _redis = {
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "runningcoach"),
        # No request waits more than about half a second for an unreachable Redis.
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
    CACHES = {
        # Falls back to per-process memory while Redis is unreachable (runningcoach/cache.py).
        "default": {"BACKEND": "runningcoach.cache.FallbackRedisCache", **_redis},
        # Signed-in sessions: read from Redis, kept in the database (cached_db below).
        # While Redis is down every read goes to the database, never to a per-process
        # copy (runningcoach/cache.py SessionRedisCache).
        "sessions": {"BACKEND": "runningcoach.cache.SessionRedisCache", **_redis},
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    SESSION_CACHE_ALIAS = "sessions"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Pages kept whole in the cache, keyed by data versions (logbook/page_cache.py).
PAGE_CACHE = env_bool("PAGE_CACHE", True)

AUTH_USER_MODEL = "accounts.User"
# Django's and allauth's backends, loading the profile with the user (accounts/backends.py).
AUTHENTICATION_BACKENDS = [
    "accounts.backends.ModelBackend",
    "accounts.backends.AuthenticationBackend",
]
# Under pytest a fast hasher: the real one takes about half a second per password, and the
# suite makes thousands of users. Everything else keeps Django's default (PBKDF2).
if RUNNING_TESTS:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

SITE_ID = 1
SITE_NAME = "runningcoach"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
# A taken address takes as long to sign up as a new one (no account enumeration by time).
ACCOUNT_FORMS = {"signup": "accounts.signup.EvenSignupForm"}
# Failed logins counted per account and client, so guesses never lock the owner out.
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# Confirming the address from the sign-up e-mail signs the new runner in (same browser).
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# Links in account e-mails (sign-up, password reset) take SITE_URL's scheme: plain http on
# docker-compose's stack gives http links. Without SITE_URL: http with DEBUG, else https.
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env_str(
    "ACCOUNT_DEFAULT_HTTP_PROTOCOL",
    urlsplit(env_str("SITE_URL")).scheme or ("http" if DEBUG else "https"),
)
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[runningcoach] "
# The 6th failed password for one account from one client within 5 minutes is refused, on
# the site and in the admin (accounts.forms.RateLimitedAdminAuthenticationForm uses the
# same limiter); a client is a browser that signed in before, or else an IP address
# (accounts/adapter.py).
ACCOUNT_RATE_LIMITS = {
    "login_failed": env_str("LOGIN_FAILED_RATE_LIMIT", "30/m/ip,5/5m/key"),
    # Files sent to a runner's private upload link (logbook.offline_views.upload_by_link).
    "upload_link": env_str("UPLOAD_LINK_RATE_LIMIT", "30/m/ip,60/h/key"),
}

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("nl", _("Dutch"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates read the same on every page: runningcoach/formats/<language>/formats.py.
FORMAT_MODULE_PATH = ["runningcoach.formats"]
USE_I18N = True
TIME_ZONE = env_str("TIME_ZONE", "Europe/Amsterdam")
USE_TZ = True
LANGUAGE_COOKIE_SECURE = env_bool("LANGUAGE_COOKIE_SECURE", not (DEBUG or RUNNING_TESTS))
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en", "nl")

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or RUNNING_TESTS
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploads above this size are spooled to disk; the import form refuses files above the cap.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
IMPORT_MAX_UPLOAD_BYTES = env_int("IMPORT_MAX_UPLOAD_MB", 200) * 1024 * 1024
# A file above this is parsed by the import job, off the request (the request answers with
# the job's page at once); smaller GPX, TCX and FIT files are imported in the request.
IMPORT_BACKGROUND_ABOVE_BYTES = env_int("IMPORT_BACKGROUND_ABOVE_MB", 5) * 1024 * 1024
# Sessions one imported file may hold: a decade of daily training is under 10,000.
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 50_000)
# An upload whose import never ran or never finished is removed after this many days.
IMPORT_UPLOAD_RETENTION_DAYS = env_int("IMPORT_UPLOAD_RETENTION_DAYS", 7)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# E-mail (Django's MAILERS): the console in development, SMTP when EMAIL_HOST is set,
# files under var/mail with EMAIL_BACKEND=file.
_email_host = env_str("EMAIL_HOST")
_email_port = env_int("EMAIL_PORT", 587)
_mailer: dict[str, Any] = {"BACKEND": "runningcoach.mail.ReadableConsoleBackend"}
if _email_host:
    _mailer = {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": _email_host,
            "port": _email_port,
            "username": env_str("EMAIL_HOST_USER"),
            "password": env_str("EMAIL_HOST_PASSWORD"),
            "use_tls": env_bool("EMAIL_USE_TLS", _email_port == 587),
            "use_ssl": env_bool("EMAIL_USE_SSL", False),
            "timeout": env_int("EMAIL_TIMEOUT", 10),
        },
    }
elif env_str("EMAIL_BACKEND") == "file":
    _mailer = {
        "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "OPTIONS": {"file_path": env_str("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))},
    }
MAILERS = {"default": _mailer}
# Absolute links in e-mails sent by Celery jobs, which have no request to build them from.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "runningcoach <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where people write when they are stuck (no sign-up e-mail, a failed reset): named on
# every page that says so. `check --deploy` warns while it is empty.
CONTACT_EMAIL = env_str("CONTACT_EMAIL")

# Security. Production (DEBUG off) passes `manage.py check --deploy` with no issues.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not (DEBUG or RUNNING_TESTS):
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
    if env_bool("BEHIND_TLS_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# No inline scripts or styles anywhere, and nothing from another origin.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# Celery: a real broker when REDIS_URL is set; otherwise tasks run eagerly in-process.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL)
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", REDIS_URL) or None
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
# Publishing must not hang a request when the broker is down: the beat picks up what is due.
# and connecting gives up after half a second (broker and result backend alike).
CELERY_BROKER_CONNECTION_TIMEOUT = 0.5
# A Redis that takes the connection and never answers is ended by the socket timeout, as
# short: the worker's BRPOP waits in its event loop, where kombu checks it instead.
CELERY_BROKER_TRANSPORT_OPTIONS = dict(
    socket_connect_timeout=0.5, socket_timeout=0.5, max_retries=0
)
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 0.5
CELERY_REDIS_SOCKET_TIMEOUT = 0.5
# The result backend subscribes to a task's result before it is published, retrying 20
# times a second apart by default (a 19 s wait with Redis down): give up after one retry.
_ONE_QUICK_RETRY = dict(max_retries=1, interval_start=0, interval_step=0.2, interval_max=0.2)
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"retry_policy": _ONE_QUICK_RETRY}
CELERY_TASK_PUBLISH_RETRY_POLICY = dict(_ONE_QUICK_RETRY)
CELERY_BEAT_SCHEDULE: dict[str, dict[str, object]] = {
    # Queues and sends every e-mail that is due (alarms, weekly reminders, digests, retries).
    "outbox-sweep": {
        "task": "notifications.tasks.sweep",
        "schedule": crontab(minute=f"*/{env_int('OUTBOX_SWEEP_MINUTES', 2)}"),
    },
    # Imports whose enqueue was lost (broker down) start once it is back.
    "queue-waiting-imports": {
        "task": "logbook.tasks.queue_waiting_imports",
        "schedule": crontab(minute="*/5"),
    },
    # E-mails to addresses without an account go OUTBOX_ADDRESS_RETENTION_DAYS after.
    "forget-outbox-addresses": {
        "task": "notifications.tasks.forget_addresses",
        "schedule": crontab(minute=37, hour=3),
    },
    # Uploads of imports are removed after IMPORT_UPLOAD_RETENTION_DAYS, whatever happened.
    "remove-old-uploads": {
        "task": "logbook.tasks.remove_old_uploads",
        "schedule": crontab(minute=17, hour=3),
    },
}

# E-mail outbox (notifications/): when the weekly e-mails are due in each person's own
# zone (ISO weekday 1 = Monday, hour 0-23), and how sending retries.
REMINDER_WEEKDAY = env_int("REMINDER_WEEKDAY", 1)
REMINDER_HOUR = env_int("REMINDER_HOUR", 8)
OUTBOX_RETRY_BASE_S = env_int("OUTBOX_RETRY_BASE_S", 60)  # doubles with every try, up to 1 h
# Connection refused, timeouts and 4xx answers are tried again for this long after the
# first try (as mail servers do); only a permanent 5xx answer fails an e-mail sooner.
OUTBOX_RETRY_WINDOW_HOURS = env_int("OUTBOX_RETRY_WINDOW_HOURS", 48)
OUTBOX_ADDRESS_RETENTION_DAYS = env_int("OUTBOX_ADDRESS_RETENTION_DAYS", 30)
# The send task's hard time limit: a claim older than this is taken again.
OUTBOX_CLAIM_TIMEOUT_S = env_int("OUTBOX_CLAIM_TIMEOUT_S", 300)
# Rows handed to a send task that never ran (its message lost with a Redis restart) are
# handed out again after this long.
OUTBOX_REQUEUE_AFTER_S = env_int("OUTBOX_REQUEUE_AFTER_S", 900)
OUTBOX_CHUNK_SIZE = env_int("OUTBOX_CHUNK_SIZE", 200)
# Without a broker there is no beat: sweep right after an alarm is recorded (make run). Off
# under pytest, where tests sweep themselves.
OUTBOX_SWEEP_ON_ALARM = env_bool(
    "OUTBOX_SWEEP_ON_ALARM", CELERY_TASK_ALWAYS_EAGER and not RUNNING_TESTS
)

# Load rules (DOMAIN.md section 2), like AUTH_PASSWORD_VALIDATORS: a rule is one module plus
# one line here; leave an entry out to switch its rule off; OPTIONS re-tune the fields of
# that rule's own options dataclass. LOAD_THRESHOLDS holds the figures no single rule owns
# (logbook/load/core.py Shared: default_rpe, backward_factor, window_repeat_days).
LOAD_RULES: list[dict[str, object]] = [
    {"NAME": "logbook.load.spike.SingleRunSpike"},
    {"NAME": "logbook.load.weekly.WeeklyIncrease"},
    {"NAME": "logbook.load.acwr.Acwr"},
    {"NAME": "logbook.load.retro.RetroIncrease"},
    {"NAME": "logbook.load.monotony.Monotony"},
    {"NAME": "logbook.load.pain.Pain"},
]
LOAD_THRESHOLDS: dict[str, object] = {}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
