"""Elasticsearch / OpenSearch backends (search/backends/elasticsearch.py), without a cluster.

These tests check what would be sent (index settings, mappings, query bodies), the settings, and
that visitors still get results from the database index when the cluster is unreachable. The
behaviour against a real node is in test_cluster.py, and every search test runs on a node in CI
(docs/development.md).
"""

import logging
import runpy
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from django.urls import reverse

from modelsearch.backends import import_backend

import pytest

from publications.models import NewsItemPage
from search import analysis
from search import query as query_analysis
from search.backends import elasticsearch
from search.lexicon import general_frequencies
from search.service import searchable_pages
from search.vocabulary import Vocabulary
from tests import factories

CLOSED_PORT = "http://127.0.0.1:9"
WORDS = {"tekort": 8, "leraren": 5, "lerarentekort": 2, "zonder": 50, "wet": 9, "2024": 7}


def body(text):
    return [("paragraph", f"<p>{text}</p>")]


def make_backend(engine="elasticsearch9", **params):
    return elasticsearch.backend_class(engine)({"URLS": [CLOSED_PORT], **params})


def analysis_of(settings_body):
    return settings_body["settings"]["analysis"]


# --- Index settings -------------------------------------------------------------------------


def test_index_analysis_only_folds_what_the_site_analysed():
    analysis = analysis_of(make_backend().settings)

    default = analysis["analyzer"]["default"]
    assert default["tokenizer"] == "standard"
    assert default["char_filter"] == ["dutch_possessive"]
    # No stemmer, stop words or synonyms: the site's fields and queries carry the Dutch terms.
    assert default["filter"] == ["lowercase", "asciifolding"]
    assert "default_search" not in analysis["analyzer"]
    # Wagtail's autocomplete analyzers are still there.
    assert analysis["analyzer"]["edgengram_analyzer"]["filter"][-1] == "edgengram"
    assert "edgengram" in analysis["filter"]


def test_index_settings_option_still_overrides():
    override = {
        "settings": {
            "index": {"number_of_replicas": 0},
            "analysis": {"analyzer": {"default": {"filter": ["lowercase"]}}},
        }
    }
    settings_body = make_backend(INDEX_SETTINGS=override).settings
    assert settings_body["settings"]["index"] == {"max_ngram_diff": 12, "number_of_replicas": 0}
    default = analysis_of(settings_body)["analyzer"]["default"]
    assert default["filter"] == ["lowercase"]
    assert default["char_filter"] == ["dutch_possessive"]
    # The class's settings are untouched by one backend's option.
    assert analysis_of(make_backend().settings)["analyzer"]["default"]["filter"] == [
        "lowercase", "asciifolding",
    ]  # fmt: skip


def sent_settings(create):
    """The settings passed to `indices.create`, whatever the client's calling convention."""
    args, kwargs = create.call_args
    if "settings" in kwargs:  # Elasticsearch 8/9
        return kwargs["settings"]
    return (kwargs.get("body") or args[1])["settings"]  # OpenSearch 3 / 2


@pytest.mark.parametrize("engine", elasticsearch.ENGINES)
def test_creating_an_index_sends_the_analysis(engine):
    backend = make_backend(engine, INDEX_PREFIX="test_")
    backend.es = mock.MagicMock()
    index = backend.get_index_for_model(NewsItemPage)
    assert index.name == "test_wagtailcore_page"

    index.put()
    analysis = sent_settings(backend.es.indices.create)["analysis"]
    assert analysis["analyzer"]["default"]["filter"] == ["lowercase", "asciifolding"]


# --- Mapping and queries --------------------------------------------------------------------


