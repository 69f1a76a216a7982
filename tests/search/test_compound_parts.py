"""A compound in a query also finds pages that have one of its parts, on every engine: below
the pages that have the compound or all of its parts."""

from .ranking import news, titles


def test_a_page_with_one_part_of_the_compound_is_found_below_those_with_all(indexes):
    news(indexes, "Een vaste assistent per bouw", "Zo gaat de werkdruk van het team omlaag.")
    news(indexes, "Werkdrukverlaging in Twente", "Besturen delen wat hielp.")
    news(indexes, "Middelen voor teams", "Een verlaging van de werkdruk met extra handen.")
    news(indexes, "Een nieuw gebouw in Zeeland", "De school opent na de zomer.")

    found = titles("werkdrukverlaging")

    assert sorted(found[:2]) == ["Middelen voor teams", "Werkdrukverlaging in Twente"]
    assert found[2:] == ["Een vaste assistent per bouw"]


def test_a_compound_finds_another_compound_with_the_same_head(indexes):
    news(indexes, "Lerarentekort het grootst in de steden", "Vooral in de Randstad.")
    news(indexes, "Een nieuw gebouw in Zeeland", "De school opent na de zomer.")

    assert titles("docententekort") == ["Lerarentekort het grootst in de steden"]


def test_the_parts_of_an_everyday_word_are_not_searched_apart(indexes):
    """ "huisvesting" is a word of its own, no house ("huis") of any kind."""
    news(indexes, "Huisvesting van scholen", "Gemeenten en besturen maken een plan.")
    news(indexes, "Een huis voor de conciërge", "Naast het plein staat het oude huis.")

    assert titles("huisvesting") == ["Huisvesting van scholen"]
