"""Search indexing in tests: on save, as in production, only where a test searches.

Indexing a page costs about as much as saving it (the Dutch analysis of every field, the text of
attached PDFs), and most tests never search. So the backends update the index on save only for
tests that search: every test in tests/search/ and every test marked `search_index`. Elsewhere
they leave the index alone (Wagtail's `AUTO_UPDATE` off), and a search fails the test with a
message saying what to do, so that no test can pass by searching an index that was left empty.
"""

import contextlib
from pathlib import Path

from django.conf import settings
from django.test import override_settings

from modelsearch.backends.base import BaseSearchBackend

import pytest

from search import bm25

MARKER = "search_index"
SEARCH_TESTS = Path(__file__).parent / "search"
_SEARCH = BaseSearchBackend.search
_AUTOCOMPLETE = BaseSearchBackend.autocomplete
_BM25 = bm25.rank, bm25.contains


def mark_search_tests(items):
    """Mark every test module in tests/search/ `search_index`."""
    for item in items:
        if SEARCH_TESTS in item.path.parents:
            item.getparent(pytest.Module).add_marker(MARKER)


def searches(node):
    """Whether the tests of this node (a test, class or module) search."""
    return node.get_closest_marker(MARKER) is not None


def _search_without_index(*args, **kwargs):
    pytest.fail(
        "this test searches, but pages are only indexed in tests/search/ and in tests marked "
        f"@pytest.mark.{MARKER}: mark it so (docs/development.md, 'Tests and CI')",
        pytrace=False,
    )


@contextlib.contextmanager
def indexing(on):
    """Pages indexed on save (`on`), or not indexed and searching refused."""
    backends = {
        name: {**params, "AUTO_UPDATE": on}
        for name, params in settings.WAGTAILSEARCH_BACKENDS.items()
    }
    with override_settings(WAGTAILSEARCH_BACKENDS=backends), pytest.MonkeyPatch.context() as patch:
        patch.setattr(BaseSearchBackend, "search", _SEARCH if on else _search_without_index)
        patch.setattr(
            BaseSearchBackend, "autocomplete", _AUTOCOMPLETE if on else _search_without_index
        )
        patch.setattr(bm25, "rank", _BM25[0] if on else _search_without_index)
        patch.setattr(bm25, "contains", _BM25[1] if on else _search_without_index)
        yield
