"""Run a search on the configured backend, or on the database index when the cluster is down.

After a failure the cluster is left alone for `PAUSE` seconds (remembered in the cache, so all
processes agree), so that visitors do not each wait for a time-out.
"""

import logging

from django.core.cache import cache
from django.db import connection

from wagtail.search.backends import get_search_backend

from .fields import uses_database_backend

logger = logging.getLogger(__name__)

PAUSE = 60
DOWN_KEY = "search:cluster-down"


def with_fallback(search):
    """`search(backend)` on the default backend, falling back to the "database" backend."""
    if uses_database_backend():
        return search(get_search_backend())
    if not cache.get(DOWN_KEY):
        try:
            return search(get_search_backend())
        except Exception:  # noqa: BLE001 - a cluster can fail in many ways; visitors get results
            logger.warning("Search cluster failed; using the database index", exc_info=True)
            cache.set(DOWN_KEY, True, PAUSE)
    return search(get_search_backend("database"))


def cluster_down() -> bool:
    """Whether searches are answered by the database index for now, the cluster being down."""
    return not uses_database_backend() and bool(cache.get(DOWN_KEY))


def scores_descend(backend):
    """False for SQLite's bm25(), where a lower score is a better match."""
    if connection.vendor != "sqlite":
        return True
    from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

    return not isinstance(backend, SQLiteSearchBackend)
