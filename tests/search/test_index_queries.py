"""Indexing reads the classification of many pages at once, not page by page."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from publications.models import PracticePage
from search.vocabulary import raw_text
from taxonomy.models import Region, Sector
from tests import factories


def indexed_texts():
    """The search text of every good practice, as `update_index` gathers it, and its queries."""
    with CaptureQueriesContext(connection) as captured:
        texts = [raw_text(page) for page in PracticePage.get_indexed_objects()]
    return texts, len(captured)


def test_indexing_costs_the_same_queries_for_2_or_12_pages(indexes, theme):
    organisation = factories.OrganisationFactory(name="Stichting Kindcentra Oost")

    def add(count):
        for _ in range(count):
            factories.PracticePageFactory(
                parent=indexes["practices"], themes=[theme], tags=["kindcentrum"],
                sectors=[Sector.objects.get(slug="po")],
                regions=[Region.objects.get(slug="groningen")], organisations=[organisation],
            )  # fmt: skip

    add(2)
    few, few_queries = indexed_texts()
    add(10)
    many, many_queries = indexed_texts()

    assert len(few) == 2 and len(many) == 12
    for words in ("Krimp", "Primair onderwijs", "Groningen", "kindcentrum", "Kindcentra Oost"):
        assert all(words in text for text in many)
    assert many_queries == few_queries
