"""Cached parts of pages (core.content_version, `{% fragment %}`): served from the cache, yet what
a visitor sees changes as soon as an editor publishes, restricts or edits something."""

import datetime
import re

from django.core.cache import cache
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest
from freezegun import freeze_time

from core.models import SiteSettings
from taxonomy.models import Region, Sector
from tests import factories


def without_csrf(content):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", content)


def html(client, page_or_url):
    url = page_or_url if isinstance(page_or_url, str) else page_or_url.url
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.fixture
def news(indexes, theme):
    return factories.NewsItemPageFactory(
        parent=indexes["news"], title="Besturen gaan samen", themes=[theme]
    )


def test_a_repeated_request_is_served_from_cached_fragments(client, news):
    first = queries(client, news.url)
    assert queries(client, news.url) < first / 2
    assert without_csrf(html(client, news)) == without_csrf(html(client, news))


def test_a_published_edit_shows_on_the_next_request(client, news, theme):
    html(client, news)
    html(client, theme)
    news.title = "Drie besturen gaan samen"
    news.save_revision().publish()
    assert "Drie besturen gaan samen" in html(client, news)
    assert "Drie besturen gaan samen" in html(client, theme)  # its card on the theme page


def test_an_unpublished_or_restricted_page_leaves_the_other_pages(client, indexes, news, theme):
    other = factories.NewsItemPageFactory(
        parent=indexes["news"], title="Regio kiest voor een kindcentrum", themes=[theme]
    )
    assert "Regio kiest voor een kindcentrum" in html(client, news)  # related content
    PageViewRestriction.objects.create(page=other, restriction_type=PageViewRestriction.LOGIN)
    assert "Regio kiest voor een kindcentrum" not in html(client, news)
    assert "Regio kiest voor een kindcentrum" not in html(client, theme)
    PageViewRestriction.objects.filter(page=other).delete()
    assert "Regio kiest voor een kindcentrum" in html(client, theme)
    other.unpublish()
    assert "Regio kiest voor een kindcentrum" not in html(client, theme)


def test_settings_and_menu_changes_show_everywhere(client, home, news):
    html(client, news)
    settings = SiteSettings.for_site(home.get_site())
    settings.footer_text = "Samen sterk in de regio."
    settings.save()
    assert "Samen sterk in de regio." in html(client, news)
    about = factories.ContentPageFactory(parent=home, title="Over het platform")
    assert "Over het platform" in html(client, news)  # the footer links
    about.title = "Wie wij zijn"
    about.save_revision().publish()
    assert "Wie wij zijn" in html(client, news)


def test_a_preview_shows_the_draft_and_never_the_cache(client, news):
    html(client, news)  # the published page's parts are in the cache now
    news.title = "Concepttitel die nog niet live is"
    preview = news.make_preview_request(None, "").content.decode()
    assert "Concepttitel die nog niet live is" in preview
    assert "Concepttitel die nog niet live is" not in html(client, news)


def test_an_event_is_no_longer_upcoming_the_day_after_it_ended(client, home, indexes, theme):
    today = timezone.localdate()
    factories.EventPageFactory(
        parent=indexes["events"], title="Regiodag krimp", themes=[theme], sessions=[today]
    )
    assert "Regiodag krimp" in html(client, theme)
    with freeze_time(today + datetime.timedelta(days=1, hours=12)):
        assert "Regiodag krimp" not in html(client, theme)


def test_pages_render_when_the_cache_fails(client, news, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.FailOpenRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }
    assert "Besturen gaan samen" in html(client, news)


def test_a_listing_caches_each_filter_and_page_apart_and_shows_new_pages(client, indexes, theme):
    other_theme = factories.ThemePageFactory(parent=indexes["themes"], title="Lerarentekort")
    for number in range(14):
        factories.NewsItemPageFactory(
            parent=indexes["news"], title=f"Krimpbericht {number:02}", themes=[theme],
            publication_date=timezone.localdate() - datetime.timedelta(days=number),
        )  # fmt: skip
    url = indexes["news"].url
    first_page = html(client, url)
    assert "Krimpbericht 00" in first_page and "Krimpbericht 13" not in first_page
    assert "Krimpbericht 13" in html(client, f"{url}?pagina=2")
    rendered = queries(client, f"{url}?thema=krimp")
    # From the cache: the listed pages are not read (their cards, and so their themes, were
    # already not: the unfiltered pages cached them).
    assert queries(client, f"{url}?thema=krimp") <= rendered - 1
    assert '<option value="lerarentekort"' not in html(client, url)  # no choice without pages

    factories.NewsItemPageFactory(
        parent=indexes["news"], title="Zij-instromers gezocht", themes=[other_theme],
        publication_date=timezone.localdate(),
    )  # fmt: skip
    page = html(client, url)
    assert "Zij-instromers gezocht" in page
    assert '<option value="lerarentekort">Lerarentekort (1)</option>' in page  # a new choice
    filtered = html(client, f"{url}?thema=lerarentekort")
    assert "Zij-instromers gezocht" in filtered and "Krimpbericht 00" not in filtered