def test_news_item_mapping_uses_the_index_default_analyzer():
    properties = make_backend().mapping_class(NewsItemPage).get_mapping()["properties"]

    # Text fields name no analyzer, so the index's Dutch default / default_search apply.
    for name in ["title", "publications_newsitempage__intro", "publications_newsitempage__body"]:
        assert properties[name]["type"] == "text"
        assert "analyzer" not in properties[name]
    assert properties["title"]["copy_to"] == ["_all_text", "_all_text_boost_2_0"]
    assert properties["publications_newsitempage__body"]["copy_to"] == "_all_text"
    themes = properties["publications_newsitempage__themes"]
    assert themes["type"] == "nested"
    assert themes["properties"]["title"] == {"type": "text", "copy_to": "_all_text"}
    assert properties["publications_newsitempage__publication_date_filter"] == {"type": "date"}
    assert properties["live_filter"] == {"type": "boolean"}

    # Autocomplete keeps Wagtail's edge n-grams.
    for name in ["_edgengrams", "title_edgengrams"]:
        assert properties[name]["analyzer"] == "edgengram_analyzer"
        assert properties[name]["search_analyzer"] == "standard"


def match(word):
    """A match for the word's stem, in the text of every search field: queries are sent in the
    terms search/fields.py indexes."""
    return {"match": {"_all_text": {"query": analysis.stem(word), "operator": "and"}}}


def every(*queries):
    return {"bool": {"must": list(queries)}}


def one_of(*queries):
    return {"bool": {"should": list(queries)}}


def compound(word, *parts):
    return one_of(match(word), every(*map(match, parts)))


def widened_compound(word, *parts):
    return one_of(match(word), *map(match, parts))


def query_body(text, synonyms=(), widened=False):
    """The Elasticsearch query for a visitor's query, as typed or widened (nothing is sent)."""
    vocabulary = Vocabulary(
        {word: n for word, n in WORDS.items() if word.isalpha()}, general_frequencies()
    )
    analysed = query_analysis.analyse(text, vocabulary, synonyms)
    query = analysed.backend_query(widened=widened)
    results = make_backend().search(query, searchable_pages(None))
    query = results.query_compiler.get_query()
    assert query["bool"]["filter"]  # page type, live, ...
    return query["bool"]["must"]


def test_query_for_a_compound_also_asks_for_its_parts_together(db):
    assert query_body("lerarentekort") == compound("lerarentekort", "leraren", "tekort")


def test_widened_query_for_a_compound_asks_for_each_part_on_its_own(db):
    assert query_body("lerarentekort", widened=True) == widened_compound(
        "lerarentekort", "leraren", "tekort"
    )


def test_widened_query_for_a_synonym_asks_for_every_phrase(db):
    groups = [["MR", "medezeggenschapsraad", "raad van ouders"]]
    assert "medezeggenschap" not in repr(query_body("mr", groups))  # as typed
    assert query_body("mr", groups, widened=True) == one_of(
        match("mr"),
        widened_compound("medezeggenschapsraad", "medezeggenschap", "raad"),
        every(match("raad"), match("ouders")),  # "van" is a stop word
    )


def named(name, query):
    return {"bool": {"should": [query], "_name": name}}


def test_query_of_several_words_asks_for_any_of_them(db):
    # Stop words are dropped, the other words stemmed by the site, as for the database index;
    # each word's clause is named, for the share of the words a page has.
    assert query_body("De scholen en het Leerlingenvervoer") == one_of(
        named("unit-0", match("scholen")),
        named("unit-1", compound("leerlingenvervoer", "leerlingen", "vervoer")),
    )


# --- Settings -------------------------------------------------------------------------------


def load_base_settings(monkeypatch, **environ):
    for name in ["ELASTICSEARCH_BACKEND", "DATABASE_URL"]:
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    path = Path(settings.BASE_DIR) / "config" / "settings" / "base.py"
    return runpy.run_path(str(path))


