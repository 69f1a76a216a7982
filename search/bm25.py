"""BM25 ranking on PostgreSQL, from the postings that migration 0004 keeps beside the index.

PostgreSQL's `ts_rank` knows nothing of how rare a word is, does not saturate a word repeated
many times and barely normalises for length; and every match has to be read from its (large,
compressed) `tsvector` before the best can be kept. `search_posting` holds, per word and page,
how often the word occurs in the title and in the rest of the page, and the page's length, in
an index that is read in word order: a query reads only the postings of its own words, scores
them with BM25 (a title occurrence counts `TITLE_WEIGHT` times) and keeps the best.

Per word, the `WORD_CANDIDATES` postings that weigh most are read (those the visitor's filters
allow, when there are filters); the pages they score are then checked, best first, against the
pages the visitor may see, until `limit` pass. Pages a visitor may not see (drafts, private
pages) could crowd others out of a word's best postings: when fewer than `limit` pass, the
postings are read again with each one's page checked.

A query (a tree of `PlainText`, `And`, `Or` and `Boost` from search/query.py) is scored per page
in SQL: a word scores its BM25 weight; `And` the sum of its parts when all of them occur; `Or`
the sum of the alternatives that occur (as SQLite's FTS5 and a cluster's `bool` query score
them); `Units` (the query's words) the sum of its parts multiplied by the share of them a page
contains (all words rank above some). `Phrase` counts as its words together (postings have no
positions).
"""

import math
from collections.abc import Sequence

from django.core.cache import cache
from django.db import connection

from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend
from wagtail.search.query import And, Boost, Or, Phrase, PlainText, SearchQuery

from core import content_version

from .query import Units

K1 = 1.2  # how quickly repeating a word stops adding to its score
B = 0.75  # how much a long page is marked down
TITLE_WEIGHT = 3.0
CONFIG = "dutch"
# A word's best pages read per query (postings in order of `impact`, see migration 0004): the
# best results of a one-word query are exact; a page further down every word's list scores 0.
WORD_CANDIDATES = 2000  # at least service.MAX_CANDIDATES
STATISTICS_SECONDS = 60 * 60
CORPUS_KEY = "search:bm25:corpus"
ZERO = "0::float8"
# Per word: its lexeme (as PostgreSQL's Dutch analysis indexes it) and the number of pages
# using it; and on every row the number of pages and their average length.
STATISTICS_SQL = """
    WITH config (name) AS (SELECT %s::regconfig),
    words (word, lexeme) AS (
        SELECT v.word, (SELECT lexeme FROM config, unnest(to_tsvector(config.name, v.word)) LIMIT 1)
        FROM (VALUES {values}) AS v (word)
    ),
    corpus AS (
        SELECT greatest(count(*), 1) AS documents, greatest(avg(length), 1) AS average
        FROM search_document
    )
    SELECT words.word, words.lexeme,
        (SELECT count(*) FROM search_posting p WHERE p.lexeme = words.lexeme),
        corpus.documents, corpus.average
    FROM words CROSS JOIN corpus
"""


def serves(backend) -> bool:
    """Whether BM25 ranks for `backend`: modelsearch's PostgreSQL backend."""
    return isinstance(backend, PostgresSearchBackend)


def _expression(query, words):
    """SQL scoring `query` from the per-word scores s0, s1, … of a page; `words` numbers the
    query's distinct words ({word: n}) as it goes."""
    if isinstance(query, Boost):
        return f"({_number(query.boost)} * {_expression(query.subquery, words)})"
    if isinstance(query, (PlainText, Phrase)):
        text = query.query_string
        parts = [f"s{words.setdefault(word, len(words))}" for word in text.split()]
        return _all(parts) if len(parts) != 1 else parts[0]
    if isinstance(query, And):
        return _all([_expression(sub, words) for sub in query.subqueries])
    if isinstance(query, Units):
        parts = [_expression(sub, words) for sub in query.subqueries]
        matched = " + ".join(f"({part} > 0)::integer" for part in parts)
        return f"(({' + '.join(parts)}) * ({matched}) / {_number(len(parts))})"
    if isinstance(query, Or):
        return f"({' + '.join(_expression(sub, words) for sub in query.subqueries)})"
    return ZERO  # Not, MatchAll: never produced by search/query.py


