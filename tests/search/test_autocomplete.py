"""The search box's suggestions: pages (a link to the page) and popular searches (a link that
runs the search), never a draft, a private page or a search with words nobody may see."""

from urllib.parse import parse_qs, urlsplit

from django.urls import reverse

from wagtail.models import PageViewRestriction

import pytest

from search import vocabulary
from search.models import SearchQueryDay
from search.query_log import log_date
from tests import factories


def suggest(client, text):
    response = client.get(reverse("search:suggestions"), {"q": text})
    assert response.status_code == 200
    return response.json()["suggestions"]


@pytest.fixture
def pages(indexes):
    news = indexes["news"]
    live = factories.NewsItemPageFactory(parent=news, title="Onderwijsregio Noord van start")
    draft = factories.NewsItemPageFactory(parent=news, title="Onderwijsregio concept", live=False)
    private = factories.NewsItemPageFactory(parent=news, title="Onderwijsregio intern overleg")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    vocabulary.rebuild()
    return live, draft, private


def test_a_page_suggestion_links_to_the_page(client, pages):
    live, draft, private = pages
    found = suggest(client, "onderwijsreg")
    assert found == [{"kind": "page", "title": live.title, "url": live.get_url()}]
    for hidden in (draft, private):
        assert hidden.title not in str(found) and hidden.slug not in str(found)


def test_popular_searches_are_suggested_as_searches(client, pages):
    for text, searches in [
        ("onderwijsregio noord", 8),
        ("onderwijsregio intern", 9),  # "intern" is only in a page behind a password
        ("onderwijsregio's", 1),  # typed once: not offered to others
        ("krimp", 20),  # does not start like the query
    ]:
        SearchQueryDay.objects.create(query=text, date=log_date(), searches=searches)

    found = suggest(client, "Onderwijsreg")

    assert [(item["kind"], item["title"]) for item in found] == [
        ("search", "onderwijsregio noord"),
        ("page", "Onderwijsregio Noord van start"),
    ]
    url = urlsplit(found[0]["url"])
    assert url.path == reverse("search:search")
    assert parse_qs(url.query) == {"q": ["onderwijsregio noord"]}


def test_the_search_box_works_without_javascript(client, pages):
    """The box is a plain form to the search page; the script only adds the suggestions."""
    html = client.get("/zoeken/").content.decode()
    assert 'action="/zoeken/" method="get"' in html
    assert 'data-autocomplete="/zoeken/suggesties/"' in html
    assert 'role="combobox"' not in html  # set by the script, where it runs
