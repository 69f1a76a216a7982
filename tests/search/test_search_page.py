import pytest

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