def _all(parts):
    if not parts:
        return ZERO
    return f"(CASE WHEN least({', '.join(parts)}) > 0 THEN {' + '.join(parts)} ELSE {ZERO} END)"


def _number(value):
    return f"{float(value)!r}::float8"


def rank(
    pages,
    weighted_queries: Sequence[tuple[SearchQuery, float]],
    limit: int,
    within=None,
):
    """(page id, score, content type id) of the best `limit` of `pages` for the queries, each
    query's score multiplied by its weight and added up; best first. `pages` are selected by
    the page table's own columns; `within`: a subquery of page ids that the visitor's filters
    leave (None: no such filter)."""
    words = {}
    scoring = [
        f"{_number(weight)} * {_expression(query, words)}"
        for query, weight in weighted_queries
        if query is not None
    ]
    if not scoring or not words:
        return []
    average, known = _statistics(list(words))
    if not known:
        return []
    # Words with one lexeme ("bestuur", "besturen") read their postings once.
    numbers = {}
    for word, (lexeme, idf) in known.items():
        numbers.setdefault((lexeme, idf), []).append(words[word])
    values = ", ".join("(%s::integer[], %s, %s)" for _ in numbers)
    word_params = [item for (lexeme, idf), ns in numbers.items() for item in (ns, lexeme, idf)]
    per_word = ",\n".join(
        f"coalesce(sum(bm25) FILTER (WHERE {number} = ANY(ns)), {ZERO}) AS s{number}"
        for number in range(len(words))
    )
    page_condition, page_params = _page_conditions(pages)
    posting_condition, posting_params = "true", []
    if within is not None:
        # The filtered ids are found once and looked up in a hash per posting (inside an OR: a
        # bare `IN (subquery)` becomes a join that reads every posting of the word).
        ids, posting_params = within.query.sql_with_params()
        posting_condition = f"(p.page_id IN ({ids}) OR false)"
    parts = (average, values, word_params, per_word, " + ".join(scoring), limit)
    # First each word's best postings, and only the best pages checked against `pages`: most
    # indexed pages are ones a visitor may see. When fewer than `limit` pass and some did not,
    # pages that were not seen may have been crowded out; then every posting is checked.
    page_check = (page_condition, page_params)
    scored, rows = _ranked(*parts, page_check, (posting_condition, posting_params))
    if len(rows) < min(limit, scored):
        checked = (
            f"{posting_condition} AND {_eligible(page_condition)}",
            [*posting_params, *page_params],
        )
        _, rows = _ranked(*parts, page_check, checked)
    return rows


def _eligible(page_condition):
    """The condition that a posting's page is one of the pages, looked up by its key. `OFFSET
    0` keeps PostgreSQL from turning the lookup into a join that reads every posting of the word
    (or every page) before it sorts them."""
    return (
        "EXISTS (SELECT FROM wagtailcore_page"
        f" WHERE wagtailcore_page.id = p.page_id AND {page_condition} OFFSET 0)"
    )


