"""Any query and any parameter gives a 200 with results or a friendly message, never an error."""

from django.urls import reverse

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search import vocabulary
from tests import factories

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
hypothesis_settings = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def content(indexes, theme):
    for number in range(12):
        factories.NewsItemPageFactory(
            parent=indexes["news"], title=f"Krimpende scholen {number}",
            intro="Besturen werken samen bij leerlingendaling.", themes=[theme],
        )  # fmt: skip
    vocabulary.rebuild()


@hypothesis_settings
@given(data=params)
def test_search_page_never_fails(client, content, data):
    response = client.get(reverse("search:search"), data)
    assert response.status_code == 200
    assert b"Zoeken" in response.content


@hypothesis_settings
@given(data=params)
def test_search_api_never_fails(client, content, data):
    response = client.get(reverse("search:api"), data)
    assert response.status_code == 200
    body = response.json()
    assert body["total"] >= len(body["results"])


@hypothesis_settings
@given(text=queries)
def test_suggestions_never_fail(client, content, text):
    assert client.get(reverse("search:suggestions"), {"q": text}).status_code == 200
