"""The synonym groups a new site starts with, and how they meet an editor's own list."""

import importlib

from django.apps import apps

from search.models import SynonymGroup

from .ranking import news, titles

more_synonyms = importlib.import_module("search.migrations.0006_more_default_synonyms")
broader_synonyms = importlib.import_module("search.migrations.0009_broader_sector_synonyms")


def test_a_new_site_knows_the_sectors_words(db):
    terms = {term for group in SynonymGroup.objects.all() for term in group.term_list}
    assert {"leraar", "docent", "leerkracht", "hbo", "hoger beroepsonderwijs"} <= terms
    assert {"doorstroomtoets", "eindtoets", "starter", "beginnende leraar"} <= terms
    assert {"opheffingsnorm", "mjop", "meerjarenonderhoudsplan", "jeugdzorg"} <= terms
    assert {"thuiszitter", "personele unie", "carrièreswitcher", "docententekort"} <= terms


def test_the_editors_own_groups_win(db):
    SynonymGroup.objects.all().delete()
    SynonymGroup.objects.create(terms="docent, vakdocent")
    more_synonyms.seed(apps, None)
    groups = [group.term_list for group in SynonymGroup.objects.all()]
    assert ["docent", "vakdocent"] in groups
    assert not any("leerkracht" in group for group in groups)  # its group names "docent" too
    assert ["hbo", "hoger beroepsonderwijs", "hogeschool"] in groups


def test_a_seeded_group_gets_more_terms_unless_an_editor_changed_it(db):
    SynonymGroup.objects.all().delete()
    SynonymGroup.objects.create(terms="zij-instromer, zijinstromer, zij-instroom")
    SynonymGroup.objects.create(terms="werkdruk, werkbelasting, drukte")  # the editor's own
    SynonymGroup.objects.create(terms="leraar, docent, leerkracht")
    SynonymGroup.objects.create(terms="onderwijzer, schoolmeester")  # the editor's own

    broader_synonyms.seed(apps, None)

    groups = {group.term_list[0]: group.term_list for group in SynonymGroup.objects.all()}
    assert "carrièreswitcher" in groups["zij-instromer"]
    assert groups["werkdruk"] == ["werkdruk", "werkbelasting", "drukte"]
    assert groups["leraar"] == ["leraar", "docent", "leerkracht"]  # "onderwijzer" is taken
    broader_synonyms.seed(apps, None)  # a second run changes nothing
    assert groups == {group.term_list[0]: group.term_list for group in SynonymGroup.objects.all()}


def test_a_search_for_a_jargon_word_finds_its_plain_words(indexes):
    news(indexes, "Meer carrièreswitchers voor de klas", "Ze komen uit de techniek en de zorg.")
    assert titles("zij-instromers") == ["Meer carrièreswitchers voor de klas"]


def test_a_search_for_an_old_name_finds_the_new_one(indexes):
    news(indexes, "Uitslagen van de doorstroomtoets", "De scholen kregen de uitslagen in maart.")
    assert titles("eindtoets") == ["Uitslagen van de doorstroomtoets"]
