import pytest

from tests import factories


@pytest.fixture
def pages(indexes, theme):
    live = factories.NewsItemPageFactory(
        parent=indexes["news"], title="Spreidingsplan voor het noorden", themes=[theme]
    )
    draft = factories.NewsItemPageFactory(
        parent=indexes["news"], title="Spreidingsplan concept", live=False
    )
    return live, draft


def test_search_finds_live_pages_only(client, pages):
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
def test_odd_queries_never_fail(client, pages, params):
    assert client.get("/zoeken/", params).status_code == 200
