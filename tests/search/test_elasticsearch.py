"""Elasticsearch / OpenSearch with Dutch analysis (search/backends/elasticsearch.py).

Without a cluster these tests check what is sent (index settings, mappings, query bodies) and
that visitors still get results from the database index when the cluster is unreachable. Set
ELASTICSEARCH_TEST_URL (and ELASTICSEARCH_BACKEND when it is not elasticsearch9) to also run an
end-to-end test against a real cluster; see docs/search-elasticsearch.md.
"""

import importlib.util
import logging
import os
import runpy
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils.crypto import get_random_string

from modelsearch.backends import import_backend
from wagtail.search.backends import get_search_backend

import pytest

from publications.models import NewsItemPage
from search import query as query_analysis
from search.backends import elasticsearch
from search.fields import DutchSearchField
from search.lexicon import general_frequencies
from search.models import SearchTerm, SynonymGroup
from search.service import searchable_pages
from search.vocabulary import Vocabulary
from tests import factories

CLOSED_PORT = "http://127.0.0.1:9"
TEST_CLUSTER = os.environ.get("ELASTICSEARCH_TEST_URL", "")
TEST_ENGINE = os.environ.get("ELASTICSEARCH_BACKEND", "elasticsearch9").rsplit(".", 1)[-1]
ENGINES = [
    engine
    if engine.startswith("elasticsearch")
    else pytest.param(
        engine,
        marks=pytest.mark.skipif(
            importlib.util.find_spec("opensearchpy") is None,
            reason="the OpenSearch backends need opensearch-py, which is not installed",
        ),
    )
    for engine in elasticsearch.ENGINES
]
WORDS = {"tekort": 8, "leraren": 5, "lerarentekort": 2, "zonder": 50, "wet": 9, "2024": 7}
SYNONYMS = [
    "MR, Medezeggenschapsraad",
    "Lerarentekort, tekort aan leraren, personeelstekort",
    "Coördinatie, coordinatie",  # one word once normalised: no rule
]


def body(text):
    return [("paragraph", f"<p>{text}</p>")]


@pytest.fixture
def site_data(db):
    """The editors' synonyms and the site vocabulary, replacing the defaults of the migrations."""
    SynonymGroup.objects.all().delete()
    for terms in SYNONYMS:
        SynonymGroup.objects.create(terms=terms)  # save() also clears the cached synonyms
    SearchTerm.objects.all().delete()
    SearchTerm.objects.bulk_create(SearchTerm(term=t, frequency=n) for t, n in WORDS.items())


def make_backend(engine="elasticsearch9", **params):
    return elasticsearch.backend_class(engine)({"URLS": [CLOSED_PORT], **params})


def analysis_of(settings_body):
    return settings_body["settings"]["analysis"]


# --- Index settings -------------------------------------------------------------------------


def test_index_settings_have_the_dutch_chain(site_data):
    analysis = analysis_of(make_backend().index_settings())

    index, search = analysis["analyzer"]["default"], analysis["analyzer"]["default_search"]
    assert index["tokenizer"] == search["tokenizer"] == "standard"
    assert index["char_filter"] == search["char_filter"] == ["dutch_possessive"]
    assert index["filter"] == [
        "lowercase", "asciifolding", "dutch_stop", "dutch_compounds", "dutch_stemmer",
    ]  # fmt: skip
    assert search["filter"] == [
        "lowercase", "asciifolding", "dutch_stop", "dutch_stemmer", "dutch_synonyms",
    ]  # fmt: skip

    filters = analysis["filter"]
    assert filters["dutch_stemmer"] == {"type": "stemmer", "language": "dutch"}
    assert {"de", "het", "een", "zonder"} <= set(filters["dutch_stop"]["stopwords"])
    assert filters["dutch_compounds"] == {
        "type": "dictionary_decompounder",
        "word_list": ["leraren", "lerarentekort", "tekort"],  # no stop words, short words, digits
        "min_word_size": 7,
        "min_subword_size": 4,
    }
    synonyms = filters["dutch_synonyms"]
    assert synonyms["type"] == "synonym_graph"
    assert sorted(synonyms["synonyms"]) == [
        "lerarentekort, tekort leraren, personeelstekort",
        "mr, medezeggenschapsraad",
    ]

    # Wagtail's autocomplete analyzers are still there.
    assert analysis["analyzer"]["edgengram_analyzer"]["filter"][-1] == "edgengram"
    assert "edgengram" in analysis["filter"]


