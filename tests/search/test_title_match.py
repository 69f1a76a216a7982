"""A query that says what a page's title says finds that page first, theme pages first of all."""

import pytest

from search.fields import uses_database_backend
from tests import factories

from .ranking import body, titles


def test_the_theme_named_by_the_query_comes_first(indexes):
    for number in range(4):
        factories.NewsItemPageFactory(
            parent=indexes["news"],
            title=f"Onderwijsregio {number} in de praktijk",
            intro="Elke onderwijsregio maakt een regioplan.",
            body=body("De onderwijsregio, de onderwijsregio en nog eens de onderwijsregio."),
        )
    factories.ThemePageFactory(
        parent=indexes["themes"], title="Onderwijsregio's", intro="Samen tegen het tekort."
    )

    assert titles("onderwijsregio")[0] == "Onderwijsregio's"
    assert titles("Onderwijsregio's")[0] == "Onderwijsregio's"


def test_a_page_whose_title_is_the_query_comes_before_pages_that_repeat_its_words(indexes):
    factories.NewsItemPageFactory(
        parent=indexes["news"],
        title="Fusie van scholen: zo pak je het aan",
        body=body("Een fusie van scholen vraagt om een fusie-effectrapportage bij elke fusie."),
    )
    factories.PracticePageFactory(
        parent=indexes["practices"], title="Scholen fusie", body=body("Twee besturen.")
    )

    assert titles("fusie van scholen")[0] == "Scholen fusie"


@pytest.mark.skipif(
    not uses_database_backend(),
    reason="a cluster matches the words of a query of several in the whole text, where a title "
    "counts as much as the rest (search/backends/elasticsearch.py)",
)
def test_a_query_word_in_the_title_counts_when_the_other_is_in_the_text(indexes):
    filler = "De leerlingen tekenen wat ze zien, meten het water en schrijven een verslag voor"
    factories.NewsItemPageFactory(
        parent=indexes["news"],
        title="De kwelder als lesplek",
        body=body(
            f"Groep acht gaat op excursie. {filler} de ouders en de schoolkrant van het dorp."
        ),
    )
    factories.NewsItemPageFactory(
        parent=indexes["news"],
        title="Een dag buiten",
        body=body(f"Groep acht gaat op excursie. {filler} de ouders. Het thema is de kwelder."),
    )

    assert titles("kwelder excursie")[0] == "De kwelder als lesplek"
