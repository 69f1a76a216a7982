"""Every page type renders its own fields, in Dutch, with its classification."""

import datetime

from django.template.defaultfilters import filesizeformat

import pytest

from agenda.enums import EventType
from taxonomy.models import Region, Sector
from tests import factories
from themes.models import ThemeContact

BODY = [
    ("heading", {"text": "Wat we leerden", "level": "h2"}),
    ("paragraph", "<p>Begin vroeg met <b>samen plannen</b>.</p>"),
    ("quote", {"text": "Samen staan we sterker.", "attribution": "Een bestuurder"}),
    (
        "key_figures",
        {"title": "In cijfers", "figures": [{"value": "-12%", "label": "leerlingen tot 2030"}]},
    ),
]


def html(client, page, **params):
    response = client.get(page.url, params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def classification(theme):
    return {
        "themes": [theme],
        "sectors": [Sector.objects.get(slug="po")],
        "regions": [Region.objects.get(slug="drenthe")],
        "tags": ["spreidingsplan"],
    }


def test_news_item(client, indexes, classification):
    page = factories.NewsItemPageFactory(
        parent=indexes["news"], title="Besturen in Drenthe werken samen",
        intro="Drie besturen tekenen een convenant.", body=BODY,
        publication_date=datetime.date(2026, 3, 5), **classification,
    )  # fmt: skip
    content = html(client, page)
    assert "<h1" in content and "Besturen in Drenthe werken samen" in content
    assert "Drie besturen tekenen een convenant." in content
    assert "5 maart 2026" in content
    assert "Wat we leerden" in content and "samen plannen" in content
    assert "Samen staan we sterker." in content and "-12%" in content
    for label in ["Krimp", "Primair onderwijs", "Drenthe", "spreidingsplan"]:
        assert label in content
    assert '<html lang="nl"' in content
    assert 'property="og:title"' in content
    assert '<meta name="description" content="Drie besturen tekenen een convenant."' in content


def test_news_item_shows_related_news_on_the_same_theme(client, indexes, classification):
    page = factories.NewsItemPageFactory(parent=indexes["news"], **classification)
    factories.NewsItemPageFactory(
        parent=indexes["news"], title="Ook over krimp", themes=classification["themes"]
    )
    factories.NewsItemPageFactory(parent=indexes["news"], title="Over iets anders")
    content = html(client, page)
    assert "Ook over krimp" in content
    assert "Over iets anders" not in content


def test_publication_lists_its_documents_with_type_and_size(client, indexes, classification):
    document = factories.DocumentFactory(title="Handreiking spreidingsplan")
    page = factories.PublicationPageFactory(
        parent=indexes["publications"], title="Handreiking spreidingsplan",
        documents=[document], **classification,
    )  # fmt: skip
    content = html(client, page)
    assert "Handreiking" in content  # the type label
    assert "Anna de Vries" in content and "Bram Jansen" in content
    assert document.url in content
    assert "PDF" in content
    assert document.file_size and filesizeformat(document.file_size) in content


def test_practice_shows_its_sections_and_contact(client, indexes, classification):
    person = factories.PersonFactory(name="Karin Mulder", email="karin@example.nl")
    organisation = factories.OrganisationFactory(name="Stichting Eemsdelta")
    page = factories.PracticePageFactory(
        parent=indexes["practices"], contact_person=person, organisations=[organisation],
        **classification,
    )  # fmt: skip
    content = html(client, page)
    for heading in ["Aanleiding", "Aanpak", "Resultaten", "Succesfactoren en geleerde lessen"]:
        assert heading in content
    assert "Het aantal leerlingen daalde snel." in content
    assert "Karin Mulder" in content and "mailto:karin@example.nl" in content
    assert "Stichting Eemsdelta" in content


def test_event_shows_sessions_location_price_and_registration(client, indexes, classification):
    page = factories.EventPageFactory(
        parent=indexes["events"], event_type=EventType.LEARNING_TRACK, price=450,
        registration_url="https://www.example.nl/aanmelden",
        sessions=[datetime.date(2099, 1, 12), datetime.date(2099, 2, 9)], **classification,
    )  # fmt: skip
    content = html(client, page)
    assert "12 januari 2099" in content and "9 februari 2099" in content
    assert "13.00–16.00 uur" in content
    assert "Vergadercentrum De Brug" in content and "Utrecht" in content
    assert "450,00" in content and "excl. btw" in content
    assert "https://www.example.nl/aanmelden" in content
    assert "Leergang" in content


def test_past_free_event_says_so(client, indexes):
    page = factories.EventPageFactory(
        parent=indexes["events"], price=0, registration_url="https://www.example.nl/a",
        sessions=[datetime.date(2020, 5, 1)],
    )  # fmt: skip
    content = html(client, page)
    assert "Gratis" in content
    assert "heeft plaatsgevonden" in content
    assert "https://www.example.nl/a" not in content


def test_theme_page_lists_newest_items_of_every_type(client, indexes, theme):
    theme.key_figures = [("figure", {"value": "1 op 5", "label": "besturen verwacht een fusie"})]
    theme.save()
    person = factories.PersonFactory(name="Sanne Visser")
    ThemeContact.objects.create(page=theme, person=person)
    factories.NewsItemPageFactory(parent=indexes["news"], title="Nieuws over krimp", themes=[theme])
    factories.PublicationPageFactory(
        parent=indexes["publications"], title="Rapport over krimp", themes=[theme]
    )
    factories.PracticePageFactory(
        parent=indexes["practices"], title="Praktijk over krimp", themes=[theme]
    )
    factories.EventPageFactory(parent=indexes["events"], title="Activiteit over krimp",
                               themes=[theme])  # fmt: skip
    factories.EventPageFactory(parent=indexes["events"], title="Voorbij over krimp",
                               themes=[theme], sessions=[datetime.date(2020, 1, 1)])  # fmt: skip
    factories.NewsItemPageFactory(parent=indexes["news"], title="Niet over krimp")
    content = html(client, theme)
    for title in ["Nieuws over krimp", "Rapport over krimp", "Praktijk over krimp",
                  "Activiteit over krimp", "1 op 5", "Sanne Visser"]:  # fmt: skip
        assert title in content
    assert "Niet over krimp" not in content
    assert "Voorbij over krimp" not in content, "past events stay off the theme page"
    assert f"{indexes['news'].url}?thema=krimp" in content


def test_home_page(client, home, indexes, theme):
    news = factories.NewsItemPageFactory(parent=indexes["news"], title="Laatste nieuws")
    factories.EventPageFactory(parent=indexes["events"], title="Komende bijeenkomst")
    featured = factories.PracticePageFactory(parent=indexes["practices"], title="Uitgelicht!")
    home.featured_pages = [("page", featured)]
    home.save()
    content = html(client, home)
    for text in ["Laatste nieuws", "Komende bijeenkomst", "Uitgelicht!", "Krimp"]:
        assert text in content
    for label in ["Thema's", "Nieuws", "Publicaties", "Praktijkvoorbeelden", "Agenda"]:
        assert f">{label}<" in content, label
    assert 'action="/zoeken/"' in content
    assert news.url in content


def test_content_page_and_breadcrumbs(client, home):
    page = factories.ContentPageFactory(
        parent=home, title="Toegankelijkheid", intro="Wij streven naar WCAG 2.1 AA."
    )
    content = html(client, page)
    assert "Wij streven naar WCAG 2.1 AA." in content
    assert 'aria-label="Kruimelpad"' in content or "breadcrumb" in content.lower()


def test_unknown_address_gives_a_dutch_404(client, home):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "niet gevonden" in response.content.decode().lower()


def test_500_page_renders_without_a_database(settings):
    from django.template.loader import render_to_string

    content = render_to_string("500.html")
    assert 'lang="nl"' in content


def test_share_tags_say_what_each_kind_of_page_is(client, indexes, classification):
    image = factories.ImageFactory()
    news = factories.NewsItemPageFactory(
        parent=indexes["news"], intro="Drie besturen tekenen een convenant.",
        listing_image=image, **classification,
    )  # fmt: skip
    indexes["news"].intro = "Het laatste nieuws over krimp en samenwerking."
    indexes["news"].save_revision().publish()

    item = html(client, news)
    assert '<meta property="og:type" content="article">' in item
    assert '<meta property="og:description" content="Drie besturen tekenen een convenant.">' in item
    assert '<meta property="og:image"' in item
    overview = html(client, indexes["news"])
    assert '<meta property="og:type" content="website">' in overview
    assert '<meta name="description" content="Het laatste nieuws over krimp' in overview
    assert "og:image" not in overview
