"""Search on a real Elasticsearch or OpenSearch node (`ELASTICSEARCH_URL`; `make services` starts
one, CI runs these against it). On database search they are skipped: the other search tests
cover that, and run on the node as well.
"""

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from modelsearch.index import get_indexed_models
from modelsearch.management.commands.rebuild_modelsearch_index import group_models_by_index
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

import pytest

from search.fallback import DOWN_KEY
from tests import factories

from .tcp_proxy import TcpProxy


@pytest.fixture(autouse=True)
def cluster(search_cluster):
    if search_cluster is None:
        pytest.skip("needs a search cluster: set ELASTICSEARCH_URL (make services) to run these")
    return search_cluster


def body(text):
    return [("paragraph", f"<p>{text}</p>")]


def api(client, **params):
    response = client.get(reverse("search:api"), params)
    assert response.status_code == 200
    return response.json()


def titles(data):
    return [result["title"] for result in data["results"]]


def page_index(backend):
    return backend.get_index_for_model(Page)


def index_models(backend, index):
    """The models whose objects go into `index` (each page counts under its own type only)."""
    groups = group_models_by_index(backend, get_indexed_models()).items()
    return next(models for grouped, models in groups if grouped.name == index.name)


@pytest.fixture
def news(indexes, theme):
    return factories.NewsItemPageFactory(
        parent=indexes["news"], title="Leerlingendaling in Zeeuws-Vlaanderen",
        intro="Besturen bundelen hun scholen.", themes=[theme],
        body=body("De regio's zoeken samen naar oplossingen voor krimpende scholen."),
    )  # fmt: skip


def test_update_index_creates_the_index_with_the_analysis_and_fills_it(cluster, news):
    backend = cluster.backend
    index = page_index(backend)
    call_command("update_index", backend_name="default", verbosity=0)
    index_settings = next(iter(backend.es.indices.get_settings(index=index.name).values()))
    analyzer = index_settings["settings"]["index"]["analysis"]["analyzer"]["default"]
    assert analyzer["filter"] == ["lowercase", "asciifolding"]

    tokens = backend.es.indices.analyze(
        index=index.name, body={"analyzer": "default", "text": "Coördinatie in de regio's"}
    )["tokens"]
    assert [token["token"] for token in tokens] == ["coordinatie", "in", "de", "regio"]

    indexed = sum(model.get_indexed_objects().count() for model in index_models(backend, index))
    assert indexed > 1
    assert backend.es.count(index=index.name)["count"] == indexed
    assert backend.es.exists(index=index.name, id=str(news.pk))


def test_an_emptied_index_is_filled_again_by_update_index(client, cluster, news):
    call_command("update_index", backend_name="default", schema_only=True, verbosity=0)
    assert api(client, q="Zeeuws-Vlaanderen")["total"] == 0

    call_command("update_index", backend_name="default", verbosity=0)
    assert titles(api(client, q="Zeeuws-Vlaanderen")) == [news.title]


def test_dutch_words_facets_snippets_and_suggestions_come_from_the_cluster(client, news, theme):
    data = api(client, q="krimp")  # stemming: "krimpende"
    assert news.title in titles(data)
    assert api(client, q="daling leerlingen")["results"][0]["title"] == news.title  # compound
    assert news.title in titles(api(client, q="regio"))  # possessive

    snippet = api(client, q="oplossingen")["results"][0]["snippet"]
    assert "<mark>oplossingen</mark>" in snippet

    facets = api(client, q="leerlingendaling")["facets"]
    assert {"value": "krimp", "label": "Krimp", "count": 1} in facets["thema"]

    suggestions = client.get(reverse("search:suggestions"), {"q": "leerlingend"}).json()
    assert [s["title"] for s in suggestions["suggestions"]] == [news.title]


