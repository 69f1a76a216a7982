"""A search that finds nothing shows a way on: a correction, the search without its filters,
popular themes and popular searches; never anything a visitor may not see."""

from urllib.parse import parse_qs, urlsplit

from wagtail.models import PageViewRestriction, Site

import pytest
from bs4 import BeautifulSoup

from search import no_results, vocabulary
from search.models import SearchQueryDay
from search.query_log import log_date
from search.service import Outcome
from taxonomy.models import Region
from tests import factories


def page(client, **params):
    response = client.get("/zoeken/", params)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def params_of(url):
    return {name: values[0] for name, values in parse_qs(urlsplit(url).query).items()}


@pytest.fixture
def site(indexes, theme):
    groningen = Region.objects.get(slug="groningen")
    factories.NewsItemPageFactory(
        parent=indexes["news"], title="Een invalpool voor het noorden",
        intro="Regionale samenwerking tegen het lerarentekort.", regions=[groningen],
        themes=[theme],
    )  # fmt: skip
    factories.NewsItemPageFactory(
        parent=indexes["news"], title="Krimp in Groningen", intro="Minder leerlingen.",
        themes=[theme],
    )  # fmt: skip
    vocabulary.rebuild()
    return indexes


def test_the_message_takes_the_full_width(client, site):
    soup = page(client, q="xyzzyq")
    section = soup.select_one(".no-results")
    assert "Er zijn geen resultaten voor ‘xyzzyq’" in section.get_text()
    assert section.find_parent(class_="search-layout") is None
    assert not soup.select(".search-filters")


def test_a_misspelt_rare_compound_is_corrected_when_nothing_is_found(site):
    """ "invalpoel" splits into "inval" and "poel", so the search does not correct it (only to a
    word many pages use); a search that found nothing with it looks closer."""
    outcome = Outcome(form=None, query="invalpoel")
    assert no_results.correction(outcome, Site.objects.get(is_default_site=True)) == "invalpool"


def test_a_misspelt_compound_finds_the_page_through_its_correct_part(client, site):
    soup = page(client, q="invalpoel")
    assert soup.select_one(".no-results") is None
    assert soup.select_one(".search-result").find("a").get_text(strip=True) == (
        "Een invalpool voor het noorden"
    )


def test_zero_results_because_of_filters_offers_the_search_without_them(client, site):
    soup = page(client, q="samenwerking", regio="limburg", sortering="datum")
    assert "met deze filters" in soup.select_one(".no-results .notice").get_text()
    unfiltered = soup.select_one(".no-results__unfiltered")
    assert unfiltered.get_text(" ", strip=True) == (
        "Zoek ‘samenwerking’ zonder filters (1 resultaat)"
    )
    assert params_of(unfiltered.a["href"]) == {"q": "samenwerking", "sortering": "datum"}
    assert soup.find("a", string="Wis filters")


def test_a_correction_that_finds_nothing_is_not_offered(client, site):
    soup = page(client, q="samenwerkng", regio="limburg")
    assert soup.select_one(".no-results .search-suggestion") is None  # none in Limburg either
    assert "(1 resultaat)" in soup.select_one(".no-results__unfiltered").get_text()


def test_popular_themes_are_live_public_themes_with_the_most_content(client, site, theme):
    quiet = factories.ThemePageFactory(parent=site["themes"], title="Huisvesting")
    draft = factories.ThemePageFactory(parent=site["themes"], title="Conceptthema", live=False)
    private = factories.ThemePageFactory(parent=site["themes"], title="Intern thema")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    links = page(client, q="xyzzyq").select("#no-results-themes + ul a")

    assert [link.get_text() for link in links] == [theme.title, quiet.title]
    assert links[0]["href"] == theme.url
    assert draft.title not in str(links) and private.title not in str(links)


def test_popular_searches_only_show_public_words(client, site, indexes):
    secret = factories.NewsItemPageFactory(
        parent=indexes["news"], title="Reorganisatieplan", intro="Alleen voor bestuurders."
    )
    PageViewRestriction.objects.create(page=secret, restriction_type="login")
    factories.NewsItemPageFactory(parent=indexes["news"], title="Fusieplan", live=False)
    for text, searches in [
        ("krimp", 9),  # a word of a public page: shown
        ("samenwerking groningen", 5),  # both words of public pages: shown
        ("reorganisatieplan", 20),  # only on a page behind a login
        ("fusieplan", 20),  # only in a draft
        ("krimp jan de vries", 12),  # a name typed with a public word
        ("krimp [e-mail]", 12),
        ("invalpool", 2),  # typed too rarely to show others
    ]:
        SearchQueryDay.objects.create(query=text, date=log_date(), searches=searches,
                                      last_result_count=1)  # fmt: skip

    soup = page(client, q="xyzzyq")
    shown = [link.get_text() for link in soup.select("#no-results-searches + ul a")]

    assert shown == ["krimp", "samenwerking groningen"]
    assert params_of(soup.find("a", string="krimp")["href"]) == {"q": "krimp"}


def test_the_structure_stays_accessible(client, site):
    from tests.pages.test_accessibility import check_structure

    soup = page(client, q="samenwerking", regio="limburg")
    assert check_structure(soup) == []
