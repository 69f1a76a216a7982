"""The index pages: filters that combine, keep their state, ignore bad values, and paginate."""

import datetime

from django.utils import timezone

import pytest

from agenda.enums import EventType
from core import content_version
from publications.enums import PublicationType
from taxonomy.models import Region, Sector
from tests import factories


def build_news(indexes, theme):
    sectors = {sector.slug: sector for sector in Sector.objects.all()}
    regions = {region.slug: region for region in Region.objects.all()}
    other_theme = factories.ThemePageFactory(parent=indexes["themes"], title="Lerarentekort")
    make = factories.NewsItemPageFactory
    parent = indexes["news"]
    return {
        "krimp_groningen_po": make(
            parent=parent, title="Krimp in Groningen", themes=[theme],
            sectors=[sectors["po"]], regions=[regions["groningen"]],
            publication_date=datetime.date(2026, 3, 1),
        ),
        "krimp_drenthe_vo": make(
            parent=parent, title="Krimp in Drenthe", themes=[theme],
            sectors=[sectors["vo"]], regions=[regions["drenthe"]],
            publication_date=datetime.date(2025, 6, 1),
        ),
        "tekort_groningen_po": make(
            parent=parent, title="Tekort in Groningen", themes=[other_theme],
            sectors=[sectors["po"]], regions=[regions["groningen"]],
            publication_date=datetime.date(2026, 1, 15),
        ),
    }  # fmt: skip


@pytest.fixture
def news(indexes, theme):
    return build_news(indexes, theme)


@pytest.fixture(scope="class")
def news_url(shared_site):
    """The news listing with three news items, for a class of tests that only read it."""
    build_news(shared_site.indexes, shared_site.theme)
    return shared_site.indexes["news"].url


def titles(response):
    return [item.title for item in response.context["items"]]


class TestNewsListing:
    """Tests that only read the same three news items."""

    def test_listing_shows_newest_first(self, client, news_url):
        response = client.get(news_url)
        assert response.status_code == 200
        assert titles(response) == ["Krimp in Groningen", "Tekort in Groningen", "Krimp in Drenthe"]

    def test_filters_combine(self, client, news_url):
        url = news_url
        assert titles(client.get(url, {"thema": "krimp"})) == [
            "Krimp in Groningen",
            "Krimp in Drenthe",
        ]
        assert titles(client.get(url, {"thema": "krimp", "regio": "groningen"})) == [
            "Krimp in Groningen"
        ]
        assert titles(client.get(url, {"sector": "po", "jaar": "2026"})) == [
            "Krimp in Groningen",
            "Tekort in Groningen",
        ]
        response = client.get(url, {"thema": "krimp", "sector": "vo", "regio": "groningen"})
        assert titles(response) == []
        assert "Deze combinatie van filters levert niets op" in response.content.decode()

    def test_filter_form_offers_only_values_with_content(self, client, news_url):
        form = client.get(news_url).context["filter_form"]
        assert [value for value, _ in form.fields["regio"].choices] == ["", "groningen", "drenthe"]
        assert [value for value, _ in form.fields["jaar"].choices] == ["", "2026", "2025"]
        assert "type" not in form.fields

    @pytest.mark.parametrize(
        "params",
        [
            {"thema": "bestaat-niet"},
            {"jaar": "twintig"},
            {"jaar": "99999999999999999999"},
            {"regio": "<script>"},
            {"pagina": "-1"},
            {"pagina": "abc"},
            {"pagina": "999"},
            {"type": "roman"},
        ],
    )
    def test_invalid_filter_values_are_ignored(self, client, news_url, params):
        response = client.get(news_url, params)
        assert response.status_code == 200
        assert len(titles(response)) == 3

    def test_nul_byte_in_a_filter_is_a_bad_request(self, client, news_url):
        # Refused for every URL before a view runs (core/middleware.py, tests/test_nul_bytes.py).
        response = client.get(news_url, {"sector": "po\x00"})
        assert response.status_code == 400

    def test_ignored_filter_is_mentioned(self, client, news_url):
        response = client.get(news_url, {"regio": "atlantis", "thema": "krimp"})
        assert titles(response) == ["Krimp in Groningen", "Krimp in Drenthe"]
        assert response.context["ignored_filters"] == ["Regio"]
        assert "ongeldige waarde" in response.content.decode()

    def test_combined_filters_are_not_indexed_by_search_engines(self, client, news_url):
        without = client.get(news_url, {"thema": "krimp"}).content.decode()
        assert 'content="noindex' not in without
        response = client.get(news_url, {"thema": "krimp", "regio": "groningen"})
        assert 'name="robots" content="noindex' in response.content.decode()


def test_pagination_keeps_filters(client, indexes, theme):
    for number in range(15):
        factories.NewsItemPageFactory(
            parent=indexes["news"], title=f"Bericht {number:02}", themes=[theme],
            publication_date=datetime.date(2026, 1, 1) + datetime.timedelta(days=number),
        )  # fmt: skip
    factories.NewsItemPageFactory(parent=indexes["news"], title="Zonder thema")
    url = indexes["news"].url
    first = client.get(url, {"thema": "krimp"})
    assert len(titles(first)) == 12
    assert "?thema=krimp&amp;pagina=2" in first.content.decode()
    second = client.get(url, {"thema": "krimp", "pagina": "2"})
    assert titles(second) == ["Bericht 02", "Bericht 01", "Bericht 00"]


