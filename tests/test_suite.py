"""The suite's own shortcuts keep their promises: pages are indexed on save only where a test
searches, a test that searches without saying so fails with a message that says what to do, and
data shared by a class's tests is built once, rolled back after each test's own changes, and
gone after the class (tests/conftest.py, tests/indexing.py)."""

from django.urls import reverse

from wagtail.models import Page
from wagtail.search.models import IndexEntry

import pytest

from publications.models import NewsItemPage
from tests import factories


def news_item(indexes):
    return factories.NewsItemPageFactory(parent=indexes["news"], title="Krimp in Drenthe")


def test_pages_are_not_indexed_where_no_test_searches(indexes):
    page = news_item(indexes)
    assert not IndexEntry.objects.filter(object_id=str(page.pk)).exists()


def test_searching_without_the_marker_fails_and_says_how_to_fix_it(client, indexes):
    news_item(indexes)
    with pytest.raises(pytest.fail.Exception, match=r"mark it so"):
        client.get(reverse("search:api"), {"q": "krimp"})


@pytest.mark.search_index
def test_with_the_marker_pages_are_indexed_and_found(client, indexes):
    page = news_item(indexes)
    assert IndexEntry.objects.filter(object_id=str(page.pk)).exists()
    response = client.get(reverse("search:api"), {"q": "krimp"})
    assert [result["title"] for result in response.json()["results"]] == [page.title]


BUILDS = []


@pytest.fixture(scope="class")
def shared_news(shared_site):
    BUILDS.append(1)
    return news_item(shared_site.indexes)


class TestSharedData:
    def test_is_built_once_for_the_class(self, shared_news):
        assert len(BUILDS) == 1
        assert NewsItemPage.objects.get().title == "Krimp in Drenthe"

    def test_a_change_by_one_test_is_rolled_back_before_the_next(self, shared_news):
        factories.NewsItemPageFactory(parent=shared_news.get_parent(), title="Tijdelijk")
        shared_news.title = "Gewijzigd"
        shared_news.save()
        assert NewsItemPage.objects.count() == 2

    def test_sees_the_data_as_it_was_built(self, shared_news):
        assert len(BUILDS) == 1
        assert list(NewsItemPage.objects.values_list("title", flat=True)) == ["Krimp in Drenthe"]


def test_shared_data_is_gone_after_its_class(db):
    assert not NewsItemPage.objects.exists()
    assert not Page.objects.filter(depth__gt=2).exists()
