"""The database search backend, with better ranking, and pages indexed with their Dutch terms.

`wagtail.search.backends.database` multiplies the whole BM25 score of a match by a title-length
factor, so a page with a very short title ("Over ons") outranks pages that are far more
relevant. On SQLite this backend ranks with FTS5's own per-column BM25 weights instead: a match
in the title counts ten times a match in the body (see `sqlite_ranking`). On PostgreSQL the title
counts a fixed factor more and ranks are normalised by document length (see `postgres_ranking`).
"""

from django.db import connection

from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend


def SearchBackend(params):  # noqa: N802 - Wagtail looks backends up by this name
    backend = DatabaseSearchBackend(params)
    if connection.vendor == "sqlite":
        from .sqlite_ranking import WeightedSQLiteSearchBackend

        if isinstance(backend, WeightedSQLiteSearchBackend.__mro__[1]):
            return WeightedSQLiteSearchBackend(params)
    elif connection.vendor == "postgresql":
        from .postgres_ranking import WeightedPostgresSearchBackend

        return WeightedPostgresSearchBackend(params)
    return backend
