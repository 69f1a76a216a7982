"""Test settings: fast hashing, local-memory cache, plain static files, immediate tasks."""

import secrets
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-secret-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WAGTAILADMIN_BASE_URL = "http://testserver"
WARM_UP = False  # commands make their changes live at once; tests/test_warm_up.py switches it on
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="kennisplatform-test-media-"))

if ELASTICSEARCH_URL:  # noqa: F405
    # Indexes of this run only, so that runs can share a cluster; tests/search_clusters.py
    # removes what each test indexed and deletes them at the end.
    WAGTAILSEARCH_BACKENDS["default"]["INDEX_PREFIX"] = (  # noqa: F405
        f"kennisplatform_test_{secrets.token_hex(4)}_"
    )
