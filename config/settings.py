"""Grundlag's settings, all read from the environment (see .env.example)."""

import datetime
import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def development_secret_key(path: Path) -> str:
    """This installation's own random key, made once into a file that git ignores.

    A fixed development key made the demo's answer links (and every signed value) the same on every
    installation: anyone could forge them on someone else's demo.
    """
    if not path.exists():
        # Written beside it and linked into place, so that a process starting at the same moment
        # (the server and the task worker) reads the one key whole, never a half-written file.
        draft = path.with_name(f"{path.name}.{os.getpid()}")
        with os.fdopen(os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as file:
            file.write(secrets.token_urlsafe(50))
        try:
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return path.read_text(encoding="utf-8").strip()


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("Set SECRET_KEY (or DEBUG=true for development).")
    SECRET_KEY = development_secret_key(BASE_DIR / ".secret-key")
# Older keys, comma-separated, that signed values (sessions, password-reset links) are still accepted under
# while SECRET_KEY rotates; nothing new is signed with them. Drop them once their sessions have ended.
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_htmx",
    "axes",
    # Ahead of django_tasks_db, so that its `db_worker` (which waits out a locked database) is the one run.
    "grundlag.core",
    "django_tasks",
    "django_tasks_db",
    "rules.apps.AutodiscoverRulesConfig",
    "grundlag.audit",
    "grundlag.frameworks",
    "grundlag.organisation",
    "grundlag.accounts",
    "grundlag.api",
    "grundlag.evaluations",
    "grundlag.development",
    "grundlag.networks",
    "grundlag.talent",
    "grundlag.tools",
    "grundlag.indicators",
    "grundlag.actionplans",
    "grundlag.operations",
    "grundlag.demo",
]

# A refused form gets the site's page saying what to do (templates/403_csrf.html), in the page's language.
CSRF_FAILURE_VIEW = "grundlag.core.views.csrf_failure"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "grundlag.core.middleware.PrivateNoStoreMiddleware",  # after WhiteNoise: static files keep their max-age
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "grundlag.accounts.middleware.SessionLifetimeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "grundlag.core.middleware.ContentSecurityPolicyMiddleware",
    # Last, so that its lockout page still passes through the middleware above (CSP headers).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        # A kept connection (CONN_MAX_AGE) is checked before a request uses it: after the database was
        # restarted, each web process's first request would otherwise fail on its dead connection (a 500
        # per process, bench/load/fault_database.py); with the check it reconnects. One check per request.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers (two autosaves at once, the task worker) take the write lock when they begin and wait
    # for each other, instead of failing with "database is locked" when a read turns into a write.
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
# A PostgreSQL streaming replica of the database for the heavy reads: the views marked @replica_reads, and
# of those only the report data's apps (grundlag/core/replica.py, docs/scaling.md). Empty: one database.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
# A client that wrote reads the primary for this long, and a replica further behind than this is not read.
DATABASE_REPLICA_PIN_SECONDS = int(os.environ.get("DATABASE_REPLICA_PIN_SECONDS", "10"))
DATABASE_REPLICA_APPS = ["frameworks", "organisation", "evaluations", "indicators"]
if DATABASE_REPLICA_URL:
    if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured(
            "DATABASE_REPLICA_URL is a streaming replica of a PostgreSQL database; DATABASE_URL is not one."
        )
    if DATABASE_REPLICA_PIN_SECONDS < 1:
        raise ImproperlyConfigured("DATABASE_REPLICA_PIN_SECONDS is a number of seconds: 1 or more.")
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL, conn_max_age=DATABASES["default"]["CONN_MAX_AGE"], conn_health_checks=True
    )
    # The default's options; a replica that does not answer gives up after a few seconds, not a page's worth.
    DATABASES["replica"]["OPTIONS"] = {
        **DATABASES["default"].setdefault("OPTIONS", {}),
        "connect_timeout": 3,
        **DATABASES["replica"].setdefault("OPTIONS", {}),
    }
    # The tests never make a database on the replica: it shows the primary's test database.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["grundlag.core.replica.ReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
        "grundlag.core.replica.ReplicaPinMiddleware",
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # Refuses a locked-out login before any other backend checks the password.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "grundlag.accounts.backends.PasswordBackend",
]

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
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "frameworks:list"

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Where `collectstatic` puts the stylesheets and scripts (with their manifest) for WhiteNoise to serve.
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("dkfds", BASE_DIR / "node_modules" / "dkfds" / "dist"),
    ("htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    # frontend/charts.js bundled with Vega-Lite and Vega Embed by `npm run build` (scripts/install).
    ("grundlag-build", BASE_DIR / "frontend" / "build"),
]
# Uploaded files (organisation imports waiting for Apply); the web and worker processes must share it.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # WhiteNoise's compressed, hashed names; a file not collected yet is logged, not a 500.
        "BACKEND": "grundlag.core.staticfiles.ManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# collectstatic compresses every file twice (Brotli and gzip): the design system's TTF, OTF and EOT fonts took
