"""A question's auxiliary and modal verbs ("doet", "moeten", "willen") are not what it asks
about: they are ignored, like "hoe" and "wat", on every engine."""

from search import analysis
from tests import factories

from .ranking import body, titles


def test_auxiliary_and_modal_verbs_are_not_searched_for():
    words = analysis.content_words("Wat moeten besturen doen als ze willen fuseren? Wie doet mee?")
    assert words == ["besturen", "fuseren", "mee"]


def test_a_question_finds_the_page_about_its_subject_not_the_page_that_says_doet(indexes):
    factories.NewsItemPageFactory(
        parent=indexes["news"],
        title="De regiocoördinator",
        body=body(
            "De regiocoördinator verbindt de besturen. Een regiocoördinator plant de overleggen "
            "en bewaakt het regioplan."
        ),
    )
    factories.NewsItemPageFactory(
        parent=indexes["news"],
        title="Nieuws uit de regio",
        body=body("Wie doet er mee? Iedereen doet mee, ook de regiocoördinator van het noorden."),
    )

    assert titles("wat doet een regiocoördinator")[0] == "De regiocoördinator"