def test_drafts_and_private_pages_are_not_listed(client, indexes, news):
    news["krimp_drenthe_vo"].unpublish()
    assert "Krimp in Drenthe" not in titles(client.get(indexes["news"].url))


def test_publication_type_filter(client, indexes):
    make = factories.PublicationPageFactory
    make(
        parent=indexes["publications"], title="Het rapport", publication_type=PublicationType.REPORT
    )
    make(
        parent=indexes["publications"],
        title="De handreiking",
        publication_type=PublicationType.GUIDE,
    )
    url = indexes["publications"].url
    response = client.get(url, {"type": "rapport"})
    assert titles(response) == ["Het rapport"]
    offered = [value for value, _ in response.context["filter_form"].fields["type"].choices]
    assert offered == ["", "rapport", "handreiking"]


def test_agenda_lists_upcoming_events_and_keeps_past_ones_in_the_archive(client, indexes):
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    make = factories.EventPageFactory
    make(parent=indexes["events"], title="Later", sessions=[today + 30 * day])
    make(parent=indexes["events"], title="Binnenkort", sessions=[today + day])
    make(parent=indexes["events"], title="Loopt nog", sessions=[today - 7 * day, today + 7 * day])
    make(parent=indexes["events"], title="Vorige maand", sessions=[today - 30 * day])
    make(parent=indexes["events"], title="Vorig jaar", sessions=[today - 365 * day],
         event_type=EventType.WEBINAR)  # fmt: skip
    url = indexes["events"].url
    assert titles(client.get(url)) == ["Loopt nog", "Binnenkort", "Later"]
    archive = client.get(url, {"periode": "afgelopen"})
    assert titles(archive) == ["Vorige maand", "Vorig jaar"]
    assert titles(client.get(url, {"periode": "afgelopen", "type": "webinar"})) == ["Vorig jaar"]


@pytest.mark.parametrize(
    ("index", "text"),
    [
        ("news", "Er zijn nog geen nieuwsberichten."),
        ("publications", "Er zijn nog geen publicaties."),
        ("practices", "Er zijn nog geen praktijkvoorbeelden."),
    ],
)
def test_an_empty_listing_says_what_it_will_list(client, indexes, index, text):
    response = client.get(indexes[index].url)
    assert response.status_code == 200
    assert f'<p class="notice">{text}</p>' in response.content.decode()


def test_cards_show_each_event_s_first_day_and_place_and_a_news_item_s_date(client, indexes, theme):
    first_day = timezone.localdate() + datetime.timedelta(days=10)
    factories.EventPageFactory(
        parent=indexes["events"], title="Regiodag", city="Zwolle", sessions=[first_day]
    )
    factories.EventPageFactory(
        parent=indexes["events"], title="Webinar krimp", is_online=True, city=""
    )
    factories.NewsItemPageFactory(
        parent=indexes["news"], title="Nieuws", publication_date=datetime.date(2026, 3, 1),
        themes=[theme],
    )  # fmt: skip

    agenda = client.get(indexes["events"].url).content.decode()
    assert f'<time class="meta__item" datetime="{first_day:%Y-%m-%d}">' in agenda
    assert '<span class="meta__item">Zwolle</span>' in agenda
    assert '<span class="meta__item">Online</span>' in agenda
    news = client.get(indexes["news"].url).content.decode()
    assert '<time class="meta__item" datetime="2026-03-01">1 maart 2026</time>' in news
    assert "Zwolle" not in news and '<span class="meta__item">Online</span>' not in news


@pytest.mark.parametrize(
    "filters, listed",
    [
        ({"thema": "krimp"}, ["Krimp in Groningen", "Krimp in Drenthe"]),
        ({"thema": "krimp", "regio": "groningen"}, ["Krimp in Groningen"]),
        ({"sector": "po", "jaar": "2026"}, ["Krimp in Groningen", "Tekort in Groningen"]),
        ({"thema": "krimp", "sector": "vo", "regio": "groningen"}, []),
    ],
)
def test_a_rare_combination_read_by_its_pages_ids_lists_what_the_filters_do(
    client, indexes, news, monkeypatch, filters, listed
):
    news["krimp_drenthe_vo"].save_revision().publish()  # a later revision: listed all the same
    url = indexes["news"].url
    by_ids = titles(client.get(url, filters))
    content_version.bump()  # nothing from the cache: the same listing read by the filters
    monkeypatch.setattr(type(indexes["news"]), "few_listed", 0)
    assert by_ids == titles(client.get(url, filters)) == listed


def test_a_rare_combination_never_lists_an_unpublished_page(client, indexes, news):
    news["krimp_groningen_po"].unpublish()
    assert titles(client.get(indexes["news"].url, {"thema": "krimp", "regio": "groningen"})) == []
