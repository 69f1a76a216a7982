"""A question that splits a separable verb ("hoe pakken we leegstand aan") finds the pages that
use the verb whole ("leegstand aanpakken"), on every engine."""

import pytest

from search import analysis, separable
from tests import factories

from .ranking import body, titles

KNOWN = {
    "aanpakken", "aanpak", "opzetten", "samenwerken", "omgaan", "omscholen", "inwerken",
    "meedoen", "aanzijn",
}  # fmt: skip


def found(query):
    return [
        (verb, particle)
        for verb, particle, _ in separable.verbs(analysis.words(query), KNOWN.__contains__)
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("hoe pakken we leegstand aan", [("pakken", "aan")]),
        ("hoe pakken besturen krimp aan in groningen", [("pakken", "aan")]),  # before a preposition
        ("hoe zet je een invalpool op", [("zet", "op")]),  # "zet" is a form of "zetten"
        ("hoe werken scholen samen", [("werken", "samen")]),
        (
            "hoe gaan scholen om met krimp",
            [("gaan", "om")],
        ),  # the verb comes first, not "omscholen"
        ("hoe doe je mee", [("doe", "mee")]),  # "doen" is a stop word, yet makes "meedoen"
        ("wat is er aan", []),  # other stop words make no verb: no "aanzijn"
        ("werk in het onderwijs", []),  # "in" is a preposition here: something follows it
        ("leegstand aanpakken", []),  # nothing to join
    ],
)
def test_a_particle_is_joined_to_the_verb_it_belongs_to(query, expected):
    assert found(query) == expected


def test_a_question_with_a_split_verb_finds_the_page_that_uses_it_whole(indexes):
    for number in range(3):
        factories.NewsItemPageFactory(
            parent=indexes["news"],
            title=f"Cijfers uit de regio {number}",
            body=body("De leegstand groeit. Leegstand in scholen kost geld."),
        )
    factories.NewsItemPageFactory(
        parent=indexes["news"],
        title="Wat besturen doen",
        body=body("Drie besturen gaan de leegstand in hun gebouwen samen aanpakken."),
    )

    assert titles("hoe pakken we leegstand aan")[0] == "Wat besturen doen"


def test_a_question_with_a_split_stop_word_verb_finds_the_verb(indexes):
    # "doe" is a stop word and "mee" alone is found everywhere: the page that says "meedoen" is
    # what "hoe doe je mee aan de invalpool" asks for.
    for number in range(3):
        factories.NewsItemPageFactory(
            parent=indexes["news"],
            title=f"Nieuws over de invalpool {number}",
            body=body("De invalpool groeit. Besturen nemen mee wat werkt."),
        )
    factories.NewsItemPageFactory(
        parent=indexes["news"],
        title="Aansluiten bij de pool",
        body=body("Elk bestuur in de regio kan meedoen aan de invalpool."),
    )

    assert titles("hoe doe je mee aan de invalpool")[0] == "Aansluiten bij de pool"
