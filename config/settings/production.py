"""Production: refuses to start without SECRET_KEY and ALLOWED_HOSTS, or on SQLite unless
ALLOW_SQLITE=1 says so; secure cookies and HTTPS."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("Set the SECRET_KEY environment variable.")
if not ALLOWED_HOSTS:  # noqa: F405
    raise ImproperlyConfigured(
        "Set the ALLOWED_HOSTS environment variable (comma-separated host names)."
    )
if not os.environ.get("BASE_URL"):
    raise ImproperlyConfigured(
        "Set the BASE_URL environment variable to the site's public address, e.g. "
        "https://kennis.example.nl: links in e-mails, feeds and pages are built on it."
    )

if DATABASE_IS_SQLITE and not env_bool("ALLOW_SQLITE"):  # noqa: F405
    raise ImproperlyConfigured(
        "Production settings need PostgreSQL: set DATABASE_URL. To run on SQLite anyway (a small "
        "site with one server), set ALLOW_SQLITE=1."
    )

DEBUG = False
PAGE_CACHE = env_bool("PAGE_CACHE", default=True)
if not REDIS_URL:  # noqa: F405
    # Without Redis the cache must still be one for all server processes on this machine: what
    # one process publishes (core/content_version.py) the others must see at once.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("CACHE_DIR", str(BASE_DIR / "var" / "cache")),  # noqa: F405
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# HSTS (docs/deployment.md, Security): browsers use only HTTPS for a year once they have seen the
# site over HTTPS. Off by default only when SECURE_SSL_REDIRECT is off (then set it yourself).
# includeSubDomains covers host names under the site's own (*.kennis.example.nl), not its
# siblings. Preload is opt-in: once the header offers it, anybody can submit the domain to the
# browsers' preload list, which takes months to leave; so its absence is no deploy warning.
SECURE_HSTS_SECONDS = int(
    os.environ.get("SECURE_HSTS_SECONDS", "31536000" if SECURE_SSL_REDIRECT else "0")
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD")
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