def test_word_list_is_capped_at_the_most_used_words(site_data):
    assert elasticsearch.compound_words(limit=2) == ["leraren", "tekort"]


def test_without_synonyms_or_vocabulary_those_filters_are_left_out(db):
    SynonymGroup.objects.all().delete()
    SearchTerm.objects.all().delete()
    analysis = analysis_of(make_backend().index_settings())
    assert "dutch_synonyms" not in analysis["filter"]
    assert "dutch_compounds" not in analysis["filter"]
    assert "dutch_compounds" not in analysis["analyzer"]["default"]["filter"]


def test_index_settings_option_still_overrides(site_data):
    override = {
        "settings": {
            "index": {"number_of_replicas": 0},
            "analysis": {"filter": {"dutch_stemmer": {"language": "dutch_kp"}}},
        }
    }
    settings_body = make_backend(INDEX_SETTINGS=override).index_settings()
    assert settings_body["settings"]["index"] == {"max_ngram_diff": 12, "number_of_replicas": 0}
    assert analysis_of(settings_body)["filter"]["dutch_stemmer"]["language"] == "dutch_kp"
    assert "dutch_synonyms" in analysis_of(settings_body)["filter"]


def sent_settings(create):
    """The settings passed to `indices.create`, whatever the client's calling convention."""
    args, kwargs = create.call_args
    if "settings" in kwargs:  # Elasticsearch 8/9
        return kwargs["settings"]
    return (kwargs.get("body") or args[1])["settings"]  # OpenSearch 3 / 2


@pytest.mark.parametrize("engine", ENGINES)
def test_creating_an_index_uses_the_current_synonyms(site_data, engine):
    backend = make_backend(engine, INDEX_PREFIX="test_")
    backend.es = mock.MagicMock()
    index = backend.get_index_for_model(NewsItemPage)
    assert index.name == "test_wagtailcore_page"

    index.put()
    rules = sent_settings(backend.es.indices.create)["analysis"]["filter"]["dutch_synonyms"]
    assert "vo, voortgezet onderwijs" not in rules["synonyms"]

    SynonymGroup.objects.create(terms="VO, voortgezet onderwijs")
    index.put()
    rules = sent_settings(backend.es.indices.create)["analysis"]["filter"]["dutch_synonyms"]
    assert "vo, voortgezet onderwijs" in rules["synonyms"]


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
    return {"match": {"_all_text": {"query": word, "operator": "and"}}}


def every(*queries):
    return {"bool": {"must": list(queries)}}


def one_of(*queries):
    return {"bool": {"should": list(queries)}}


def compound(word, *parts):
    return one_of(match(word), every(*map(match, parts)))


def query_body(text, synonyms=()):
    """The Elasticsearch query for a visitor's query, on the all-text field (nothing is sent)."""
    vocabulary = Vocabulary(
        {word: n for word, n in WORDS.items() if word.isalpha()}, general_frequencies()
    )
    analysed = query_analysis.analyse(text, vocabulary, synonyms)
    results = make_backend().search(analysed.backend_query(stemmed=False), searchable_pages(None))
    query = results.query_compiler.get_query()
    assert query["bool"]["filter"]  # page type, live, ...
    per_field = query["bool"]["must"]["dis_max"]["queries"]  # _all_text and the boosted copy
    assert len(per_field) == 2
    return per_field[0]


def test_query_for_a_compound_also_asks_for_its_parts_together(db):
    assert query_body("lerarentekort") == compound("lerarentekort", "leraren", "tekort")


