"""Classifying a page in the editor: a theme is required to publish, every field explains
itself, the long checkbox lists are set in columns and sectors have their full name."""

from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from publications.models import NewsItemPage
from taxonomy.forms import THEME_REQUIRED
from taxonomy.models import Sector


def news_form(**fields):
    return nested_form_data(
        {
            "title": "Besturen delen hun leerlingprognoses",
            "slug": "leerlingprognoses",
            "publication_date": "2026-11-01",
            "intro": "Drie besturen maken één prognose.",
            "body": streamfield([("paragraph", rich_text("<p>Zo ging het.</p>"))]),
            "related_pages": streamfield([]),
            "tags": "",
            "comments": inline_formset([]),
            **fields,
        }
    )


def add_news_url(indexes):
    return reverse(
        "wagtailadmin_pages:add", args=("publications", "newsitempage", indexes["news"].pk)
    )


def test_publishing_without_a_theme_is_refused_with_a_dutch_reason(client, admin_user, indexes):
    client.force_login(admin_user)
    response = client.post(add_news_url(indexes), news_form(**{"action-publish": "publish"}))
    assert response.status_code == 200
    assert response.context["form"].errors["themes"] == [THEME_REQUIRED]
    assert "Kies ten minste één thema" in response.content.decode()
    assert not NewsItemPage.objects.exists()


def test_submitting_for_moderation_without_a_theme_is_refused(client, editor, indexes):
    client.force_login(editor)
    response = client.post(add_news_url(indexes), news_form(**{"action-submit": "submit"}))
    assert response.status_code == 200
    assert "themes" in response.context["form"].errors
    assert not NewsItemPage.objects.exists()


def test_a_draft_may_be_saved_before_the_theme_is_chosen(client, editor, indexes):
    client.force_login(editor)
    response = client.post(add_news_url(indexes), news_form())
    assert response.status_code == 302, response.context["form"].errors
    assert not NewsItemPage.objects.get(slug="leerlingprognoses").live


def test_publishing_with_a_theme_goes_live(client, admin_user, indexes, theme):
    client.force_login(admin_user)
    data = {**news_form(**{"action-publish": "publish"}), "themes": [theme.pk]}
    response = client.post(add_news_url(indexes), data)
    assert response.status_code == 302, response.context["form"].errors
    page = NewsItemPage.objects.get(slug="leerlingprognoses")
    assert page.live
    assert list(page.themes.all()) == [theme]


def test_editor_explains_the_classification_and_sets_it_in_columns(client, editor, indexes, theme):
    client.force_login(editor)
    html = client.get(add_news_url(indexes)).content.decode()
    for help_text in (
        "Verplicht: kies ten minste één thema",
        "De onderwijssectoren waarover de pagina gaat",
        "Laat leeg als de pagina landelijk is",
        "Vrije trefwoorden, gescheiden door komma",
        "Maximaal zes pagina&#x27;s onder &#x27;Lees ook&#x27;",
        "Staat op de pagina en bepaalt de volgorde in overzichten",
    ):
        assert help_text in html, help_text
    assert 'id="id_themes" class="checkbox-columns"' in html
    assert 'id="id_sectors" class="checkbox-columns"' in html
    assert "taxonomy/admin.css" in html
    # The theme is marked as required, as the other required fields are.
    assert 'Thema&#x27;s<span class="w-required-mark">*</span>' in html


def test_sectors_are_named_in_full_with_their_abbreviation_in_the_editor(client, editor, indexes):
    sector = Sector.objects.get(abbreviation="VO")
    assert str(sector) == f"{sector.name} (VO)"
    client.force_login(editor)
    html = client.get(add_news_url(indexes)).content.decode()
    assert f"{sector.name} (VO)" in html


def test_a_sector_without_a_separate_abbreviation_is_shown_by_name():
    assert Sector(name="MBO", abbreviation="mbo").label == "MBO"
    assert Sector(name="Hoger onderwijs", abbreviation="HO").label == "Hoger onderwijs (HO)"
