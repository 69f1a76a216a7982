"""A query asked again is answered from the cache, until anything searchable changes."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

from tests import factories


def search(client, query):
    with CaptureQueriesContext(connection) as captured:
        data = client.get("/zoeken/api/", {"q": query}).json()
    return [result["title"] for result in data["results"]], len(captured)


def test_a_repeated_query_is_answered_from_the_cache_until_content_changes(client, indexes):
    first = factories.NewsItemPageFactory(parent=indexes["news"], title="Fusie in de regio")
    titles, searched = search(client, "fusie")
    assert titles == ["Fusie in de regio"]
    titles, cached = search(client, "fusie")
    assert titles == ["Fusie in de regio"] and cached < searched / 2

    second = factories.NewsItemPageFactory(parent=indexes["news"], title="Tweede fusie op komst")
    assert set(search(client, "fusie")[0]) == {first.title, second.title}
    PageViewRestriction.objects.create(page=second, restriction_type=PageViewRestriction.LOGIN)
    assert search(client, "fusie")[0] == [first.title]
