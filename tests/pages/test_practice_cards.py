"""A practice's card says where, in which sector and by whom, without a query per card."""

import re

from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from core.fragments import fragment_key
from publications.models import NewsItemPage, PracticePage
from taxonomy.models import Region, Sector
from tests import factories


def card_facts(html, title):
    """{label: names} under the title of the card for `title`."""
    card = re.search(
        rf"<article class=\"card\">(?:(?!</article>).)*>{title}</a>.*?</article>", html, re.S
    )
    return dict(re.findall(r"<dt>([^<]*)</dt><dd>([^<]*)</dd>", card.group(0)))


def forget_cards(model):
    """Drop the cached listing cards of every page of `model`: a listing that shows them reads
    their data again, as when no other listing has shown them yet."""
    request = RequestFactory().get("/")
    cache.delete_many(
        [
            fragment_key(request, ["card", pk, False, False])
            for pk in model.objects.values_list("pk", flat=True)
        ]
    )


def practice(indexes, title, *, regions, sectors, organisations):
    page = factories.PracticePageFactory(
        parent=indexes["practices"],
        title=title,
        regions=list(Region.objects.filter(slug__in=regions)),
        sectors=list(Sector.objects.filter(slug__in=sectors)),
        organisations=[factories.OrganisationFactory(name=name) for name in organisations],
    )
    page.save_revision().publish()
    return page


def test_a_practice_card_shows_region_sector_and_organisations(client, indexes):
    practice(indexes, "Samen tegen krimp", regions=["groningen"], sectors=["po", "vo"],
             organisations=["Stichting Noorderbreedte", "OBS De Wierde"])  # fmt: skip
    practice(indexes, "Brede aanpak", regions=["drenthe", "groningen"], sectors=["mbo"],
             organisations=["A", "B", "C", "D", "E"])  # fmt: skip
    factories.NewsItemPageFactory(
        parent=indexes["news"], title="Nieuws uit Groningen",
        regions=list(Region.objects.filter(slug="groningen")),
    )  # fmt: skip

    html = client.get(indexes["practices"].url).content.decode()
    assert card_facts(html, "Samen tegen krimp") == {
        "Regio": "Groningen",
        "Sectoren": "Primair onderwijs (PO), Voortgezet onderwijs (VO)",
        "Organisaties": "Stichting Noorderbreedte, OBS De Wierde",
    }
    assert card_facts(html, "Brede aanpak") == {
        "Regio&#x27;s": "Groningen, Drenthe",
        "Sector": "Middelbaar beroepsonderwijs (MBO)",
        "Organisaties": "A, B, C en 2 andere",
    }
    # Other types keep their cards as they were.
    assert (
        card_facts(client.get(indexes["news"].url).content.decode(), "Nieuws uit Groningen") == {}
    )


def test_practice_cards_cost_no_query_per_card(client, indexes):
    def queries():
        client.get(indexes["practices"].url, {"regio": "groningen"})  # warm the site and caches
        forget_cards(PracticePage)
        with CaptureQueriesContext(connection) as captured:
            client.get(indexes["practices"].url)
        return len(captured)

    practice(indexes, "Eerste", regions=["groningen"], sectors=["po"], organisations=["X"])
    few = queries()
    for number in range(5):
        practice(indexes, f"Nog een {number}", regions=["utrecht"], sectors=["vo"],
                 organisations=[f"Org {number}", f"Andere {number}"])  # fmt: skip
    assert queries() == few


def test_each_relation_a_practice_card_shows_costs_one_query(client, indexes):
    """Regions, sectors and organisations (read with their links): one query each for the whole
    listing, three more than the news, whose cards show none of them. The region map costs none
    once its regions are read (once per content version)."""

    def new_to_the_cache(url, model):
        client.get(url, {"regio": "zeeland"})  # chrome, filter choices, the map's regions
        forget_cards(model)  # cached by the request before: it ignored the region (no page has it)
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        return len(captured)

    practice(indexes, "Eerste", regions=["groningen"], sectors=["po"], organisations=["X", "Y"])
    factories.NewsItemPageFactory(
        parent=indexes["news"],
        regions=list(Region.objects.filter(slug="groningen")),
        sectors=list(Sector.objects.filter(slug="po")),
    )
    news = new_to_the_cache(indexes["news"].url, NewsItemPage)
    assert new_to_the_cache(indexes["practices"].url, PracticePage) == news + 3


def test_a_featured_practice_shows_the_same_facts_on_the_home_page(client, home, indexes):
    first = practice(indexes, "Uitgelicht een", regions=["zeeland"], sectors=["ho"],
                     organisations=["Hogeschool Zeeland"])  # fmt: skip
    second = practice(indexes, "Uitgelicht twee", regions=["limburg"], sectors=["po"],
                      organisations=["Kindcentrum Maas"])  # fmt: skip
    home.featured_pages = [("page", first), ("page", second)]
    home.save_revision().publish()

    with CaptureQueriesContext(connection) as captured:
        html = client.get(home.url).content.decode()
    assert card_facts(html, "Uitgelicht een") == {
        "Regio": "Zeeland",
        "Sector": "Hoger onderwijs (HO)",
        "Organisatie": "Hogeschool Zeeland",
    }
    assert card_facts(html, "Uitgelicht twee")["Regio"] == "Limburg"
    organisation_queries = [q for q in captured if '"home_organisation"' in q["sql"]]
    assert len(organisation_queries) == 1  # both cards from one query


def test_cards_another_listing_cached_cost_no_queries(client, indexes):
    """A listing new to the cache reads the data of the cards not in it only: its themes,
    regions, sectors and organisations (the pages have no listing image of their own)."""
    for number in range(3):
        practice(indexes, f"Voorbeeld {number}", regions=["groningen"], sectors=["po"],
                 organisations=[f"Stichting {number}"])  # fmt: skip
    url = indexes["practices"].url
    client.get(url, {"regio": "groningen"})  # the chrome, the filter choices and every card

    def new_to_the_cache(query):
        with CaptureQueriesContext(connection) as captured:
            client.get(url, query)
        return len(captured)

    cached = new_to_the_cache({"sector": "po"})
    forget_cards(PracticePage)
    assert new_to_the_cache({"jaar": PracticePage.objects.first().publication_date.year}) == (
        cached + 4
    )
