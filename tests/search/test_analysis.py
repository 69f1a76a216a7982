"""The Dutch analysis's own limits."""

import pytest

from search import analysis

WORDS = {"leerlingen": 5, "daling": 5, "school": 9, "bestuur": 9}


def test_remembered_splits_are_bounded(monkeypatch):
    # Every word visitors type is split once and remembered; a bot typing endless new words
    # must not make a process grow without end.
    monkeypatch.setattr(analysis, "MAX_CACHED_SPLITS", 10)
    decompounder = analysis.Decompounder(WORDS)
    for number in range(100):
        decompounder.split(f"onzinwoord{number}")
        assert len(decompounder._cache) <= 10
    assert decompounder.split("leerlingendaling") == ["leerlingen", "daling"]
    assert decompounder.split("schoolbestuur") == ["school", "bestuur"]


def test_the_fast_normalisation_reads_dutch_text_as_the_index_does():
    text = "De regio's in Fryslân: coördinatie, financiële ideeën en de beëindiging – 2024–2025."
    assert analysis.words(analysis.normalise_latin(text)) == analysis.words(text)
    assert "fryslan" in analysis.normalise_latin(text)


def test_a_compound_linked_with_er_splits_into_its_words():
    # kind|er|opvang, not kind + erop + vang (three known words, but not what is meant)
    decompounder = analysis.Decompounder({"kind": 9, "opvang": 5, "erop": 9, "vang": 5})
    assert decompounder.split("kinderopvang") == ["kind", "opvang"]


def test_a_place_s_name_is_not_split():
    decompounder = analysis.Decompounder({"geld": 9, "land": 9, "gelder": 1, "zee": 9})
    assert decompounder.split("gelderland") == []
    assert decompounder.split("geldland") == ["geld", "land"]


def test_a_compound_may_begin_with_a_short_word_of_the_field():
    known = {"les": 9, "bevoegdheid": 5, "dag": 9, "programma": 9, "wet": 9, "houder": 9}
    decompounder = analysis.Decompounder(known)
    assert decompounder.split("lesbevoegdheid") == ["les", "bevoegdheid"]
    assert decompounder.split("dagprogramma") == ["dag", "programma"]
    # Other short words stay whole: an alderman is no law.
    assert decompounder.split("wethouder") == []


def test_the_general_word_list_knows_the_short_first_parts():
    from search.lexicon import general_frequencies

    frequencies = general_frequencies()
    assert all(frequencies.get(word, 0) > 0 for word in analysis.SHORT_FIRST_PARTS)
    assert "wet" not in frequencies  # other words of three letters are left out


@pytest.mark.parametrize(
    ("noun", "verb"),
    [
        ("organisatie", "organiseren"),
        ("renovatie", "renoveren"),
        ("fusie", "fuseren"),
        ("deelname", "deelnemen"),
        ("relatie", None),  # no verb "releren"
        ("natie", None),  # "neren" is no verb
        ("generatie", None),  # "genereren" means something else
        ("visie", None),  # only "-usie" nouns: "viseren" is not what a vision does
    ],
)
def test_a_noun_that_names_an_act_has_its_verb(noun, verb):
    assert analysis.verb_of_noun(noun) == verb
