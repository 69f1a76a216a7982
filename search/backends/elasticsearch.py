"""Elasticsearch 8/9 and OpenSearch 2/3, searched with the site's own Dutch analysis.

The Dutch analysis (stemming, compound parts, synonyms, stop words; search/analysis.py and
search/query.py) is done by the site, the same way for every backend: the pages' search fields
are sent with their text followed by its Dutch terms (the backend's `mapping_class`,
search/backends/dutch.py), and queries arrive as those terms. So a page is found by the same
words on SQLite, PostgreSQL and a cluster, and every improvement to the analysis reaches all of
them.

The cluster's part is to tokenise, fold and rank (BM25). Each index gets a `default` analyzer that
does only what the site's terms need to match the words of the text as stored:

    possessive 's removed → standard tokenizer → lowercase → asciifolding

A stemmer in the cluster would stem the site's stems a second time, and differently: Lucene's
Dutch stemmer keeps "krimpend" where the site's gives "krimp". Wagtail's edge-n-gram analyzer for
autocomplete is kept as it is.

A query of several words is scored word by word, as PostgreSQL's BM25 (search/bm25.py) and
SQLite's FTS5 score it: each word in the page's whole text, and a page's score is the sum of its
words' scores (`WordsInTheWholeText`). modelsearch scores the whole query in each field on its
own (the whole text; the title and intro, boosted) and keeps the best field, so a page with one
query word in its title and the other in its text was scored as if it had only one of them.
Matching each word in the boosted title and intro as well ranked a little better, but doubled
the cluster's time at 100,000 pages (docs/benchmarks.md); a one-word query still counts its
title and intro double. Each unit of the query (a word or phrase with its alternatives,
search/query.py) is a named clause, so that the cluster says which of them a page matched
(`best_scores`).

Set BACKEND to "search.backends.elasticsearch.<engine>" with engine one of ENGINES (the bare
module path means elasticsearch9). The client library's major version must match the engine name
(docs/search-elasticsearch.md).
"""

import functools
from copy import deepcopy
from importlib import import_module

from django.core.exceptions import ImproperlyConfigured

from modelsearch.utils import deep_update

from ..query import Units
from . import dutch

ENGINES = ("elasticsearch8", "elasticsearch9", "opensearch2", "opensearch3")

ANALYSIS = {
    # "regio's" → "regio", as search.analysis.normalise does.
    "char_filter": {
        "dutch_possessive": {
            "type": "pattern_replace",
            "pattern": "(?<=\\p{L})['\u2019]s\\b",
            "replacement": "",
        }
    },
    "analyzer": {
        "default": {
            "type": "custom",
            "char_filter": ["dutch_possessive"],
            "tokenizer": "standard",
            "filter": ["lowercase", "asciifolding"],
        }
    },
}


UNIT_NAME = "unit-"
ALL_TEXT = "_all_text"  # modelsearch's field with the text of every search field


class WordsInTheWholeText:
    """For a subclass of modelsearch's query compiler: a query of several words is compiled
    once, each word matched in the page's whole text (`_all_text`), and each of its units named
    `unit-<n>`. modelsearch compiles it once per field and keeps the best field."""

    def _join_and_compile_queries(self, query, fields, boost=1.0):
        if fields[0].field_name != ALL_TEXT:  # the caller named the fields to search
            return super()._join_and_compile_queries(query, fields, boost)
        return self._compile_query(query, fields[0], boost)

    def _compile_query(self, query, field, boost=1.0):
        if isinstance(query, Units):
            units = [
                {
                    "bool": {
                        "should": [self._compile_query(q, field, boost)],
                        "_name": UNIT_NAME + str(n),
                    }
                }
                for n, q in enumerate(query.subqueries)
            ]
            return {"bool": {"should": units}}
        return super()._compile_query(query, field, boost)


@functools.cache
def backend_class(engine):
    """The subclass of modelsearch's backend for `engine`, imported only when used (the
    OpenSearch backends need `opensearch-py`, the Elasticsearch ones `elasticsearch`)."""
    if engine not in ENGINES:
        raise ImproperlyConfigured(f"Unknown search engine {engine!r}; choose one of {ENGINES}")
    base = import_module(f"modelsearch.backends.{engine}").SearchBackend
    # Wagtail's defaults (its n-gram analyzers), then ours; the INDEX_SETTINGS option goes on
    # top of both when the backend is created.
    settings = deep_update(deepcopy(base.settings), {"settings": {"analysis": ANALYSIS}})
    mapping_class = staticmethod(dutch.mapping_class(base.mapping_class))
    compiler = base.query_compiler_class
    query_compiler_class = type(f"Dutch{compiler.__name__}", (WordsInTheWholeText, compiler), {})
    return type(
        f"Dutch{base.__name__}",
        (base,),
        {
            "settings": settings,
            "mapping_class": mapping_class,
            "query_compiler_class": query_compiler_class,
        },
    )


def elasticsearch8(params):
    return backend_class("elasticsearch8")(params)


def elasticsearch9(params):
    return backend_class("elasticsearch9")(params)


def opensearch2(params):
    return backend_class("opensearch2")(params)


def opensearch3(params):
    return backend_class("opensearch3")(params)


SearchBackend = elasticsearch9


class ClusterError(Exception):
    """The cluster answered one of several searches with an error."""


def best_scores(backend, searches, limit):
    """For each (query, pages) of `searches`: {pk: (score, units)} of the best `limit` of
    `pages` for `query`, as the cluster ranks them, with the number of the query's units each
    page matched (different units of one number, as in a query and its synonyms, count once).
    One request (`_msearch`) for all of them.

    modelsearch would also load every match from the database, as model instances, a hundred
    at a time through the scroll API: most of the time of a search on a large site. The search
    service needs only the ids and scores, and checks the ids against the database itself.
    The query itself is modelsearch's (`_get_es_body`). The ids are read from the `pk` field's
    doc values, not from its stored value: stored fields are kept compressed together with the
    document's source, and reading them for 500 hits took half the cluster's time of a search
    at 100,000 pages (docs/benchmarks.md).
    """
    lines = []
    for query, pages in searches:
        body = backend.search(query, pages)._get_es_body()
        lines += [
            {"index": backend.get_index_for_model(pages.model).name},
            {
                **body,
                "_source": False,
                "size": limit,
                "stored_fields": "_none_",
                "docvalue_fields": ["pk"],
            },
        ]
    responses = backend.es.msearch(body=lines)["responses"]
    if errors := [response["error"] for response in responses if "error" in response]:
        raise ClusterError(errors[0])
    return [
        {
            int(hit["fields"]["pk"][0]): (hit["_score"], _units_matched(hit))
            for hit in response["hits"]["hits"]
        }
        for response in responses
    ]


def _units_matched(hit):
    return len({name for name in hit.get("matched_queries", ()) if name.startswith(UNIT_NAME)})
