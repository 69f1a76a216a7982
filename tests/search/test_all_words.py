"""A page with more of the query's words ranks above a page with fewer of them, on every
engine: however often the page with fewer repeats them."""

from tests import factories

from .ranking import body, titles


def test_a_page_with_every_word_of_the_query_comes_first(indexes):
    for number in range(6):
        factories.NewsItemPageFactory(
            parent=indexes["news"],
            title=f"Nieuws uit de provincie {number}",
            body=body("Een school in Zeeland opent een nieuw gebouw."),
        )
    factories.NewsItemPageFactory(
        parent=indexes["news"],
        title="Keuzes in het noorden",
        body=body(
            "De leerlingendaling gaat door. Door de leerlingendaling sluiten scholen. Wie de "
            "leerlingendaling voor is, plant samen. Leerlingendaling vraagt om keuzes."
        ),
    )
    factories.NewsItemPageFactory(
        parent=indexes["news"],
        title="Onderwijs op de eilanden",
        body=body("Besturen in Zeeland maken een plan. Ook daar speelt de leerlingendaling."),
    )

    assert titles("leerlingendaling Zeeland")[0] == "Onderwijs op de eilanden"


def test_a_page_with_more_of_the_words_comes_before_one_with_fewer(indexes):
    for number in range(4):
        factories.NewsItemPageFactory(
            parent=indexes["news"],
            title=f"Buiten lesgeven {number}",
            body=body("Een school in het dorp opent een nieuw gebouw."),
        )
    factories.NewsItemPageFactory(
        parent=indexes["news"],
        title="Kwelder",
        body=body("De kwelder, de kwelder en nog eens de kwelder: de kwelder overstroomt."),
    )
    factories.NewsItemPageFactory(
        parent=indexes["news"],
        title="Een dag op het wad",
        body=body(
            "De klas ging op excursie. Na de lunch liepen de leerlingen met een gids over de "
            "kwelder, waar ze planten tekenden en vogels telden voor de school."
        ),
    )

    assert titles("kwelder excursie verslag")[0] == "Een dag op het wad"
