"""Every public listing costs a fixed number of queries, however many items it lists."""

import datetime

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from taxonomy.models import Region, Sector
from tests import factories

# Generous enough for template changes, tight enough to catch a query per listed item.
MAX_QUERIES = 50
# Counted with FEW items of each type and again with MANY. FEW is below what any page shows (the
# home page shows 3 upcoming events, a theme page 3 items per type), MANY fills a listing page
# (12), so every page lists more items the second time.
FEW, MANY = 2, 12


def fill(indexes, theme, count):
    """`count` fully classified items of every type; every other one has a listing image of its
    own, the others show their theme's."""
    if theme.listing_image_id is None:
        theme.listing_image = factories.ImageFactory()
        theme.save_revision().publish()
    sector, region = Sector.objects.first(), Region.objects.first()
    classification = {"themes": [theme], "sectors": [sector], "regions": [region]}
    upcoming = timezone.localdate() + datetime.timedelta(days=10)
    for number in range(count):
        image = factories.ImageFactory() if number % 2 else None
        factories.NewsItemPageFactory(parent=indexes["news"], listing_image=image, tags=["a", "b"],
                                      **classification)  # fmt: skip
        factories.PublicationPageFactory(
            parent=indexes["publications"], listing_image=image, **classification
        )
        factories.PracticePageFactory(
            parent=indexes["practices"], listing_image=image, **classification
        )
        factories.EventPageFactory(
            parent=indexes["events"], listing_image=image, sessions=[upcoming], **classification
        )


def count_queries(client, url):
    client.get(url)  # warm caches (site root, renditions created on first view)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


PAGES = ["news", "publications", "practices", "events", "themes", "theme", "home"]


def page_url(name, site):
    return {"theme": site.theme.url, "home": site.home.url}.get(name) or site.indexes[name].url


@pytest.fixture(scope="class")
def counts(shared_site):
    """Queries per page with FEW items of each type, then with MANY."""
    client = Client()
    fill(shared_site.indexes, shared_site.theme, FEW)
    few = {name: count_queries(client, page_url(name, shared_site)) for name in PAGES}
    fill(shared_site.indexes, shared_site.theme, MANY - FEW)
    many = {name: count_queries(client, page_url(name, shared_site)) for name in PAGES}
    return few, many


class TestQueryCounts:
    @pytest.mark.parametrize("name", PAGES)
    def test_queries_do_not_grow_with_the_number_of_items(self, counts, name):
        few, many = counts
        assert few[name] == many[name]
        assert many[name] <= MAX_QUERIES
