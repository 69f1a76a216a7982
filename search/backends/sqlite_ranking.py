"""SQLite full-text ranking with per-column BM25 weights, and pages indexed with their Dutch terms
(search/backends/dutch.py). Imported only on SQLite."""

from modelsearch.backends.database.sqlite import sqlite
from modelsearch.backends.database.sqlite.query import BM25
from modelsearch.backends.database.sqlite.sqlite import (
    ObjectIndexer,
    SQLiteFTSIndexEntry,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)

from .dutch import PageIndexer, let_backends_choose_indexer

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


class DutchSQLiteIndexer(PageIndexer, ObjectIndexer):
    pass


let_backends_choose_indexer(sqlite)


class WeightedSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = WeightedSQLiteSearchQueryCompiler
    indexer_class = DutchSQLiteIndexer
