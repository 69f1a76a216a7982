"""Local development: DEBUG on, any host on the loopback address, console e-mail."""

import contextlib
import os

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", default=True)
SECRET_KEY = SECRET_KEY or "dev-only-secret-key-not-for-production"  # noqa: F405, S105
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]  # noqa: F405
# Absolute URLs (e-mails aside) use the address the browser asked for (core/addresses.py).
BASE_URL_FROM_REQUEST = env_bool("BASE_URL_FROM_REQUEST", default=True)
# DEBUG_ERROR_PAGES=designed: the site's own error pages instead of Django's debug pages
# (core/error_pages.py; /__error/404/ and the like show them either way).
if DEBUG and os.environ.get("DEBUG_ERROR_PAGES") == "designed":
    MIDDLEWARE.insert(  # noqa: F405
        MIDDLEWARE.index("core.middleware.DatabaseUnavailableMiddleware"),  # noqa: F405
        "core.error_pages.DesignedErrorPagesMiddleware",
    )
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}

with contextlib.suppress(ImportError):
    from .local import *  # noqa: F403