def test_a_renamed_or_unpublished_page_is_routed_by_its_new_state(client, news):
    old_url = news.url
    assert client.get(old_url).status_code == 200
    news.slug = "besturen-werken-samen"
    news.save_revision().publish()
    assert client.get(old_url).status_code == 404
    assert client.get("/nieuws/besturen-werken-samen/").status_code == 200
    news.unpublish()
    assert client.get("/nieuws/besturen-werken-samen/").status_code == 404


def test_a_fragment_keyed_on_none_is_never_stored(rf, db):
    template = Template('{% load fragment_tags %}{% fragment "x" key %}{{ text }}{% endfragment %}')
    request = rf.get("/")

    def render(key, text):
        return template.render(Context({"request": request, "key": key, "text": text}))

    assert render(None, "eerste") == "eerste"
    assert render(None, "tweede") == "tweede"  # rendered again: nothing was stored
    assert render(1, "derde") == "derde"
    assert render(1, "vierde") == "derde"  # a real key is served from the cache


def test_the_cached_filter_form_shows_each_visitor_their_own_choice(client, indexes, theme):
    other_theme = factories.ThemePageFactory(parent=indexes["themes"], title="Lerarentekort")
    for page_theme in [theme, other_theme]:
        factories.NewsItemPageFactory(parent=indexes["news"], themes=[page_theme])
    url = indexes["news"].url
    for slug in ["krimp", "lerarentekort", "krimp"]:
        form = html(client, f"{url}?thema={slug}&pagina=1")
        assert re.search(rf'<option value="{slug}"[^>]* selected>', form)
        assert len(re.findall(r"<option [^>]*selected>", form)) == 1 + 3  # + the empty choices

    ignored = html(client, f"{url}?thema=onbekend")
    assert "Het filter Thema had een ongeldige waarde en is genegeerd." in ignored
    assert "genegeerd" not in html(client, url)


def test_a_listing_with_some_cards_cached_shows_what_a_fresh_render_shows(client, indexes, theme):
    regions = list(Region.objects.filter(slug__in=["groningen", "utrecht"]))
    for number in range(8):
        factories.PracticePageFactory(
            parent=indexes["practices"], title=f"Voorbeeld {number}", themes=[theme],
            regions=[regions[number % 2]], sectors=[Sector.objects.first()],
            organisations=[factories.OrganisationFactory()],
            listing_image=factories.ImageFactory() if number % 3 else None,
        )  # fmt: skip
    url = indexes["practices"].url
    html(client, f"{url}?regio={regions[0].slug}")  # the cards of half of them
    partly_cached = html(client, url)
    cache.clear()
    assert without_csrf(html(client, url)) == without_csrf(partly_cached)


def test_an_edited_page_shows_its_new_title_on_every_listing_and_never_a_draft(
    client, home, indexes, theme, news
):
    home.featured_pages = [("page", news)]
    home.save_revision().publish()
    url = indexes["news"].url
    year = news.publication_date.year
    listings = [url, f"{url}?thema=krimp", f"{url}?jaar={year}", home.url, theme.url]
    for listing in listings:
        assert "Besturen gaan samen" in html(client, listing)

    news.title = "Drie besturen gaan samen"
    news.save_revision()
    for listing in listings:
        page = html(client, listing)
        assert "Besturen gaan samen" in page and "Drie besturen" not in page

    news.save_revision().publish()
    for listing in listings:
        page = html(client, listing)
        assert "Drie besturen gaan samen" in page and "Besturen gaan samen" not in page