def test_promoted_page_comes_first(client, indexes, news):
    other = factories.NewsItemPageFactory(
        parent=indexes["news"], title="Scholen in de stad", intro="Groei in Utrecht."
    )
    SearchPromotion.objects.create(query=Query.get("scholen"), page=other, sort_order=0)
    data = api(client, q="scholen")
    assert titles(data)[0] == other.title
    assert data["results"][0]["promoted"] is True
    assert news.title in titles(data)


def test_unpublish_and_delete_reach_the_index(client, cluster, news):
    index = page_index(cluster.backend)
    assert titles(api(client, q="Zeeuws-Vlaanderen")) == [news.title]

    news.unpublish()
    assert api(client, q="Zeeuws-Vlaanderen")["total"] == 0
    stored = cluster.backend.es.get(index=index.name, id=str(news.pk))["_source"]
    assert stored["live_filter"] is False

    news.delete()
    assert not cluster.backend.es.exists(index=index.name, id=str(news.pk))


@pytest.fixture
def proxy(cluster):
    """The node behind a proxy that the test can stop, configured as the site's cluster."""
    node = urlsplit(settings.WAGTAILSEARCH_BACKENDS["default"]["URLS"][0])
    proxy = TcpProxy(node.hostname, node.port or 9200)
    proxy.start()
    backends = {
        "default": {**settings.WAGTAILSEARCH_BACKENDS["default"], "URLS": [proxy.url]},
        "database": settings.WAGTAILSEARCH_BACKENDS["database"],
    }
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        yield proxy
    proxy.stop()


@pytest.mark.search_failure_expected
def test_search_falls_back_to_the_database_when_the_node_stops_mid_run(
    client, indexes, proxy, caplog
):
    news = factories.NewsItemPageFactory(
        parent=indexes["news"], title="Lerarentekort in Drenthe", intro="Scholen zoeken leraren."
    )
    caplog.set_level(logging.WARNING, logger="search.fallback")
    before = proxy.requests
    assert titles(api(client, q="lerarentekort")) == [news.title]
    assert proxy.requests > before  # the node answered, through the proxy
    assert not caplog.records

    proxy.stop()
    # Saving while the node is down still saves, and updates the database index.
    later = factories.NewsItemPageFactory(
        parent=indexes["news"], title="Lerarentekort in Twente", intro="Ook hier."
    )
    assert set(titles(api(client, q="lerarentekort"))) == {news.title, later.title}
    suggestions = client.get(reverse("search:suggestions"), {"q": "lerarent"}).json()
    assert len(suggestions["suggestions"]) == 2
    fallbacks = [r for r in caplog.records if r.name == "search.fallback"]
    assert len(fallbacks) == 1  # tried once, then left alone for the pause
    assert "using the database index" in fallbacks[0].getMessage()

    # After the pause the node is asked again; it missed the page saved while it was down
    # until `update_index` runs.
    proxy.start()
    cache.delete(DOWN_KEY)
    caplog.clear()
    assert titles(api(client, q="lerarentekort")) == [news.title]
    call_command("update_index", backend_name="default", verbosity=0)
    assert set(titles(api(client, q="lerarentekort"))) == {news.title, later.title}
    assert not [r for r in caplog.records if r.name == "search.fallback"]
    assert get_search_backend().hosts[0]["port"] == proxy.port


def test_a_page_with_all_the_words_ranks_above_one_repeating_the_rare_word(client, indexes):
    news = indexes["news"]
    for number in range(6):  # "bestuur" is common on this site, "zonnepanelen" is not
        factories.NewsItemPageFactory(
            parent=news, title=f"Bericht {number}", body=body("Het bestuur vergaderde.")
        )
    factories.NewsItemPageFactory(
        parent=news, title="Op het dak", body=body("Zonnepanelen, zonnepanelen en zonnepanelen.")
    )
    factories.NewsItemPageFactory(
        parent=news, title="Een besluit", body=body("Het bestuur koos voor zonnepanelen.")
    )

    assert titles(api(client, q="bestuur zonnepanelen"))[0] == "Een besluit"
