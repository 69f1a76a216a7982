"""The test settings plus a content type that exists only in tests (tests/videos), to check that
listings, search, feeds, the importer, theme pages and digests pick up a new type from its class
alone. Used by tests/test_new_content_type.py, in a process of its own."""

from .test import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.videos"]  # noqa: F405