# 35 of its 58 s, though every current browser downloads the WOFF2 ones, and source maps are read only by
# developer tools. They are served as they are.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [
    *("jpg", "jpeg", "png", "gif", "webp", "zip", "gz", "tgz", "bz2", "tbz", "xz", "br", "swf", "flv"),
    *("woff", "woff2", "3gp", "3gpp", "asf", "avi", "m4v", "mov", "mp4", "mpeg", "mpg", "webm", "wmv"),
    *("ttf", "otf", "eot", "map"),
]

# E-mail is printed to the output only in development; `check --deploy` refuses that in production.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "grundlag@localhost")

# The accessibility statement (tilgængelighedserklæring): the fields of Digitaliseringsstyrelsen's template,
# filled in by the organisation that runs this installation.
ACCESSIBILITY_ORGANISATION = os.environ.get("ACCESSIBILITY_ORGANISATION", "")
ACCESSIBILITY_SITE_URL = os.environ.get("ACCESSIBILITY_SITE_URL", "")
ACCESSIBILITY_COMPLIANCE = os.environ.get("ACCESSIBILITY_COMPLIANCE", "partial")
ACCESSIBILITY_METHOD = os.environ.get("ACCESSIBILITY_METHOD", "self")
ACCESSIBILITY_METHOD_DESCRIPTION = os.environ.get("ACCESSIBILITY_METHOD_DESCRIPTION", "")
ACCESSIBILITY_CONTACT_EMAIL = os.environ.get("ACCESSIBILITY_CONTACT_EMAIL", "")
ACCESSIBILITY_CONTACT_PHONE = os.environ.get("ACCESSIBILITY_CONTACT_PHONE", "")
ACCESSIBILITY_STATEMENT_URL = os.environ.get("ACCESSIBILITY_STATEMENT_URL", "")
ACCESSIBILITY_COMPLAINT_URL = os.environ.get(
    "ACCESSIBILITY_COMPLAINT_URL",
    "https://digst.dk/digital-inklusion/webtilgaengelighed/oplever-du-ikke-tilgaengeligt-indhold/",
)
if ACCESSIBILITY_COMPLIANCE not in {"full", "partial", "none"}:
    raise ImproperlyConfigured("ACCESSIBILITY_COMPLIANCE must be full, partial or none.")
if ACCESSIBILITY_METHOD not in {"self", "external", "other"}:
    raise ImproperlyConfigured("ACCESSIBILITY_METHOD must be self, external or other.")
try:
    ACCESSIBILITY_PREPARED = datetime.date.fromisoformat(
        os.environ.get("ACCESSIBILITY_PREPARED", "2026-12-03")
    )
    ACCESSIBILITY_REVIEWED = datetime.date.fromisoformat(
        os.environ.get("ACCESSIBILITY_REVIEWED", "2026-12-03")
    )
except ValueError as error:
    raise ImproperlyConfigured(
        "ACCESSIBILITY_PREPARED and ACCESSIBILITY_REVIEWED are dates: YYYY-MM-DD."
    ) from error

# Behind a TLS-terminating proxy in production; plain HTTP only in development.
SECURE = env_bool("SECURE", not DEBUG)
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = SECURE and env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE else None
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000")) if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
SESSION_COOKIE_HTTPONLY = True
# A session ends after SESSION_IDLE_MINUTES without a request (a request renews it, at most once a minute)
# and, however active, SESSION_LIFETIME_HOURS after its login (grundlag.accounts.middleware).
SESSION_IDLE_MINUTES = int(os.environ.get("SESSION_IDLE_MINUTES", "30"))
SESSION_LIFETIME_HOURS = int(os.environ.get("SESSION_LIFETIME_HOURS", "8"))
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# The foundation whose levels the organisation's posts are placed on (a framework slug).
ORGANISATION_FRAMEWORK = os.environ.get("ORGANISATION_FRAMEWORK", "aarhus-boern-og-unge")
# A leader with more direct reports than this is flagged on the span-of-control page.
SPAN_OF_CONTROL_THRESHOLD = int(os.environ.get("SPAN_OF_CONTROL_THRESHOLD", "20"))


def env_threshold(name: str, default: int) -> int:
    """An anonymity threshold: never below 3, whatever the environment says."""
    value = int(os.environ.get(name, str(default)))
    if value < 3:
        raise ImproperlyConfigured(f"{name} is {value}; an anonymity threshold is never below 3.")
    return value