def _ranked(average, values, word_params, per_word, score, limit, pages, postings):
    """(the number of pages scored, [(page id, score, content type id) of the best `limit`
    that pass `pages`]), reading the postings that pass `postings` (each an SQL condition and
    its parameters)."""
    page_condition, page_params = pages
    posting_condition, posting_params = postings
    sql = f"""
        WITH postings AS (
            SELECT best.page_id, w.ns,
                w.idf * best.tf * {_number(K1 + 1)} / (best.tf + {_number(K1)}
                    * ({_number(1 - B)} + {_number(B)} * best.doc_length / %s)) AS bm25
            FROM (VALUES {values}) AS w (ns, lexeme, idf)
            CROSS JOIN LATERAL (
                SELECT p.page_id, p.doc_length,
                    {_number(TITLE_WEIGHT)} * p.title_tf + p.body_tf AS tf
                FROM search_posting p
                WHERE p.lexeme = w.lexeme AND {posting_condition}
                ORDER BY p.impact DESC
                LIMIT %s
            ) best
        ),
        scores AS (
            SELECT page_id, {per_word} FROM postings GROUP BY page_id
        ),
        ranked AS MATERIALIZED (  -- the score is computed once per page
            SELECT page_id, {score} AS score FROM scores
        )
        SELECT (SELECT count(*) FROM ranked WHERE score > 0),
            array_agg(page_id ORDER BY score DESC, page_id DESC),
            array_agg(score ORDER BY score DESC, page_id DESC),
            array_agg(content_type_id ORDER BY score DESC, page_id DESC)
        FROM (
            SELECT scored.page_id, scored.score, page.content_type_id
            FROM (  -- in order, so that pages are checked only until enough pass
                SELECT * FROM ranked WHERE score > 0 ORDER BY score DESC, page_id DESC
            ) scored
            CROSS JOIN LATERAL (
                SELECT content_type_id FROM wagtailcore_page
                WHERE wagtailcore_page.id = scored.page_id AND {page_condition} OFFSET 0
            ) page
            ORDER BY scored.score DESC, scored.page_id DESC
            LIMIT %s
        ) found
    """  # noqa: S608 - the SQL is built from numbers; the words and pages are parameters
    params = [average, *word_params, *posting_params, WORD_CANDIDATES, *page_params, limit]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        scored, ids, scores, content_types = cursor.fetchone()
    return scored, list(zip(ids or [], scores or [], content_types or [], strict=True))


def _page_conditions(pages):
    """The WHERE clause of `pages`, a query of the page table alone, and its parameters."""
    query = pages.values_list("pk").query
    compiler = query.get_compiler(connection=connection)
    compiler.setup_query()
    if len([alias for alias, count in query.alias_refcount.items() if count]) != 1:
        raise ValueError("BM25 ranks pages that are selected by the page table's columns only")
    return compiler.compile(query.where)


def _statistics(words):
    """(the pages' average length, {word: (lexeme, idf)} of the words the index knows).

    Counting a common word's pages reads all its postings, so the counts are remembered for
    `STATISTICS_SECONDS`: they change slowly, and a count an hour old ranks as well. That a
    word is unknown is remembered only until the next change, which may bring it.
    """
    version = content_version.current()
    keys = {word: f"search:bm25:word:{word}" for word in words}
    cached = cache.get_many([CORPUS_KEY, *keys.values()])
    missing = [
        word
        for word, key in keys.items()
        if key not in cached or (not cached[key][0] and cached[key][1] != version)
    ]
    if missing or CORPUS_KEY not in cached:
        values = ", ".join("(%s)" for _ in missing) or "(NULL)"
        with connection.cursor() as cursor:
            cursor.execute(STATISTICS_SQL.format(values=values), [CONFIG, *missing])
            rows = cursor.fetchall()
        found = {
            keys[word]: (lexeme, count) if count else ("", version)
            for word, lexeme, count, *_ in rows
            if word
        }
        found[CORPUS_KEY] = (float(rows[0][3]), float(rows[0][4]))
        cache.set_many(found, STATISTICS_SECONDS)
        cached.update(found)
    documents, average = cached[CORPUS_KEY]
    known = {}
    for word, key in keys.items():
        lexeme, count = cached[key]
        if lexeme:
            known[word] = (lexeme, math.log(1 + (documents - count + 0.5) / (count + 0.5)))
    return average, known


def contains(pages, word: str) -> bool:
    """Whether one of `pages` contains `word` (as the index holds it)."""
    eligible, eligible_params = pages.order_by().values_list("pk").query.sql_with_params()
    sql = f"""
        SELECT 1 FROM search_posting p
        WHERE p.lexeme = (SELECT lexeme FROM unnest(to_tsvector(%s::regconfig, %s)) LIMIT 1)
            AND p.page_id IN ({eligible})
        LIMIT 1
    """  # noqa: S608 - the pages' SQL is Django's, with its parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, [CONFIG, word, *eligible_params])
        return cursor.fetchone() is not None
