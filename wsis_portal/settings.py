"""Settings of the WSIS Forum Portal.

Everything comes from the environment (django-environ). Without any variable set, the portal runs on
embedded defaults: SQLite, Celery eager, e-mail printed to the console, media on local disk.
``PORTAL_ENV=production`` switches on the production mode, which passes ``manage.py check --deploy``.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env")

PORTAL_ENV = env("PORTAL_ENV", default="development")
PRODUCTION = PORTAL_ENV == "production"
DEBUG = env.bool("DEBUG", default=not PRODUCTION)

if PRODUCTION:
    SECRET_KEY = env("SECRET_KEY")
else:
    SECRET_KEY = env("SECRET_KEY", default="development-only-key-never-used-in-production-wsis-portal")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it must come before it.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django_countries",
    "allauth",
    "allauth.account",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "wsis_portal.stakeholders",
    "wsis_portal.editions",
    "wsis_portal.lifecycle",
    "wsis_portal.mail",
    "wsis_portal.dashboard",
    "wsis_portal.letters",
    "wsis_portal.reminders",
    "wsis_portal.demo",
    "stocktaking",
    "consultations",
    "forum_events",
    "prizes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wsis_portal.security.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wsis_portal.languages.LanguageCookieMiddleware",
    "wsis_portal.timezones.ReaderTimezoneMiddleware",
]

if PRODUCTION or env.bool("WHITENOISE", default=False):
    # gunicorn serves the collected static files itself; runserver's staticfiles app does it in development.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "wsis_portal.urls"
WSGI_APPLICATION = "wsis_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wsis_portal.languages.language_switcher",
            ],
        },
    },
]
FORM_RENDERER = "wsis_portal.forms.PortalFormRenderer"

# The embedded SQLite database and media live in var/, created on first use.
(BASE_DIR / "var").mkdir(exist_ok=True)
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'portal.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60 if PRODUCTION else 0)
# A persistent connection that a database restart cut is replaced before use, not failed on once.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    # Pages go on from the database while Redis (also the broker) is down: see wsis_portal/cache.py.
    CACHES = {
        "default": {
            "BACKEND": "wsis_portal.cache.ForgivingRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "stakeholders.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard:participation"

# django-allauth: e-mail only, verified before the first sign-in, rate limits on (the defaults).
ACCOUNT_ADAPTER = "wsis_portal.stakeholders.adapters.PortalAccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_FORMS = {"login": "wsis_portal.stakeholders.forms.PortalLoginForm"}
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
# Confirming the address signs the new user in, but only in the browser session that signed up (or tried to
# sign in) with it: a link opened anywhere else confirms the address and asks to sign in (allauth's rule).
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_UNIQUE_EMAIL = True
# Whether an address has an account is never told: signing up with it answers as a new sign-up and mails
# its owner, and a password reset for an unknown address answers as for a known one and mails that address
# that it has no account (the rate limits bound how many such mails one client can have sent).
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = True
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[WSIS] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("ALLAUTH_TRUSTED_PROXY_COUNT", default=0)

# Languages. Adding another UN language (fr, es, ru, zh) is this setting plus `makemigrations`: the
# translated content fields (django-modeltranslation) follow LANGUAGES.
UN_LANGUAGES = {
    "ar": "العربية",
    "en": "English",
    "fr": "Français",
    "es": "Español",
    "ru": "Русский",
    "zh-hans": "中文",
}
# Not from the environment: the translated columns in the migrations must match this list.
PORTAL_LANGUAGES = ["ar", "en"]
LANGUAGES = [(code, UN_LANGUAGES[code]) for code in PORTAL_LANGUAGES]
LANGUAGE_CODE = "en"
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "wsis_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
USE_I18N = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = tuple(PORTAL_LANGUAGES)
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en", "ar")


def _label_in_language(verbose_name, code):
    """A translated field's label names its language in the reader's language ("title [Arabic]"), not its
    code."""
    from django.utils.translation import get_language_info

    return f"{verbose_name} [{get_language_info(code)['name_translated']}]"


MODELTRANSLATION_BUILD_LOCALIZED_VERBOSE_NAME = _label_in_language

# Instants are stored in UTC; deadlines are defined and shown in Geneva time.
USE_TZ = True
TIME_ZONE = "Europe/Zurich"
TIMEZONE_COOKIE_NAME = "wsis_tz"
# Dates, times and numbers as each language writes them, on the pages and in the admin (wsis_portal/formats/).
FORMAT_MODULE_PATH = ["wsis_portal.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
# Files that name people or carry secret links (personalised letters): never under MEDIA_URL, served only
# by views that check who asks.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "var" / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Every message goes through the outbox (wsis_portal.mail); the outbox hands it to this backend.
EMAIL_BACKEND = "wsis_portal.mail.backends.OutboxBackend"
_delivery = env.email_url("EMAIL_URL", default="consolemail://")
OUTBOX_DELIVERY_BACKEND = _delivery["EMAIL_BACKEND"]
for _key in (
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_HOST_USER",
    "EMAIL_HOST_PASSWORD",
    "EMAIL_USE_TLS",
    "EMAIL_USE_SSL",
    "EMAIL_FILE_PATH",
):
    if _key in _delivery:
        globals()[_key] = _delivery[_key]
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="WSIS Forum Portal <wsis-info@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
SECRETARIAT_EMAIL = env("SECRETARIAT_EMAIL", default="wsis-secretariat@example.org")
UPLOAD_MAX_BYTES = 5 * 1024 * 1024
# A DOCX is a ZIP: what its members may inflate to (wsis_portal.uploads.archives). Word and openpyxl files
# inflate 3 to 30 times; a ZIP bomb of zeros about 1,000 times.
UPLOAD_ZIP_MAX_MEMBERS = 1000
UPLOAD_ZIP_MAX_MEMBER_BYTES = 50 * 1024 * 1024
UPLOAD_ZIP_MAX_TOTAL_BYTES = 100 * 1024 * 1024
UPLOAD_ZIP_MAX_RATIO = 100
OUTBOX_MAX_ATTEMPTS = 5
OUTBOX_STALE_AFTER = timedelta(minutes=10)
# Arabic letters may write dates and page numbers in Eastern Arabic digits (٠١٢…), as some offices prefer.
LETTERS_EASTERN_DIGITS = env.bool("LETTERS_EASTERN_DIGITS", default=False)
# Days after an edition's Forum week after which its ministers' and speakers' personal data is removed
# (forum_events.retention).
PERSONAL_DATA_RETENTION_DAYS = env.int("PERSONAL_DATA_RETENTION_DAYS", default=180)

# Celery: eager unless a broker is configured; JSON only; a task is acknowledged after it ran.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_TASK_DEFAULT_QUEUE", default="wsis")
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A broker that accepts connections but never answers must not hang a request that queues a task: the
# publish fails within seconds and the work waits for its periodic requeue (robust on_commit callbacks).
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 3, "socket_timeout": 5}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "forum-purge-personal-data": {
        "task": "forum_events.tasks.purge_personal_data",
        "schedule": timedelta(days=1),
    },
    "outbox-requeue-stale": {
        "task": "wsis_portal.mail.tasks.requeue_stale_mail",
        "schedule": timedelta(minutes=5),
    },
    "reminders-sweep": {
        "task": "wsis_portal.reminders.tasks.sweep_reminders",
        "schedule": timedelta(minutes=5),
    },
    "letters-requeue-stale-pdfs": {
        "task": "wsis_portal.letters.tasks.requeue_stale_pdfs",
        "schedule": timedelta(minutes=5),
    },
    "prizes-requeue-stale-certificates": {
        "task": "prizes.tasks.requeue_stale_certificates",
        "schedule": timedelta(minutes=5),
    },
}

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "wsis_portal.api.handle_exception",
    # The API has no sign-in (open data), so every client is anonymous and one rate per address is all
    # there is. Counted in the default cache: Redis, shared by every process, or locmem without it.
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": env("API_RATE", default="600/minute")},
    # The client's address as allauth finds it: a forged X-Forwarded-For must not earn a fresh count.
    "NUM_PROXIES": ALLAUTH_TRUSTED_PROXY_COUNT,
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "WSIS Forum Portal API",
    "DESCRIPTION": "Read-only open data: published WSIS stocktaking entries, the sessions of published WSIS "
    "Forum agendas and the WSIS reference data.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "wsis_portal.api.document_errors",
    ],
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # WeasyPrint logs every step of every PDF at INFO.
    "loggers": {"django.db.backends": {"level": "INFO"}, "weasyprint.progress": {"level": "WARNING"}},
}

SITE_NAME = _("WSIS Forum Portal")
# The public address of the portal: every absolute link it writes (mails, account mails included, letters,
# iCal files, exports, the API, certificates) is built on it by wsis_portal.links. HTTPS and not loopback in
# production (a deployment check).
PORTAL_URL = env("PORTAL_URL", default="http://127.0.0.1:8000")