# The fewest respondents a rater group must have before any figure of it is shown (DESIGN.md, anonymity).
# Self and the superior leader are not thresholds: they are one person, shown as such or not at all.
EVALUATION_THRESHOLDS = {
    "employee": env_threshold("EVALUATION_THRESHOLD_EMPLOYEES", 5),
    "peer": env_threshold("EVALUATION_THRESHOLD_PEERS", 3),
    "other": env_threshold("EVALUATION_THRESHOLD_OTHERS", 3),
    "comments": env_threshold("EVALUATION_THRESHOLD_COMMENTS", 5),
    # The Ledelse-tæt-på conditions survey: leaders rating their own conditions, per block of leaders.
    "conditions": env_threshold("EVALUATION_THRESHOLD_CONDITIONS", 5),
}
# The keys that seal what respondents have written before it is sent (grundlag/evaluations/sealing.py):
# "<id>:<32 bytes, URL-safe base64>", comma-separated; the first seals, all of them open. Empty: one key
# derived from SECRET_KEY. Never stored in the database; losing it loses what open cycles' respondents saved.
EVALUATIONS_SEAL_KEYS = env_list("EVALUATIONS_SEAL_KEYS", "")
# Organisation files (CSV, XLSX, OS2mo JSON) bigger than this are refused with a message.
ORGANISATION_UPLOAD_MAX_BYTES = int(os.environ.get("ORGANISATION_UPLOAD_MAX_BYTES", str(50 * 1024 * 1024)))
# Indicator files (CSV, XLSX, JSON) bigger than this are refused, on the upload page and by indicators_import.
INDICATORS_IMPORT_MAX_BYTES = int(os.environ.get("INDICATORS_IMPORT_MAX_BYTES", str(50 * 1024 * 1024)))
# An import that would end more than this share (in per cent) of its source's active units or posts (an
# empty or cut-off export) is applied only when the administrator confirms it explicitly.
ORGANISATION_IMPORT_MAX_ENDED_PERCENT = int(os.environ.get("ORGANISATION_IMPORT_MAX_ENDED_PERCENT", "20"))
# A running import whose progress has not moved for this many seconds is taken as interrupted (its worker
# was stopped); it changed nothing (one transaction) and may be applied again.
ORGANISATION_IMPORT_STALE_SECONDS = int(os.environ.get("ORGANISATION_IMPORT_STALE_SECONDS", "900"))
# How much of an organisation file is read: a file beyond a limit is refused (row, column and where)
# before the rest is read, so a small hostile file cannot hang an import. The unpacked size of an XLSX
# workbook is checked from its zip directory before it is opened.
ORGANISATION_IMPORT_MAX_ROWS = int(os.environ.get("ORGANISATION_IMPORT_MAX_ROWS", "100000"))
ORGANISATION_IMPORT_MAX_COLUMNS = int(os.environ.get("ORGANISATION_IMPORT_MAX_COLUMNS", "500"))
ORGANISATION_IMPORT_MAX_CELL_CHARS = int(os.environ.get("ORGANISATION_IMPORT_MAX_CELL_CHARS", "10000"))
ORGANISATION_IMPORT_MAX_UNPACKED_BYTES = int(
    os.environ.get("ORGANISATION_IMPORT_MAX_UNPACKED_BYTES", str(64 * 1024 * 1024))
)

# Background work (long imports) runs in a worker: `python manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A task worker beats every few seconds; /readyz wants one seen within this many seconds, and a worker silent
# for longer is taken as gone: its running tasks are queued again (or failed) by the next worker.
READINESS_WORKER_SECONDS = int(os.environ.get("READINESS_WORKER_SECONDS", "60"))
# A closed cycle's report PDFs are made in the background at close (a click then serves the kept one).
EVALUATIONS_REPORT_PDFS_AT_CLOSE = env_bool("EVALUATIONS_REPORT_PDFS_AT_CLOSE", True)

# How long a development dialogue (LUS) is kept after its last date (held, else scheduled): its data pack,
# ratings, agenda and notes are then erased by the daily command `development_erase_expired`. Say the same
# in the privacy notice the parties read (it shows this figure).
DEVELOPMENT_RETENTION_DAYS = int(os.environ.get("DEVELOPMENT_RETENTION_DAYS", str(5 * 365)))

# The administrator's insight into leader development (which sections leaders work on, "did it help?") shows
# a group of leaders only with at least this many in it (as the evaluations' employee groups), by the unit at
# this depth of the organisation above each leader's unit, and their level.
DEVELOPMENT_INSIGHT_THRESHOLD = env_threshold("DEVELOPMENT_INSIGHT_THRESHOLD", 5)
DEVELOPMENT_INSIGHT_UNIT_DEPTH = int(os.environ.get("DEVELOPMENT_INSIGHT_UNIT_DEPTH", "2"))

