"""Django settings for the Koers web application, all taken from environment variables.

Safe defaults: debug off, SQLite under ``var/``, Celery on the filesystem transport under
``var/celery/`` so a developer needs no database or message server. Production sets
``DJANGO_SECRET_KEY``, ``DATABASE_URL`` (PostgreSQL) and ``REDIS_URL`` (see docs/deploy.md).
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

WEB_DIR = Path(__file__).resolve().parent
REPO_DIR = WEB_DIR.parents[2]  # src/koers/web -> repository root
VAR_DIR = Path(os.environ.get("KOERS_VAR_DIR", REPO_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "ja"}


def env_int(name: str, default: int, minimum: int = 0) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        number = None
    if number is None or number < minimum:
        raise ImproperlyConfigured(f"{name} moet een geheel getal van minstens {minimum} zijn, niet {value!r}.")
    return number


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY ontbreekt: zet deze omgevingsvariabele (verplicht als DJANGO_DEBUG niet true is)."
        )
    SECRET_KEY = "koers-insecure-development-key-only-for-debug"  # noqa: S105 - debug only

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "localhost")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "koers.web",
    "koers.apps.organisations",
    "koers.apps.audit",
    "koers.apps.agenda",
    "koers.apps.portfolio",
    "koers.apps.indicators",
    "koers.apps.channels",
    "koers.apps.readiness",
    "koers.apps.reports",
    "koers.apps.national",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",  # login throttling (see "Beveiliging" in docs/deploy.md)
    "csp",  # Content-Security-Policy header
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "koers.web.language.ChosenLanguageMiddleware",  # Dutch unless chosen, never from Accept-Language
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "koers.web.security.renew_session",  # the idle timeout
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "koers.apps.audit.middleware.AuditActorMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires: turns a lockout into its page
]

ROOT_URLCONF = "koers.web.urls"
WSGI_APPLICATION = "koers.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "koers.web.context.koers",
            ],
        },
    },
]

if "DATABASE_URL" not in os.environ:
    VAR_DIR.mkdir(parents=True, exist_ok=True)  # the default SQLite file lives there
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'koers.sqlite3'}"),
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several requests and the worker write at once. WAL lets readers go on while one writes;
    # IMMEDIATE takes the write lock when a transaction begins, so a second writer waits for it
    # (up to the timeout, in seconds) instead of failing with "database is locked" halfway.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Axes first: it refuses a locked-out login before any password is checked.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Dutch first; English through the language switch. Message ids are Dutch (see docs/i18n in
# locale/en): a missing English translation falls back to Dutch, never to an empty string.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [WEB_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"  # stored in UTC, shown in this zone
USE_I18N = True
USE_TZ = True
# Numbers as the language writes them (12.500,5 in Dutch) and Dutch dates as "3 december 2026, 14:05"
# (koers/web/formats). Where a machine reads a number (attributes, scripts, inputs) the templates use
# |unlocalize; user input goes through koers.web.numbers.
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["koers.web.formats"]

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", VAR_DIR / "static"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and env_bool("KOERS_MANIFEST_STATIC", True)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_URL = "media/"  # never served directly: documents are only reachable through views
MEDIA_ROOT = Path(os.environ.get("KOERS_MEDIA_ROOT", VAR_DIR / "media"))

KOERS_MAX_UPLOAD_MB = int(os.environ.get("KOERS_MAX_UPLOAD_MB", "50"))
KOERS_STUCK_AFTER_MINUTES = int(os.environ.get("KOERS_STUCK_AFTER_MINUTES", "30"))
KOERS_EVIDENCE_PER_THEME = int(os.environ.get("KOERS_EVIDENCE_PER_THEME", "5"))
KOERS_MIN_PEERS = 5  # need-to-know: compare with other organisations only from this many on
# Harvested documents for the national batches; the web starts batches only from manifests under it.
KOERS_NATIONAL_ROOT = Path(os.environ.get("KOERS_NATIONAL_ROOT", VAR_DIR / "national"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Larger files go to a temporary file that stops at KOERS_MAX_UPLOAD_MB (web/uploads.py).
FILE_UPLOAD_HANDLERS = ["django.core.files.uploadhandler.MemoryFileUploadHandler",
                        "koers.web.uploads.BoundedUploadHandler"]

# Security (docs/deploy.md, "Beveiliging"). Cookies only over https, except in development.
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG and env_bool("DJANGO_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Idle timeout: the session ends this long after it was last saved; security.renew_session saves a
# signed-in session again at most once a minute while it is used.
SESSION_COOKIE_AGE = env_int("KOERS_SESSION_IDLE_MINUTES", 30, minimum=1) * 60
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", False)
# Preloading commits the municipality's whole registered domain, not just Koers's host name: that is
# the domain owner's decision, so check --deploy need not remind every installation of it.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None

# Content-Security-Policy (django-csp): scripts, styles and everything else from this site only; no
# inline script or style, no eval, no plugins, never in a frame. The self-contained report document
# (reports.views) adds inline styles for itself.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Login throttling (django-axes): a user name tried from one address is locked after this many
# failures for the cool-off; a success resets the count. Every failed try while locked restarts it.
AXES_FAILURE_LIMIT = env_int("KOERS_LOGIN_FAILURES", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("KOERS_LOGIN_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "koers.web.security.lockout_response"
AXES_DISABLE_ACCESS_LOG = True  # keep failures only: no record of every login and its address
AXES_CLIENT_IP_CALLABLE = "koers.web.security.client_ip"
AXES_VERBOSE = False  # no banner on every start; lockouts are still logged as warnings

# Mail, for the password reset. Development prints it on the console.
EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND") or (
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "koers@localhost")
PASSWORD_RESET_TIMEOUT = 60 * 60  # a reset link works for one hour (and only once)

# Celery: a broker URL from the environment, else the filesystem transport (no server needed).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL") or os.environ.get("REDIS_URL") or "filesystem://"
CELERY_BROKER_TRANSPORT_OPTIONS = {}
if CELERY_BROKER_URL.startswith("filesystem://"):
    _queue_dir = VAR_DIR / "celery" / "queue"
    _processed_dir = VAR_DIR / "celery" / "processed"
    _control_dir = VAR_DIR / "celery" / "control"  # broadcast/pidbox files; default is ./control
    for _folder in (_queue_dir, _processed_dir, _control_dir):
        _folder.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir),
        "data_folder_out": str(_queue_dir),
        "processed_folder": str(_processed_dir),
        "store_processed": False,
        "control_folder": str(_control_dir),
    }
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND") or None  # state lives in ScanDocument
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("KOERS_LOG_LEVEL", "INFO")},
    # WeasyPrint reports every layout step and every CSS rule it skips; only its real problems matter.
    "loggers": {"weasyprint": {"level": "ERROR"}},
}

from koers.web.api_settings import *  # noqa: E402,F401,F403 - REST_FRAMEWORK, SPECTACULAR_SETTINGS, API_VERSION
