"""A practice's editor says where its story goes: the four sections, and the body only for
what does not fit them."""

from django.urls import reverse

from wagtail.rich_text import RichText

from tests import factories


def test_practice_editor_guides_sections_and_labels_the_body_optional(client, editor, indexes):
    client.force_login(editor)
    url = reverse(
        "wagtailadmin_pages:add", args=("publications", "practicepage", indexes["practices"].pk)
    )
    html = client.get(url).content.decode()
    assert "Het praktijkvoorbeeld" in html
    assert "Schrijf het verhaal in deze vier velden" in html
    assert "Welk probleem of welke vraag was er" in html
    assert "Aanvullende inhoud (optioneel)" in html
    assert "Alleen voor wat niet in de vier vaste onderdelen past" in html
    # The story comes before the additional content, as on the site.
    assert html.index("Het praktijkvoorbeeld") < html.index("Aanvullende inhoud (optioneel)")


def test_other_pages_keep_the_plain_body_label(client, editor, indexes):
    client.force_login(editor)
    url = reverse(
        "wagtailadmin_pages:add", args=("publications", "newsitempage", indexes["news"].pk)
    )
    assert "Aanvullende inhoud" not in client.get(url).content.decode()


def test_practice_page_shows_the_additional_content_after_its_sections(client, indexes):
    page = factories.PracticePageFactory(parent=indexes["practices"])
    page.body = [("paragraph", RichText("<p>Bekijk ook de opname van de slotbijeenkomst.</p>"))]
    page.save()
    content = client.get(page.url).content.decode()
    assert content.index("Begin vroeg en betrek ouders.") < content.index(
        "Bekijk ook de opname van de slotbijeenkomst."
    )
