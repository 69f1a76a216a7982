"""PostgreSQL full-text ranking without the short-title bias (imported only on PostgreSQL).

Wagtail multiplies the title's rank by a title-length factor, so very short titles win whatever
matched. Here the title counts a fixed `TITLE_FACTOR` on top of its A weight, and `ts_rank`
divides by the document length (normalisation 1: 1 + log(length)), so long pages do not win just
by repeating words. This ranking serves modelsearch's own searches (the admin's); the site search
ranks with BM25 over the postings of the same index (search/bm25.py).

Pages are indexed with their Dutch terms (search/backends/dutch.py).
"""

from django.contrib.postgres.search import SearchRank, SearchVectorField
from django.db.models import F
from django.db.models.expressions import RawSQL

from modelsearch.backends.database.postgres import postgres
from modelsearch.backends.database.postgres.postgres import (
    ObjectIndexer,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.query import Not, Phrase, PlainText

from .dutch import PageIndexer, let_backends_choose_indexer

TITLE_FACTOR = 2.0
LENGTH_NORMALISATION = 1


class WeightedPostgresSearchQueryCompiler(PostgresSearchQueryCompiler):
    def get_index_vectors(self, search_query):
        return [
            (F("index_entries__title"), TITLE_FACTOR),
            (F("index_entries__body"), 1.0),
        ]

    def build_tsrank(self, vector, query, config=None, boost=1.0):
        if isinstance(query, (Phrase, PlainText, Not)):
            rank = SearchRank(
                vector,
                self.build_tsquery(query, config=config),
                weights=self.sql_weights,
                normalization=LENGTH_NORMALISATION,
            )
            return rank * boost if boost != 1.0 else rank
        return super().build_tsrank(vector, query, config=config, boost=boost)


class DutchPostgresIndexer(PageIndexer, ObjectIndexer):
    def as_vector(self, texts, for_autocomplete=False):
        """The same search vector as modelsearch's (each text weighted, then joined), written
        as SQL directly: composing it from Django expressions took as long as everything
        else in indexing a page."""
        config = self.autocomplete_config if for_autocomplete else self.config
        texts = [(text.strip(), weight) for text, weight in texts]
        texts = [(text, weight) for text, weight in texts if text]
        if not texts or not config:
            return super().as_vector(texts, for_autocomplete)
        sql = " || ".join(["setweight(to_tsvector(%s::regconfig, %s), %s)"] * len(texts))
        params = [value for text, weight in texts for value in (config, text, weight)]
        # The SQL is fixed text: the texts, weights and configuration are parameters.
        return RawSQL(sql, params, output_field=SearchVectorField())  # noqa: S611


let_backends_choose_indexer(postgres)


class WeightedPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = WeightedPostgresSearchQueryCompiler
    indexer_class = DutchPostgresIndexer
