"""The facets of a search count the results of every type, each page once per value."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.content_types import classified_page_models
from search.service import run_search
from taxonomy.models import Region, Sector
from tests import factories


def search(client, **params):
    with CaptureQueriesContext(connection) as captured:
        data = client.get("/zoeken/api/", params).json()
    counts = {
        name: {facet["value"]: facet["count"] for facet in values}
        for name, values in data["facets"].items()
    }
    return counts, len(captured)


def test_facets_count_pages_of_every_type(client, indexes, theme):
    groningen, limburg = Region.objects.get(slug="groningen"), Region.objects.get(slug="limburg")
    po, vo = Sector.objects.get(slug="po"), Sector.objects.get(slug="vo")
    other_theme = factories.ThemePageFactory(parent=indexes["themes"], title="Huisvesting")
    factories.NewsItemPageFactory(
        parent=indexes["news"], title="Fusie van twee scholen in Delfzijl",
        themes=[theme, other_theme], regions=[groningen], sectors=[po, vo],
    )  # fmt: skip
    factories.PracticePageFactory(
        parent=indexes["practices"], title="Een fusie die lukte",
        themes=[theme], regions=[limburg], sectors=[po],
    )  # fmt: skip
    factories.EventPageFactory(
        parent=indexes["events"], title="Regiodag over fusie", themes=[other_theme],
        regions=[groningen, limburg],
    )  # fmt: skip
    factories.PublicationPageFactory(parent=indexes["publications"], title="Handreiking fusie")

    counts, _ = search(client, q="fusie")

    assert counts["type"] == {"nieuws": 1, "praktijkvoorbeeld": 1, "agenda": 1, "publicatie": 1}
    assert counts["thema"] == {theme.slug: 2, "huisvesting": 2}
    assert counts["regio"] == {"groningen": 2, "limburg": 2}
    assert counts["sector"] == {"po": 2, "vo": 1}
    narrowed, _ = search(client, q="fusie", regio="limburg")
    assert narrowed["type"] == {"praktijkvoorbeeld": 1, "agenda": 1}
    assert narrowed["thema"] == {theme.slug: 1, "huisvesting": 1}


def test_the_facets_of_all_types_are_read_in_one_query(indexes, theme):
    """Finding pages of four types costs one query per type for their dates, and one for the
    theme, sector and region facets together (it was one per type and facet: twelve)."""
    for parent, factory in (
        (indexes["news"], factories.NewsItemPageFactory),
        (indexes["practices"], factories.PracticePageFactory),
        (indexes["events"], factories.EventPageFactory),
        (indexes["publications"], factories.PublicationPageFactory),
    ):
        factory(parent=parent, title="Leerlingenvervoer in de regio", themes=[theme])

    def queries(text):
        with CaptureQueriesContext(connection) as captured:
            outcome = run_search({"q": text}, None)  # the result list is built when shown
        return outcome, len(captured)

    nothing, without_results = queries("onvindbaarwoord")
    found, with_results = queries("leerlingenvervoer")

    assert nothing.total == 0 and len(found.facets["type"]) == 4
    assert found.facets["thema"] == [(theme.slug, theme.title, 4)]
    assert with_results - without_results <= len(classified_page_models()) + 1
