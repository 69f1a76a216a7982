"""Editors keep people and organisations themselves, and choose a practice's organisations
with a chooser, in the order the page shows them."""

import re

from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from core.models import Organisation, Person
from publications.models import PracticePage
from tests import factories


def menu_labels(client):
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    return set(re.findall(r'"label": "([^"]+)"', html))


def test_editors_have_a_people_menu(client, editor):
    client.force_login(editor)
    assert {"Mensen", "Personen", "Organisaties"} <= menu_labels(client)


def test_editor_adds_an_organisation_and_a_contact_person(client, editor):
    client.force_login(editor)
    response = client.post(
        reverse("wagtailsnippets_home_organisation:add"),
        {"name": "Stichting Onderwijs Midden-Groningen", "website": "https://www.example.nl"},
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get(name="Stichting Onderwijs Midden-Groningen")
    response = client.post(
        reverse("wagtailsnippets_home_person:add"),
        {"name": "Sanne Visser", "role": "bestuurder", "organisation": organisation.pk,
         "email": "sanne@example.nl", "phone": "", "photo": ""},
    )  # fmt: skip
    assert response.status_code == 302
    listing = client.get(reverse("wagtailsnippets_home_person:list")).content.decode()
    assert "Sanne Visser" in listing and "bestuurder" in listing
    assert "Stichting Onderwijs Midden-Groningen" in listing


def test_only_moderators_delete_people(client, editor):
    person = factories.PersonFactory(name="Jan Smit")
    client.force_login(editor)
    client.post(reverse("wagtailsnippets_home_person:delete", args=(person.pk,)))
    assert Person.objects.filter(pk=person.pk).exists()


@pytest.mark.search_index
def test_people_are_found_by_name_and_role(client, editor):
    factories.PersonFactory(name="Sanne Visser", role="bestuurder")
    factories.PersonFactory(name="Jan Smit", role="beleidsmedewerker")
    client.force_login(editor)
    for query, found, not_found in (("Viss", "Sanne Visser", "Jan Smit"),
                                    ("beleid", "Jan Smit", "Sanne Visser")):  # fmt: skip
        html = client.get(reverse("wagtailsnippets_home_person:list"), {"q": query})
        assert found in html.content.decode() and not_found not in html.content.decode()


@pytest.mark.search_index
def test_organisation_list_is_searchable(client, editor):
    factories.OrganisationFactory(name="Scholengroep Oost")
    factories.OrganisationFactory(name="Stichting Eemsdelta")
    client.force_login(editor)
    for url in (
        reverse("wagtailsnippets_home_organisation:list"),
        reverse("wagtailsnippetchoosers_home_organisation:choose_results"),
    ):
        response = client.get(url, {"q": "Eemsd"})
        assert response.status_code == 200, url
        assert "Stichting Eemsdelta" in response.content.decode()
        assert "Scholengroep Oost" not in response.content.decode()


def practice_form(organisations, **fields):
    return nested_form_data(
        {
            "title": "Samen een kindcentrum in Delfzijl",
            "slug": "kindcentrum-delfzijl",
            "publication_date": "2026-10-01",
            "intro": "Twee besturen openen samen een kindcentrum.",
            "body": streamfield([]),
            "reason": rich_text("<p>Te weinig leerlingen.</p>"),
            "approach": rich_text(""),
            "results": rich_text(""),
            "lessons": rich_text(""),
            "organisation_links": inline_formset(
                [{"organisation": organisation.pk} for organisation in organisations]
            ),
            "related_pages": streamfield([]),
            "tags": "",
            "comments": inline_formset([]),
            **fields,
        }
    )


def test_practice_organisations_are_chosen_with_a_chooser(client, editor, indexes):
    client.force_login(editor)
    url = reverse(
        "wagtailadmin_pages:add", args=("publications", "practicepage", indexes["practices"].pk)
    )
    html = client.get(url).content.decode()
    assert "Betrokken organisaties" in html
    assert "Kies de organisaties die meededen" in html
    assert reverse("wagtailsnippetchoosers_home_organisation:choose") in html
    chooser = client.get(reverse("wagtailsnippetchoosers_home_organisation:choose"))
    assert "Nieuwe organisatie" in chooser.json()["html"]


def test_a_missing_organisation_is_added_from_the_chooser(client, editor):
    client.force_login(editor)
    response = client.post(
        reverse("wagtailsnippetchoosers_home_organisation:create"),
        {"name": "Kinderopvang Berkelstroom", "website": ""},
    )
    assert response.status_code == 200
    assert response.json()["step"] == "chosen"
    assert Organisation.objects.filter(name="Kinderopvang Berkelstroom").exists()


def test_practice_shows_its_organisations_in_the_chosen_order(client, admin_user, indexes, theme):
    first = factories.OrganisationFactory(name="Stichting Eemsdelta")
    second = factories.OrganisationFactory(name="Openbaar Onderwijs Groningen")
    client.force_login(admin_user)
    url = reverse(
        "wagtailadmin_pages:add", args=("publications", "practicepage", indexes["practices"].pk)
    )
    data = {**practice_form([first, second], **{"action-publish": "publish"}), "themes": [theme.pk]}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    page = PracticePage.objects.get(slug="kindcentrum-delfzijl")
    assert page.organisations == [first, second]
    client.logout()
    content = client.get(page.url).content.decode()
    assert content.index("Stichting Eemsdelta") < content.index("Openbaar Onderwijs Groningen")


def test_an_organisation_is_linked_to_a_practice_once(client, admin_user, indexes, theme):
    organisation = factories.OrganisationFactory(name="Stichting Eemsdelta")
    client.force_login(admin_user)
    url = reverse(
        "wagtailadmin_pages:add", args=("publications", "practicepage", indexes["practices"].pk)
    )
    data = {**practice_form([organisation, organisation]), "themes": [theme.pk]}
    response = client.post(url, data)
    assert response.status_code == 200
    assert not PracticePage.objects.exists()
