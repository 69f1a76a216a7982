"""The snippet marks the words a page was found by, also when the query was misspelt or
found through its compound parts."""

import pytest

from search import vocabulary
from search.models import SynonymGroup
from tests import factories


@pytest.fixture(autouse=True)
def no_synonyms(db):
    """Marks that come from a synonym would hide whether the query's own words are marked."""
    SynonymGroup.objects.all().delete()


def snippets(client, query):
    data = client.get("/zoeken/api/", {"q": query}).json()
    return data, {result["title"]: result["snippet"] for result in data["results"]}


def test_a_misspelt_compound_marks_the_parts_it_was_found_by(client, indexes):
    """ "leerlingedaling" (one letter short) splits into "leerlinge" and "daling": the pages it
    finds say "daling van het aantal leerlingen", and those words are marked."""
    factories.NewsItemPageFactory(
        parent=indexes["news"], title="Minder kinderen",
        intro="De daling van het aantal leerlingen zet door in het voortgezet onderwijs.",
    )  # fmt: skip
    vocabulary.rebuild()

    data, found = snippets(client, "leerlingedaling")

    assert data["total"] == 1
    assert "<mark>daling</mark>" in found["Minder kinderen"]
    assert "<mark>leerlingen</mark>" in found["Minder kinderen"]


def test_a_corrected_query_marks_its_words_in_the_snippets(client, indexes):
    news = indexes["news"]
    for place in ("Drenthe", "Zeeland", "Limburg"):
        factories.NewsItemPageFactory(
            parent=news, title=f"Prognose {place}", intro=f"De leerlingendaling in {place}."
        )
    factories.NewsItemPageFactory(
        parent=news, title="Minder kinderen",
        intro="De daling van het aantal leerlingen zet door in het voortgezet onderwijs.",
    )  # fmt: skip
    vocabulary.rebuild()

    data, found = snippets(client, "leerlingedaling")

    assert data["suggestion"] == "leerlingendaling"
    assert "De <mark>leerlingendaling</mark> in Drenthe." in found["Prognose Drenthe"]
    assert "<mark>daling</mark>" in found["Minder kinderen"]


def test_a_typo_corrected_to_a_word_of_the_site_is_marked(client, indexes):
    factories.NewsItemPageFactory(
        parent=indexes["news"], title="Samen sterk", intro="Regionale samenwerking loont."
    )
    vocabulary.rebuild()

    data, found = snippets(client, "samenwerkng")

    assert data["corrected"] is True
    assert "<mark>samenwerking</mark>" in found["Samen sterk"]
