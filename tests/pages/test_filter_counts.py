"""Listing filters say how many pages each choice lists, and a combination that lists nothing
says so and offers a way out."""

import datetime
import html as html_module
import re

from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from tests import factories
from tests.pages.test_listings import build_news


@pytest.fixture(scope="class")
def news_url(shared_site):
    build_news(shared_site.indexes, shared_site.theme)
    return shared_site.indexes["news"].url


def options(html, name):
    """{label: disabled} of the options of the select `name`, as the visitor sees them."""
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
    return {
        html_module.unescape(label.strip()): "disabled" in attrs
        for attrs, label in re.findall(r"<option([^>]*)>([^<]*)</option>", select)
    }


class TestFilterCounts:
    def test_each_option_shows_how_many_pages_it_lists(self, client, news_url):
        html = client.get(news_url).content.decode()
        assert options(html, "regio") == {
            "Alle regio's": False,
            "Groningen (2)": False,
            "Drenthe (1)": False,
        }
        assert options(html, "sector") == {
            "Alle sectoren": False,
            "Primair onderwijs (PO) (2)": False,
            "Voortgezet onderwijs (VO) (1)": False,
        }
        assert options(html, "jaar") == {"Alle jaren": False, "2026 (2)": False, "2025 (1)": False}

    def test_counts_follow_the_other_filters(self, client, news_url):
        html = client.get(news_url, {"thema": "krimp"}).content.decode()
        # The theme's own options still count without the theme filter: another theme is a way on.
        assert options(html, "thema") == {
            "Alle thema's": False,
            "Krimp (2)": False,
            "Lerarentekort (1)": False,
        }
        assert options(html, "regio") == {
            "Alle regio's": False,
            "Groningen (1)": False,
            "Drenthe (1)": False,
        }
        html = client.get(news_url, {"regio": "drenthe"}).content.decode()
        # A choice that would list nothing is marked (0) and cannot be chosen.
        assert options(html, "sector") == {
            "Alle sectoren": False,
            "Primair onderwijs (PO) (0)": True,
            "Voortgezet onderwijs (VO) (1)": False,
        }
        assert options(html, "jaar")["2026 (0)"] is True

    def test_a_chosen_option_that_lists_nothing_stays_chosen(self, client, news_url):
        html = client.get(news_url, {"regio": "drenthe", "sector": "po"}).content.decode()
        assert options(html, "sector")["Primair onderwijs (PO) (0)"] is False
        assert re.search(r'<option value="po" selected>Primair onderwijs \(PO\) \(0\)', html)

    def test_a_combination_without_results_says_so_and_offers_a_way_out(self, client, news_url):
        response = client.get(news_url, {"regio": "drenthe", "sector": "po", "pagina": "2"})
        html = response.content.decode()
        assert "0 resultaten" in html
        assert "Deze combinatie van filters levert niets op" in html
        assert f'href="{news_url}?regio=drenthe">Zonder sector Primair onderwijs (PO)</a>' in html
        assert f'href="{news_url}?sector=po">Zonder regio Drenthe</a>' in html
        assert f'href="{news_url}">Wis alle filters</a>' in html
        # Each way out lists something.
        assert len(client.get(news_url, {"regio": "drenthe"}).context["items"]) == 1
        assert len(client.get(news_url, {"sector": "po"}).context["items"]) == 2


def test_drafts_and_private_pages_are_not_counted(client, indexes, theme):
    news = build_news(indexes, theme)
    news["krimp_drenthe_vo"].unpublish()
    private = factories.NewsItemPageFactory(parent=indexes["news"], title="Besloten")
    private.regions.set(news["krimp_groningen_po"].regions.all())
    private.save()
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    html = client.get(indexes["news"].url).content.decode()
    assert options(html, "regio") == {"Alle regio's": False, "Groningen (2)": False}


def test_the_agenda_counts_types_of_upcoming_events_only(client, indexes, theme):
    today = timezone.localdate()
    factories.EventPageFactory(parent=indexes["events"], sessions=[today + datetime.timedelta(5)])
    factories.EventPageFactory(parent=indexes["events"], sessions=[today - datetime.timedelta(5)])
    html = client.get(indexes["events"].url).content.decode()
    assert options(html, "type") == {"Alle soorten": False, "Bijeenkomst (1)": False}
    html = client.get(indexes["events"].url, {"periode": "afgelopen"}).content.decode()
    assert options(html, "type") == {"Alle soorten": False, "Bijeenkomst (1)": False}
