"""Settings shared by every deployment.

Every value that differs per deployment is read from an environment variable here, once, with a
default that suits the embedded setup (SQLite, database search, local-memory cache, console mail).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
CSRF_FAILURE_VIEW = "core.views.csrf_failure"

INSTALLED_APPS = [
    "core",
    "home",
    "themes",
    "taxonomy",
    "publications",
    "agenda",
    "importer",
    "search",
    "newsletter",
    "feeds",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail_modeladmin",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.security_headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.middleware.RejectNulBytesMiddleware",
    "core.page_cache.PageCacheMiddleware",
    "core.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "core.sites.KnownSiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "core.password_reset.PasswordResetLimitMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "site" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: DATABASE_URL (postgres://user:pass@host:5432/name), else SQLite in the checkout.
# PostgreSQL connections are kept for DATABASE_CONN_MAX_AGE seconds and checked before each
# request reuses them, so that after a database restart the site recovers by itself.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DATABASE_IS_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
DATABASE_IS_SQLITE = DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
if DATABASE_IS_POSTGRES:
    INSTALLED_APPS.append("django.contrib.postgres")
    # No JIT compilation: it pays off for long reports, not for a site's queries; the search's
    # ranking query (search/bm25.py) spent more time compiling than running.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
if DATABASE_IS_SQLITE:
    # Concurrent requests on one file: readers never wait for the writer (WAL), a writer waits
    # up to 20 s for another (busy timeout) and takes its lock when its transaction starts, so
    # that two transactions never deadlock upgrading a read lock (IMMEDIATE).
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: REDIS_URL (redis://host:6379/0), else local memory. A Redis that is down or hangs makes
# the site slower, never broken (core/cache.py): each call gives up after CACHE_TIMEOUT seconds.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHE_TIMEOUT = float(os.environ.get("CACHE_TIMEOUT", "0.25"))
    CACHES = {
        "default": {
            "BACKEND": "core.cache.FailOpenRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "kennisplatform"),
            "OPTIONS": {"socket_connect_timeout": CACHE_TIMEOUT, "socket_timeout": CACHE_TIMEOUT},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Whole pages for anonymous visitors (core/page_cache.py): on in production unless PAGE_CACHE=off.
PAGE_CACHE = env_bool("PAGE_CACHE", default=False)

# A web process renders the home page and the main navigation's pages for a change before the
# change goes live (core/warm_up.py), unless WARM_UP=off.
WARM_UP = env_bool("WARM_UP", default=True)

# A front cache (Varnish, deploy/varnish/) that is emptied whenever visitors may see a change
# (core/front_cache.py): FRONTEND_CACHE_URL is where it takes PURGE requests.
FRONTEND_CACHE_URL = os.environ.get("FRONTEND_CACHE_URL", "")
if FRONTEND_CACHE_URL:
    WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "core.front_cache.VarnishBackend", "LOCATION": FRONTEND_CACHE_URL}
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
WAGTAIL_USER_TIME_ZONES = ["Europe/Amsterdam"]
WAGTAIL_DATE_FORMAT = "%d-%m-%Y"
WAGTAIL_DATETIME_FORMAT = "%d-%m-%Y %H:%M"

# Static files are served by whitenoise; media on disk unless MEDIA_S3_BUCKET is set.
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "site" / "static"]
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_S3_BUCKET = os.environ.get("MEDIA_S3_BUCKET", "")
if MEDIA_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "core.storage.MediaStorage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": os.environ.get("MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("MEDIA_S3_REGION") or None,
            "custom_domain": os.environ.get("MEDIA_S3_CUSTOM_DOMAIN") or None,
            "querystring_auth": False,
            "file_overwrite": False,
            "document_url_expire": int(os.environ.get("MEDIA_S3_DOCUMENT_URL_EXPIRE", "300")),
        },
    }

# Documents are only downloaded through Wagtail's serve view (/documenten/<id>/<name>), which
# checks the collection's view restrictions first. From S3 it then redirects to a signed URL that
# soon expires (core/storage.py); from disk it sends the file itself, or has nginx or Apache send
# it (DOCUMENTS_SENDFILE, core/sendfile/). The web server must not serve MEDIA_ROOT/documents/.
WAGTAILDOCS_SERVE_METHOD = "redirect" if MEDIA_S3_BUCKET else "serve_view"
DOCUMENTS_SENDFILE_BACKENDS = {"nginx": "core.sendfile.nginx", "apache": "core.sendfile.apache"}
DOCUMENTS_SENDFILE = os.environ.get("DOCUMENTS_SENDFILE", "").strip().lower()
if DOCUMENTS_SENDFILE:
    if DOCUMENTS_SENDFILE not in DOCUMENTS_SENDFILE_BACKENDS:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            f"Unknown DOCUMENTS_SENDFILE {DOCUMENTS_SENDFILE!r}: "
            "use nginx, apache or leave it empty"
        )
    SENDFILE_BACKEND = DOCUMENTS_SENDFILE_BACKENDS[DOCUMENTS_SENDFILE]
DOCUMENTS_NGINX_LOCATION = os.environ.get("DOCUMENTS_NGINX_LOCATION", "/protected-media/")

# E-mail: EMAIL_HOST set means SMTP, else printed to the console.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=EMAIL_PORT == 587)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", default=EMAIL_PORT == 465)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Seconds: a mail server that stops answering must not hang send_newsletter.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Kennisplatform <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = os.environ.get("SITE_NAME", "Kennisplatform")
# The site's public address (core/addresses.py): links in e-mails, feeds, canonical and og:url
# tags, the sitemap. Without BASE_URL: this machine on PORT (`make run PORT=8301` passes it).
WAGTAILADMIN_BASE_URL = (
    os.environ.get("BASE_URL") or f"http://127.0.0.1:{os.environ.get('PORT') or '8000'}"
).rstrip("/")
# Take the address from each request instead (development, where the port varies).
BASE_URL_FROM_REQUEST = False
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "odt", "xlsx", "pptx", "csv", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 25 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILMODERATION_MODE = "workflows"
WAGTAIL_WORKFLOW_ENABLED = True
TAGGIT_CASE_INSENSITIVE = True
# No avatars from gravatar.com: each admin page would tell an outside service who is working.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor does the dashboard ask releases.wagtail.org for new versions (the Content-Security-Policy
# would refuse it anyway): upgrades come through requirements.txt.
WAGTAIL_ENABLE_UPDATE_CHECK = False

# The Dutch analysis steps of search (search/analysis.py), and the bonus for query words that
# stand close together (search/proximity.py); bench/search_relevance switches them off one at a
# time to measure what each contributes.
SEARCH_DUTCH_FEATURES = frozenset(
    {
        "stemming",
        "lemmas",
        "verbal nouns",
        "compounds",
        "synonyms",
        "typos",
        "proximity",
        "separable verbs",
    }
)

# Search: the database backend (SQLite FTS5 here, PostgreSQL with the Dutch configuration in
# production), or Elasticsearch / OpenSearch when ELASTICSEARCH_URL is set.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
if ELASTICSEARCH_URL:
    # Elasticsearch 8/9 or OpenSearch 2/3 with Dutch analysis (search/backends/elasticsearch.py);
    # the installed client's major version must match the cluster's. The older dotted form
    # ("wagtail.search.backends.elasticsearch9") is still accepted.
    ELASTICSEARCH_ENGINES = ("elasticsearch8", "elasticsearch9", "opensearch2", "opensearch3")
    ELASTICSEARCH_BACKEND = os.environ.get("ELASTICSEARCH_BACKEND") or "elasticsearch9"
    ELASTICSEARCH_BACKEND = ELASTICSEARCH_BACKEND.strip().rsplit(".", 1)[-1]
    if ELASTICSEARCH_BACKEND not in ELASTICSEARCH_ENGINES:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(f"Unknown ELASTICSEARCH_BACKEND {ELASTICSEARCH_BACKEND!r}")
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": f"search.backends.elasticsearch.{ELASTICSEARCH_BACKEND}",
            "URLS": env_list("ELASTICSEARCH_URL"),
            "INDEX_PREFIX": os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "kennisplatform_"),
            "TIMEOUT": int(os.environ.get("ELASTICSEARCH_TIMEOUT", "5")),
        },
        # Updated on every save as well, so that search/service.py can still answer from the
        # database when the cluster is unreachable (a visitor gets results, not an error page).
        "database": {"BACKEND": "search.backends.database"},
    }
    if DATABASE_IS_POSTGRES:
        WAGTAILSEARCH_BACKENDS["database"]["SEARCH_CONFIG"] = "dutch"
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}
    if DATABASE_IS_POSTGRES:
        WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "dutch"

# Newsletter (docs/newsletter.md). NUM_PROXIES: how many reverse proxies put the visitor's address
# in X-Forwarded-For (0: use the connection's address); the sign-up rate limit, the admin login
# lockout and the password reset limit count per address (core/ratelimit.py).
NUM_PROXIES = int(os.environ.get("NUM_PROXIES", "0"))
NEWSLETTER_FROM_EMAIL = os.environ.get("NEWSLETTER_FROM_EMAIL", DEFAULT_FROM_EMAIL)
NEWSLETTER_DIGEST_INTERVAL_DAYS = float(os.environ.get("NEWSLETTER_DIGEST_INTERVAL_DAYS", "7"))
NEWSLETTER_SIGNUP_LIMITS = {"per_ip": (10, 3600), "per_email": (3, 3600)}  # (attempts, seconds)

# Admin login (docs/deployment.md, Security): django-axes locks a user name for one visitor
# address (NUM_PROXIES decides which address, as for the sign-up limit) after
# LOGIN_FAILURE_LIMIT wrong passwords in a row, for LOGIN_COOLOFF_MINUTES; a success resets the
# count. Attempts are kept in the database, so a cache outage cannot open or close the door.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=float(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "core.ratelimit.client_ip"
AXES_LOCKOUT_CALLABLE = "core.views.login_locked_out"
AXES_DISABLE_ACCESS_LOG = True  # no record of every successful login: failures are enough
PASSWORD_RESET_LIMITS = {"per_ip": (5, 3600), "per_email": (3, 3600)}  # (attempts, seconds)

# Content-Security-Policy (core/security_headers.py). The public site runs only its own scripts
# and styles, nothing inline; images come from the site and the media storage (added by the
# middleware); frames only from the embed players in CSP_FRAME_SRC (wagtail.embeds).
CSP_FRAME_SRC = env_list(
    "CSP_FRAME_SRC",
    "https://www.youtube.com,https://www.youtube-nocookie.com,https://player.vimeo.com",
)
CSP_IMG_SRC = env_list("CSP_IMG_SRC")
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "img-src": ["'self'", *CSP_IMG_SRC],
    "frame-src": CSP_FRAME_SRC or ["'none'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
# The Wagtail admin and its previews: Wagtail 8's form widgets start themselves with inline
# <script> tags that take no nonce (date, image and document choosers, inline panels), its
# scripts set inline styles, the newsletter's e-mail preview is inline-styled HTML, and the
# preview panel frames the site's own pages. Images may also be blob: (the thumbnails of images
# being uploaded) and data: (in Wagtail's CSS). Scripts still come from the site only.
CONTENT_SECURITY_POLICY_ADMIN = {
    **CONTENT_SECURITY_POLICY,
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", *CSP_IMG_SRC],
    "frame-src": ["'self'", *CSP_FRAME_SRC],
    "frame-ancestors": ["'self'"],
}
# Browser features no page uses, switched off for the pages and anything they embed.
PERMISSIONS_POLICY_OFF = [
    "accelerometer",
    "browsing-topics",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "hid",
    "interest-cohort",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "serial",
    "usb",
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        # Failed logins and lockouts are warnings; successful logins are not logged.
        "axes": {"level": "WARNING"},
        # The cluster clients log every request at INFO; opensearch-py also every expected 404
        # (an index that update_index replaces) at WARNING. Failures are logged by the callers.
        "elastic_transport": {"level": "WARNING"},
        "opensearch": {"level": "ERROR"},
        "opensearchpy.trace": {"level": "WARNING"},
    },
}
