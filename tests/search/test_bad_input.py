"""Any query and any parameter gives a 200 with results or a friendly message, never an error."""

from django.urls import reverse

import pytest
from hypothesis import given
from hypothesis import strategies as st

from search import query as query_analysis
from search import vocabulary
from search.synonyms import synonym_groups
from tests import factories

# Ten distinct words, most of them with synonyms (search/migrations/0003_default_synonyms.py).
LONG_QUERY = "krimp po vo mbo swv ihp mr gmr fusie lerarentekort"

SPECIAL = ["", " ", "*", "-", "+", ":", "(", ")", '"', "'", "OR", "AND", "NOT", "\x00", "🙂",
           "%", "_", "\\", ";", "--", "' OR 1=1 --", "DROP TABLE wagtailcore_page;", "<script>",
           "NEAR(a b)", "title:krimp", "^", "~", "{", "}", "[", "]"]  # fmt: skip

queries = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(SPECIAL + ["krimp", "scholen", "bestuur"]), max_size=12).map(" ".join),
    st.just("x" * 10_000),
    st.just("krimp " * 2_000),
)
values = st.one_of(st.text(max_size=40), st.sampled_from(SPECIAL), st.integers().map(str))
params = st.fixed_dictionaries(
    {"q": queries},
    optional={
        "type": values, "thema": values, "sector": values, "regio": values, "jaar": values,
        "sortering": values, "pagina": values,
    },
)  # fmt: skip


@pytest.fixture(scope="class")
def content(shared_site):
    """Twelve news items, built once for the class of tests that search them."""
    for number in range(12):
        factories.NewsItemPageFactory(
            parent=shared_site.indexes["news"], title=f"Krimpende scholen {number}",
            intro="Besturen werken samen bij leerlingendaling.", themes=[shared_site.theme],
        )  # fmt: skip
    vocabulary.rebuild()


def has_nul(data):
    """A NUL byte gets the 400 page for any URL (core/middleware.py, tests/test_nul_bytes.py)."""
    return any("\x00" in f"{key}{value}" for key, value in data.items())


class TestAnyInput:
    """Random queries and parameters against the same twelve pages, which these tests only read."""

    @given(data=params)
    def test_search_page_never_fails(self, client, content, data):
        response = client.get(reverse("search:search"), data)
        if has_nul(data):
            assert response.status_code == 400
            return
        assert response.status_code == 200
        assert b"Zoeken" in response.content

    @given(data=params)
    def test_search_api_never_fails(self, client, content, data):
        response = client.get(reverse("search:api"), data)
        if has_nul(data):
            assert response.status_code == 400
            return
        assert response.status_code == 200
        body = response.json()
        assert body["total"] >= len(body["results"])

    @given(text=queries)
    def test_suggestions_never_fail(self, client, content, text):
        response = client.get(reverse("search:suggestions"), {"q": text})
        assert response.status_code == (400 if has_nul({"q": text}) else 200)


def test_repeating_a_word_searches_it_once(db):
    once = query_analysis.analyse("krimp", vocabulary.current(), synonym_groups())
    many = query_analysis.analyse("krimp " * 50, vocabulary.current(), synonym_groups())
    assert repr(many.backend_query()) == repr(once.backend_query())
    assert len(once.units[0]) > 1  # krimp has synonyms: the expensive case


def test_long_queries_are_bounded(db):
    text = " ".join(f"{word} {word}" for word in LONG_QUERY.split())
    analysed = query_analysis.analyse(text, vocabulary.current(), synonym_groups())
    assert [unit[0][0] for unit in analysed.units] == LONG_QUERY.split()[: query_analysis.MAX_WORDS]
    assert analysed.ignored_words == LONG_QUERY.split()[query_analysis.MAX_WORDS :]
    added_synonyms = sum(len(unit) - 1 for unit in analysed.units)
    assert added_synonyms == query_analysis.MAX_SYNONYMS  # of many more in the groups


def test_the_visitor_is_told_which_words_were_not_searched(client, content):
    response = client.get("/zoeken/", {"q": LONG_QUERY})
    ignored = LONG_QUERY.split()[query_analysis.MAX_WORDS :]
    assert f"niet meegezocht: {', '.join(ignored)}." in response.content.decode()
    api = client.get("/zoeken/api/", {"q": LONG_QUERY}).json()
    assert api["ignored_words"] == ignored
    assert api["total"] > 0  # the first words were searched
