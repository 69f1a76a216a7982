from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from taxonomy.models import Sector
from tests import factories


@pytest.fixture(scope="class")
def pages(shared_site):
    """A live and a draft news item, built once for the class of tests that search them."""
    news = shared_site.indexes["news"]
    live = factories.NewsItemPageFactory(
        parent=news, title="Spreidingsplan voor het noorden", themes=[shared_site.theme]
    )
    draft = factories.NewsItemPageFactory(parent=news, title="Spreidingsplan concept", live=False)
    return live, draft


class TestSearchPage:
    """Searches of the same two pages, which these tests only read."""

    def test_search_finds_live_pages_only(self, client, pages):
        response = client.get("/zoeken/", {"q": "spreidingsplan"})
        assert response.status_code == 200
        content = response.content.decode()
        assert "Spreidingsplan voor het noorden" in content
        assert "Spreidingsplan concept" not in content
        assert response.headers["Cache-Control"].startswith("max-age=0")

    @pytest.mark.parametrize(
        "params",
        # A NUL byte is a 400 for every URL: tests/test_nul_bytes.py.
        [{}, {"q": ""}, {"q": "   "}, {"q": "x" * 10_000},
         {"q": "spreidingsplan", "pagina": "abc"}, {"q": "' OR 1=1 --"}],
    )  # fmt: skip
    def test_odd_queries_never_fail(self, client, pages, params):
        assert client.get("/zoeken/", params).status_code == 200


def params_of(url):
    return {name: values[0] for name, values in parse_qs(urlsplit(url).query).items()}


@pytest.fixture(scope="class")
def classified(shared_site):
    """Pages about "fusie" in two sectors: enough for every filter to have options."""
    news = shared_site.indexes["news"]
    vo, po = Sector.objects.get(slug="vo"), Sector.objects.get(slug="po")
    for number in range(3):
        factories.NewsItemPageFactory(
            parent=news, title=f"Fusie in het voortgezet onderwijs {number}",
            themes=[shared_site.theme], sectors=[vo],
        )  # fmt: skip
    factories.NewsItemPageFactory(parent=news, title="Fusie in het primair onderwijs", sectors=[po])
    return shared_site.theme


class TestFilters:
    """The filters on a phone: after the results, folded, with the active ones as chips."""

    def page(self, client, **params):
        response = client.get("/zoeken/", {"q": "fusie", **params})
        assert response.status_code == 200
        return BeautifulSoup(response.content, "html.parser")

    def test_the_results_come_before_the_filters(self, client, classified):
        html = str(self.page(client))
        first_result = html.index('class="search-result__title"')
        assert first_result < html.index('class="facet__link')
        assert first_result < html.index("<summary")

    def test_the_filters_fold_behind_one_summary_that_counts_the_active_ones(
        self, client, classified
    ):
        soup = self.page(client)
        (details,) = soup.select(".search-filters details")
        assert details.summary.get_text(strip=True) == "Filters"
        assert details.get("open") is None  # folded without JavaScript
        assert details.select(".facet__link")  # every filter link is inside it

        filtered = self.page(client, sector="vo", thema=classified.slug)
        assert filtered.select_one("summary").get_text(strip=True) == "Filters (2 actief)"

    def test_each_chip_removes_its_own_filter(self, client, classified):
        soup = self.page(client, sector="vo", thema=classified.slug, sortering="datum", pagina="2")
        chips = {
            chip.get_text(" ", strip=True): chip["href"] for chip in soup.select(".chip--removable")
        }

        sector = "Verwijder filter: Sector Voortgezet onderwijs (VO) ×"
        theme = f"Verwijder filter: Thema {classified.title} ×"
        assert set(chips) == {sector, theme}
        assert params_of(chips[sector]) == {
            "q": "fusie",
            "thema": classified.slug,
            "sortering": "datum",
        }
        assert params_of(chips[theme]) == {"q": "fusie", "sector": "vo", "sortering": "datum"}
        # The × is decoration: a screen reader hears "Verwijder filter: Sector Voortgezet
        # onderwijs".
        (sector_chip,) = [c for c in soup.select(".chip--removable") if "Sector" in c.get_text()]
        assert sector_chip.select_one("[aria-hidden=true]").get_text() == "×"

    def test_wis_filters_keeps_the_query_and_drops_every_filter(self, client, classified):
        soup = self.page(client, sector="vo", type="nieuws", jaar="2026", sortering="datum")
        (clear,) = soup.find_all("a", string="Wis filters")
        assert params_of(clear["href"]) == {"q": "fusie", "sortering": "datum"}
        after = self.page(client, **{k: v for k, v in params_of(clear["href"]).items() if k != "q"})
        assert after.select(".search-result") and not after.select(".chip--removable")

    def test_without_filters_there_are_no_chips(self, client, classified):
        soup = self.page(client)
        assert not soup.select(".active-filters")
        assert not soup.find("a", string="Wis filters")