# Leader networks. The people (by username) who are leader consultants: they alone, besides the requester,
# read a confidential request for advice. A setting of the installation, not a role an administrator can
# give (an administrator must not be able to make themself a reader of those requests).
NETWORKS_CONSULTANTS = env_list("NETWORKS_CONSULTANTS", "")
# How long an offered place on a full event is held for the first on the waiting list before it passes on,
# and how many days before an event its participants are reminded by e-mail (daily `networks_reminders_send`).
NETWORKS_OFFER_HOURS = int(os.environ.get("NETWORKS_OFFER_HOURS", "48"))
NETWORKS_REMINDER_DAYS = int(os.environ.get("NETWORKS_REMINDER_DAYS", "2"))
# How long a request for confidential advice is kept after a consultant marked it handled: then the daily
# `networks_advice_erase_expired` deletes it and its thread.
NETWORKS_ADVICE_RETENTION_DAYS = int(os.environ.get("NETWORKS_ADVICE_RETENTION_DAYS", "365"))

# Uploaded framework files are parsed in memory; bigger ones are refused with a message.
FRAMEWORK_UPLOAD_MAX_BYTES = int(os.environ.get("FRAMEWORK_UPLOAD_MAX_BYTES", str(5 * 1024 * 1024)))

# The address people reach Grundlag at, for links in e-mails sent outside a request (invitations).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

# Login throttling (django-axes): a username is paused from one address after this many failures.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "grundlag.accounts.views.locked_out"
# Nothing personal in the logs (usernames and addresses are masked) and no second login history: the
# audit log records logins.
AXES_VERBOSE = False
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "user_agent"]
AXES_DISABLE_ACCESS_LOG = True
# Behind proxies the client's address is in X-Forwarded-For: say how many proxies are in front of
# Grundlag (each appends the address it was reached from). Unset, the header is never trusted.
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("AXES_IPWARE_PROXY_COUNT") or 0) or None
if AXES_IPWARE_PROXY_COUNT is not None and AXES_IPWARE_PROXY_COUNT < 0:
    raise ImproperlyConfigured("AXES_IPWARE_PROXY_COUNT counts the proxies in front of Grundlag: 0 or more.")
AXES_CLIENT_IP_CALLABLE = "grundlag.accounts.addresses.client_address"

# Password reset: at most this many e-mails to one address within the window (further requests send
# nothing, and the page answers as always). Only a keyed digest of the address is kept, for the window.
PASSWORD_RESET_EMAILS_PER_ADDRESS = int(os.environ.get("PASSWORD_RESET_EMAILS_PER_ADDRESS", "3"))
PASSWORD_RESET_EMAIL_WINDOW_MINUTES = int(os.environ.get("PASSWORD_RESET_EMAIL_WINDOW_MINUTES", "60"))
# Requests for reset links from one client address in the window, whatever addresses they ask for.
PASSWORD_RESET_REQUESTS_PER_CLIENT = int(os.environ.get("PASSWORD_RESET_REQUESTS_PER_CLIENT", "20"))

# Single sign-on with OpenID Connect (mozilla-django-oidc), only when a client id is configured.
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "") or None
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email profile")
OIDC_USE_PKCE = env_bool("OIDC_USE_PKCE", True)
# A claim holding the person's identifier (compared with Person.key); when set, the only thing matched.
OIDC_PERSON_ID_CLAIM = os.environ.get("OIDC_PERSON_ID_CLAIM", "")
# With an identifier claim: only people from this source (e.g. "hr", "os2mo") are matched.
OIDC_PERSON_SOURCE = os.environ.get("OIDC_PERSON_SOURCE", "")
# Without one: match by e-mail also when the provider does not say email_verified=true. Only for a
# provider whose users cannot change their own address (not Entra ID by default: the "nOAuth" attack).
OIDC_TRUST_EMAIL = env_bool("OIDC_TRUST_EMAIL", False)
# Where a refused single sign-on lands: the login page, which then says why.
LOGIN_REDIRECT_URL_FAILURE = "/login/?sso=refused"
if OIDC_ENABLED:
    INSTALLED_APPS.append("mozilla_django_oidc")
    AUTHENTICATION_BACKENDS.append("grundlag.accounts.oidc.PersonOIDCBackend")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Answer links, password-reset links and import handles are secrets in addresses: every handler
    # removes them before writing (grundlag/core/logging.py).
    "filters": {"redact_secrets": {"()": "grundlag.core.logging.RedactSecrets"}},
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact_secrets"]},
        # runserver's access log.
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["redact_secrets"],
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's default handlers for these write without the filter: replaced, not added to.
        "django": {"handlers": [], "propagate": True},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
        # WeasyPrint reports every rendering step at INFO, and at WARNING each character its fonts lack, one
        # by one and in order: the text of the document being printed. Only its errors are logged.
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "WARNING"},
    },
}
