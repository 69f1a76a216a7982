"""Page creation rules: editors can only put a page where it belongs."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from agenda.models import EventIndexPage, EventPage
from home.models import ContentPage, HomePage
from publications.models import (
    NewsIndexPage,
    NewsItemPage,
    PracticeIndexPage,
    PracticePage,
    PublicationIndexPage,
    PublicationPage,
)
from themes.models import ThemeIndexPage, ThemePage

INDEXES = {ThemeIndexPage, NewsIndexPage, PublicationIndexPage, PracticeIndexPage, EventIndexPage}


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_page_children(self):
        self.assertAllowedSubpageTypes(HomePage, {*INDEXES, ContentPage})
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_each_item_lives_only_under_its_own_index(self):
        pairs = {
            ThemePage: ThemeIndexPage,
            NewsItemPage: NewsIndexPage,
            PublicationPage: PublicationIndexPage,
            PracticePage: PracticeIndexPage,
            EventPage: EventIndexPage,
        }
        for item, index in pairs.items():
            with self.subTest(item=item.__name__):
                self.assertAllowedParentPageTypes(item, {index})
                self.assertAllowedSubpageTypes(item, set())
                self.assertAllowedSubpageTypes(index, {item})
                self.assertCanNotCreateAt(HomePage, item)

    def test_indexes_and_home_are_singletons(self):
        for model in [HomePage, *INDEXES]:
            with self.subTest(model=model.__name__):
                self.assertEqual(model.max_count, 1)

    def test_content_pages_nest_under_home_and_each_other(self):
        self.assertAllowedParentPageTypes(ContentPage, {HomePage, ContentPage})
        self.assertCanNotCreateAt(NewsIndexPage, ContentPage)
