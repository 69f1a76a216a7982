"""A theme page starts with an overview (jump links, contact people), keeps its sections short
and has one sign-up form: its own."""

import datetime

from django.utils import timezone

import pytest
from bs4 import BeautifulSoup

from tests import factories
from themes.models import ThemeContact


@pytest.fixture(scope="class")
def theme_page(shared_site):
    """A theme with key figures, a contact, five items of two types and an upcoming event."""
    indexes, theme = shared_site.indexes, shared_site.theme
    theme.key_figures = [("figure", {"value": "1 op 5", "label": "besturen verwacht een fusie"})]
    theme.save_revision().publish()
    ThemeContact.objects.create(page=theme, person=factories.PersonFactory(name="Sanne Visser"))
    for day in range(1, 6):
        factories.NewsItemPageFactory(
            parent=indexes["news"], title=f"Krimpnieuws {day}", themes=[theme],
            publication_date=datetime.date(2026, 1, day),
        )  # fmt: skip
    factories.PracticePageFactory(parent=indexes["practices"], title="Krimppraktijk",
                                  themes=[theme])  # fmt: skip
    next_week = timezone.localdate() + datetime.timedelta(days=7)
    factories.EventPageFactory(
        parent=indexes["events"], title="Krimpdag", themes=[theme], sessions=[next_week]
    )
    return shared_site


def soup(client, site):
    response = client.get(site.theme.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


class TestThemePage:
    def test_jump_links_lead_to_sections_on_the_page(self, client, theme_page):
        page = soup(client, theme_page)
        nav = page.select_one("nav[aria-labelledby=on-this-page]")
        links = {a.get_text(strip=True): a["href"] for a in nav.select("a")}
        assert list(links) == [
            "Kerncijfers",
            "Nieuws",
            "Praktijkvoorbeelden",
            "Agenda",
            "Volg Krimp per e-mail",
        ]  # no publications on this theme: no link to an empty section
        for href in links.values():
            assert href.startswith("#")
            assert page.find(id=href[1:]) is not None, href
        assert len({tag["id"] for tag in page.select("[id]")}) == len(page.select("[id]"))

    def test_the_overview_and_contact_come_before_the_content(self, client, theme_page):
        main = soup(client, theme_page).select_one("main")
        order = [tag.get("id") for tag in main.select("[id]")]
        assert order.index("on-this-page") < order.index("contacts-heading")
        assert order.index("contacts-heading") < order.index("key-figures-heading")
        assert order.index("contacts-heading") < order.index("nieuws")
        assert "Sanne Visser" in main.select_one(".theme-overview").get_text()

    def test_sections_show_three_items_and_lead_to_the_rest(self, client, theme_page):
        page = soup(client, theme_page)
        news = page.find(id="nieuws").find_parent("section")
        titles = [a.get_text(strip=True) for a in news.select(".card__title a")]
        assert titles == ["Krimpnieuws 5", "Krimpnieuws 4", "Krimpnieuws 3"]
        more = news.select_one(".theme-section__more a")
        assert more.get_text(strip=True) == "Meer over Krimp in nieuws"
        assert more["href"] == f"{theme_page.indexes['news'].url}?thema=krimp"
        # It lists all five.
        listing = client.get(more["href"])
        assert listing.context["items"].paginator.count == 5

    def test_one_sign_up_form_for_this_theme(self, client, theme_page):
        page = soup(client, theme_page)
        forms = page.select("form.signup")
        assert len(forms) == 1
        assert forms[0].find_parent("footer") is None
        chosen = forms[0].select("input[name=themes][checked]")
        assert [box["value"] for box in chosen] == [str(theme_page.theme.pk)]

    def test_other_pages_keep_the_footer_form(self, client, theme_page):
        page = BeautifulSoup(client.get(theme_page.indexes["news"].url).content, "html.parser")
        assert page.select_one("footer form.signup") is not None