@pytest.mark.parametrize(
    ("value", "engine"),
    [
        (None, "elasticsearch9"),
        ("", "elasticsearch9"),
        ("opensearch3", "opensearch3"),
        ("wagtail.search.backends.elasticsearch8", "elasticsearch8"),  # the old, dotted form
    ],
)
def test_settings_choose_the_engine_and_add_a_database_alias(monkeypatch, value, engine):
    environ = {"ELASTICSEARCH_URL": "http://es1:9200,http://es2:9200"}
    if value is not None:
        environ["ELASTICSEARCH_BACKEND"] = value
    namespace = load_base_settings(monkeypatch, **environ)
    backends = namespace["WAGTAILSEARCH_BACKENDS"]

    assert namespace["ELASTICSEARCH_ENGINES"] == elasticsearch.ENGINES
    assert backends["default"]["BACKEND"] == f"search.backends.elasticsearch.{engine}"
    assert backends["default"]["URLS"] == ["http://es1:9200", "http://es2:9200"]
    assert backends["database"] == {"BACKEND": "search.backends.database"}
    assert import_backend(backends["default"]["BACKEND"]) is getattr(elasticsearch, engine)


def test_database_alias_searches_dutch_on_postgresql(monkeypatch):
    namespace = load_base_settings(
        monkeypatch, ELASTICSEARCH_URL="http://es:9200", DATABASE_URL="postgres://kp@db:5432/kp"
    )
    assert namespace["WAGTAILSEARCH_BACKENDS"]["database"] == {
        "BACKEND": "search.backends.database",
        "SEARCH_CONFIG": "dutch",
    }


def test_settings_reject_an_unknown_engine(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="ELASTICSEARCH_BACKEND"):
        load_base_settings(
            monkeypatch, ELASTICSEARCH_URL="http://es:9200", ELASTICSEARCH_BACKEND="solr"
        )


def test_unknown_engine_is_refused():
    with pytest.raises(ImproperlyConfigured):
        elasticsearch.backend_class("elasticsearch7")


# --- Fallback when the cluster is unreachable -----------------------------------------------


def search_backends(default):
    """The default backend replaced, plus the "database" alias the fallback uses (the run's
    database backend, also when this run searches on a cluster)."""
    backends = settings.WAGTAILSEARCH_BACKENDS
    return {"default": default, "database": dict(backends.get("database", backends["default"]))}


@pytest.fixture
def cluster_down(indexes):
    unreachable = {"BACKEND": "search.backends.elasticsearch.elasticsearch9", "URLS": [CLOSED_PORT]}
    with override_settings(WAGTAILSEARCH_BACKENDS=search_backends(unreachable)):
        yield indexes


@pytest.mark.search_failure_expected
def test_search_falls_back_to_the_database_when_the_cluster_is_down(client, cluster_down, caplog):
    # Created after the override, so saving indexes it in the database alias (and fails, logged
    # but not raised, for the cluster).
    factories.NewsItemPageFactory(
        parent=cluster_down["news"], title="Het lerarentekort in Groningen",
        intro="Scholen zoeken leraren.", body=body("Een tekort aan leraren in het noorden."),
    )  # fmt: skip
    caplog.clear()

    with caplog.at_level(logging.WARNING, logger="search.fallback"):
        page = client.get(reverse("search:search"), {"q": "lerarentekort"})
        api = client.get(reverse("search:api"), {"q": "leraren"})
        suggestions = client.get(reverse("search:suggestions"), {"q": "lerarent"})

    assert page.status_code == 200
    assert "Het lerarentekort in Groningen" in page.content.decode()
    assert api.status_code == 200
    assert [r["title"] for r in api.json()["results"]] == ["Het lerarentekort in Groningen"]
    assert suggestions.status_code == 200
    assert [s["title"] for s in suggestions.json()["suggestions"]] == [
        "Het lerarentekort in Groningen"
    ]
    warnings = [r for r in caplog.records if r.name == "search.fallback"]
    # The cluster is tried once, then left alone for a while: one warning for three searches.
    assert len(warnings) == 1 and warnings[0].levelno == logging.WARNING
    assert "using the database index" in warnings[0].getMessage()