def test_fragments_inside_a_fragment_are_stored_with_it_in_one_round_trip(rf, db, monkeypatch):
    template = Template(
        '{% load fragment_tags %}{% fragment "list" %}<ul>{% for item in items %}'
        '{% fragment "item" item %}<li>{{ item }} {{ text }}</li>{% endfragment %}'
        "{% endfor %}</ul>{% endfragment %}"
    )
    request = rf.get("/")
    calls, storing_many = [], []
    real_set, real_set_many = cache.set, cache.set_many

    def set_many(data, *args, **kwargs):
        calls.append(("set_many", len(data)))
        storing_many.append(True)  # the local cache sets each key in turn
        real_set_many(data, *args, **kwargs)
        storing_many.clear()

    def set_one(key, *args, **kwargs):
        if not storing_many:
            calls.append(("set", key))
        real_set(key, *args, **kwargs)

    monkeypatch.setattr(cache, "set", set_one)
    monkeypatch.setattr(cache, "set_many", set_many)

    def render(items, text):
        return template.render(Context({"request": request, "items": items, "text": text}))

    assert render([1, 2, 3], "nieuw") == "<ul><li>1 nieuw</li><li>2 nieuw</li><li>3 nieuw</li></ul>"
    assert calls == [("set_many", 4)]
    # Each item was stored under its own key: another list with item 2 reuses it.
    request = rf.get("/")
    assert (
        Template(
            '{% load fragment_tags %}{% fragment "item" 2 %}{{ text }}{% endfragment %}'
        ).render(Context({"request": request, "text": "anders"}))
        == "<li>2 nieuw</li>"
    )


def test_a_fragment_that_fails_to_render_stores_nothing(rf, db):
    template = Template(
        '{% load fragment_tags %}{% fragment "list" %}'
        '{% fragment "item" 1 %}een{% endfragment %}{{ broken.call }}{% endfragment %}'
    )

    class Broken:
        def call(self):
            raise RuntimeError("the database went away")

    request = rf.get("/")
    with pytest.raises(RuntimeError):
        template.render(Context({"request": request, "broken": Broken()}))
    assert not hasattr(request, "_fragments_to_store")
    later = Template('{% load fragment_tags %}{% fragment "item" 1 %}twee{% endfragment %}')
    assert later.render(Context({"request": rf.get("/")})) == "twee"


def test_the_main_navigation_marks_the_current_section_on_every_page(client, indexes, theme):
    news_items = [
        factories.NewsItemPageFactory(parent=indexes["news"], title=f"Bericht {n}")
        for n in range(2)
    ]
    for index in indexes.values():
        index.show_in_menus = True
        index.save_revision().publish()

    def marked(url):
        nav = html(client, url).split('aria-label="Hoofdmenu"', 1)[1].split("</nav>", 1)[0]
        return re.findall(r'href="([^"]+)" aria-current="(\w+)"', nav)

    news_url = indexes["news"].url
    assert marked(news_items[0].url) == [(news_url, "true")]
    assert marked(news_url) == [(news_url, "page")]
    with CaptureQueriesContext(connection) as captured:
        assert marked(news_items[1].url) == [(news_url, "true")]  # the same navigation
    menu_queries = [q for q in captured if re.search(r'WHERE .*"show_in_menus"', q["sql"])]
    assert menu_queries == []
    assert marked(theme.url) == [(indexes["themes"].url, "true")]
    assert marked("/") == []


def test_breadcrumbs_share_their_trail_and_follow_a_renamed_overview(client, indexes):
    news_items = [
        factories.NewsItemPageFactory(parent=indexes["news"], title=f"Bericht {n}")
        for n in range(2)
    ]

    def trail(page):
        nav = html(client, page).split('aria-label="Kruimelpad"', 1)[1].split("</nav>", 1)[0]
        return re.findall(r">([^<>]+)</(?:a|span)>", nav)

    assert trail(news_items[0]) == ["Home", indexes["news"].title, "Bericht 0"]
    with CaptureQueriesContext(connection) as captured:
        assert trail(news_items[1]) == ["Home", indexes["news"].title, "Bericht 1"]
    ancestors = re.compile(r'"wagtailcore_page"\."path" IN .*"wagtailcore_page"\."depth" >=')
    assert [query for query in captured if ancestors.search(query["sql"])] == []

    indexes["news"].title = "Actueel"
    indexes["news"].save_revision().publish()
    assert trail(news_items[1]) == ["Home", "Actueel", "Bericht 1"]