def test_query_for_a_synonym_asks_for_every_phrase(db):
    groups = [["MR", "medezeggenschapsraad", "raad van ouders"]]
    assert query_body("mr", groups) == one_of(
        match("mr"),
        compound("medezeggenschapsraad", "medezeggenschap", "raad"),
        every(match("raad"), match("ouders")),  # "van" is a stop word
    )


def test_query_of_several_words_asks_for_any_of_them_unstemmed(db):
    # Stop words are dropped; the cluster stems the words itself, so they are sent unstemmed.
    assert query_body("De scholen en het Leerlingenvervoer") == one_of(
        match("scholen"), compound("leerlingenvervoer", "leerlingen", "vervoer")
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


@pytest.fixture
def plain_search_fields(monkeypatch):
    """Index the pages' own text, as in production with a cluster: search/fields.py adds Dutch
    terms to the fields only when the default backend is a database (as it was at test start)."""
    monkeypatch.setattr(DutchSearchField, "get_value", DutchSearchField.raw_text)


def search_backends(default):
    """The default backend replaced, plus the "database" alias the fallback uses."""
    return {"default": default, "database": dict(settings.WAGTAILSEARCH_BACKENDS["default"])}


@pytest.fixture
def cluster_down(indexes, plain_search_fields):
    unreachable = {"BACKEND": "search.backends.elasticsearch.elasticsearch9", "URLS": [CLOSED_PORT]}
    with override_settings(WAGTAILSEARCH_BACKENDS=search_backends(unreachable)):
        yield indexes


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


# --- Against a real cluster (optional) ------------------------------------------------------


@pytest.mark.skipif(
    not TEST_CLUSTER,
    reason="no cluster: set ELASTICSEARCH_TEST_URL=http://127.0.0.1:9200 to run this test",
)
def test_dutch_search_on_a_real_cluster(client, indexes, plain_search_fields, caplog):
    prefix = f"kennisplatform_test_{get_random_string(8).lower()}_"
    cluster = {
        "BACKEND": f"search.backends.elasticsearch.{TEST_ENGINE}",
        "URLS": [TEST_CLUSTER],
        "INDEX_PREFIX": prefix,
    }
    news = indexes["news"]
    with override_settings(WAGTAILSEARCH_BACKENDS=search_backends(cluster)):
        backend = get_search_backend()
        try:
            SynonymGroup.objects.all().delete()
            SynonymGroup.objects.create(terms="mr, medezeggenschapsraad")
            pages = {
                "compound": factories.NewsItemPageFactory(
                    parent=news, title="Lerarentekort in Groningen",
                    intro="Het lerarentekort raakt kleine scholen.", body=body("Zorgen."),
                ),
                "parts": factories.NewsItemPageFactory(
                    parent=news, title="Leraren gezocht",
                    intro="Er is een tekort aan leraren.", body=body("Vacatures."),
                ),
                "council": factories.NewsItemPageFactory(
                    parent=news, title="Vergaderingen van de medezeggenschapsraad",
                    intro="Vier keer per jaar, in de regio's.", body=body("Coördinatie."),
                ),
            }  # fmt: skip
            # Rebuilds the vocabulary, then creates the index with it and the synonyms.
            call_command("update_index", backend_name="default", verbosity=0)

            def found(text):
                return {page.pk for page in backend.search(text, NewsItemPage)}

            assert pages["compound"].pk in found("tekort")  # compound split at index time
            assert pages["council"].pk in found("vergadering")  # stemming
            assert pages["council"].pk in found("mr")  # synonym at search time
            assert pages["council"].pk in found("regio")  # possessive 's
            assert pages["council"].pk in found("coordinatie")  # accents
            assert found("de") == set()  # stop word

            caplog.clear()
            data = client.get(reverse("search:api"), {"q": "tekort"}).json()
            titles = {result["title"] for result in data["results"]}
            assert {"Lerarentekort in Groningen", "Leraren gezocht"} <= titles
            assert not [r for r in caplog.records if r.name == "search.service"]  # no fallback
        finally:
            for name in backend.es.indices.get(index=f"{prefix}*"):
                backend.es.indices.delete(index=name)
