"""The database search backend, with better ranking on SQLite.

`wagtail.search.backends.database` multiplies the whole BM25 score of a match by a title-length
factor, so a page with a very short title ("Over ons") outranks pages that are far more
relevant. On SQLite this backend ranks with FTS5's own per-column BM25 weights instead: a match
in the title counts `TITLE_WEIGHT` times a match in the body. PostgreSQL keeps Wagtail's ranking
(its A–D field weights work as intended).
"""

from django.db import connection

from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend
from modelsearch.backends.database.sqlite.query import BM25
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteFTSIndexEntry,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)

TITLE_WEIGHT = 10.0
BODY_WEIGHT = 1.0


class WeightedBM25(BM25):
    def as_sql(self, compiler, connection, function=None, template=None):
        # Columns of the FTS table, in order: autocomplete, body, title.
        table = SQLiteFTSIndexEntry._meta.db_table
        return f"bm25({table}, 0.0, {BODY_WEIGHT}, {TITLE_WEIGHT})", []


class WeightedSQLiteSearchQueryCompiler(SQLiteSearchQueryCompiler):
    def _build_rank_expression(self, vectors, config):
        return WeightedBM25()


class WeightedSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = WeightedSQLiteSearchQueryCompiler


def SearchBackend(params):  # noqa: N802 - Wagtail looks backends up by this name
    backend = DatabaseSearchBackend(params)
    if connection.vendor == "sqlite" and isinstance(backend, SQLiteSearchBackend):
        return WeightedSQLiteSearchBackend(params)
    return backend
