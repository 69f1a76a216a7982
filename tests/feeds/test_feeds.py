"""The RSS, Atom and iCalendar feeds, their autodiscovery links, and the iCalendar writer."""

import datetime
import re
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import Page, PageViewRestriction, Site

import pytest

from agenda.models import EventSession
from feeds import ical
from feeds.views import FEED_SIZE, feed_types
from tests import factories

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


# Helpers


def get_xml(client, url, content_type):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == f"{content_type}; charset=utf-8"
    return ET.fromstring(response.content)  # noqa: S314 (our own output)


def rss(client, url):
    root = get_xml(client, url, "application/rss+xml")
    assert root.tag == "rss" and root.get("version") == "2.0"
    return root.find("channel")


def atom(client, url):
    root = get_xml(client, url, "application/atom+xml")
    assert root.tag == f"{ATOM}feed"
    return root


def rss_titles(channel):
    return [item.findtext("title") for item in channel.findall("item")]


def atom_titles(feed):
    return [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")]


def ics_lines(response):
    """The physical lines of an iCalendar response, after checking CRLF and folding."""
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    text = response.content.decode()
    assert text.endswith("\r\n")
    lines = text[:-2].split("\r\n")
    for line in lines:
        assert "\n" not in line and "\r" not in line  # no bare line breaks
        assert len(line.encode()) <= 75, line
    return lines


def unfold(lines):
    logical = []
    for line in lines:
        if line.startswith(" "):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    return logical


def vevents(lines):
    """Each VEVENT as {property name with parameters: value}."""
    events, current = [], None
    for line in unfold(lines):
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            name, value = re.match(r"^([^:]+):(.*)$", line).groups()
            current[name] = value
    return events


def make_other_site():
    """A second site with its own news; its pages must not appear in the default site's feeds."""
    other_home = factories.HomePageFactory(
        parent=Page.get_first_root_node(), title="Andere site", slug="andere-home"
    )
    Site.objects.create(hostname="andere.example", port=80, root_page=other_home)
    other_news = factories.NewsIndexPageFactory(parent=other_home)
    return factories.NewsItemPageFactory(
        parent=other_news, title="Nieuws van de andere site", publication_date=datetime.date.today()
    )


@pytest.fixture(scope="class")
def content(shared_site):
    """One or two pages of every type, with known dates, themes and a draft and a private page;
    built once for a class of tests that only read them."""
    indexes, theme = shared_site.indexes, shared_site.theme
    other_theme = factories.ThemePageFactory(parent=indexes["themes"], title="Lerarentekort")
    soon = timezone.localdate() + datetime.timedelta(days=20)
    pages = {
        "news": factories.NewsItemPageFactory(
            parent=indexes["news"], title="Krimp in Groningen", themes=[theme, other_theme],
            intro="Scholen & besturen <samen>", publication_date=datetime.date(2026, 3, 1),
        ),
        "summer_news": factories.NewsItemPageFactory(
            parent=indexes["news"], title="Zomernieuws", themes=[other_theme],
            publication_date=datetime.date(2025, 7, 1),
        ),
        "publication": factories.PublicationPageFactory(
            parent=indexes["publications"], title="Handreiking krimp", themes=[theme],
            authors="Anna de Vries, Bram Jansen", publication_date=datetime.date(2026, 2, 1),
        ),
        "practice": factories.PracticePageFactory(
            parent=indexes["practices"], title="Samen een spreidingsplan",
            publication_date=datetime.date(2025, 12, 1),
        ),
        "event": factories.EventPageFactory(
            parent=indexes["events"], title="Regiobijeenkomst krimp", themes=[theme],
            sessions=[soon], publication_date=datetime.date(2026, 2, 15),
        ),
        "draft": factories.NewsItemPageFactory(
            parent=indexes["news"], title="Concept", themes=[theme], live=False,
            publication_date=datetime.date(2026, 4, 1),
        ),
        "private": factories.NewsItemPageFactory(
            parent=indexes["news"], title="Alleen voor leden", themes=[theme],
            publication_date=datetime.date(2026, 4, 2),
        ),
        "other_site": make_other_site(),
    }  # fmt: skip
    PageViewRestriction.objects.create(page=pages["private"], restriction_type="login")
    return pages


ALL_TITLES = [
    "Krimp in Groningen",
    "Regiobijeenkomst krimp",
    "Handreiking krimp",
    "Samen een spreidingsplan",
    "Zomernieuws",
]


# RSS and Atom


class TestFeeds:
    """The feeds of the same pages, which these tests only read."""

    def test_rss_feed_of_everything(self, client, content):
        channel = rss(client, "/feeds/rss/")
        assert channel.findtext("title") == "Test — Alle inhoud"
        assert channel.findtext("language") == "nl"
        assert channel.findtext("description").startswith(
            "Nieuws, publicaties, praktijkvoorbeelden en agenda van Test"
        )
        assert rss_titles(channel) == ALL_TITLES  # newest first; no draft, private or other site

        first = channel.find("item")
        news = content["news"]
        assert first.findtext("link") == news.get_full_url()
        assert first.findtext("link").startswith("http://localhost/")
        assert first.findtext("guid") == news.get_full_url()
        assert first.find("guid").get("isPermaLink") == "true"
        assert first.findtext("pubDate") == "Sun, 01 Mar 2026 00:00:00 +0100"
        assert sorted(c.text for c in first.findall("category")) == ["Krimp", "Lerarentekort"]
        # The plain-text intro is HTML-escaped, as readers treat descriptions as HTML.
        assert first.findtext("description") == "Scholen &amp; besturen &lt;samen&gt;"

        summer = channel.findall("item")[-1]
        assert summer.findtext("pubDate") == "Tue, 01 Jul 2025 00:00:00 +0200"

    def test_rss_names_the_authors_of_a_publication(self, client, content):
        items = {
            item.findtext("title"): item for item in rss(client, "/feeds/rss/").findall("item")
        }
        assert items["Handreiking krimp"].findtext(f"{DC}creator") == "Anna de Vries, Bram Jansen"
        assert items["Krimp in Groningen"].find(f"{DC}creator") is None

    def test_atom_feed_of_everything(self, client, content):
        feed = atom(client, "/feeds/atom/")
        assert feed.findtext(f"{ATOM}title") == "Test — Alle inhoud"
        assert feed.findtext(f"{ATOM}id") == "http://testserver/feeds/atom/"
        assert feed.find(f"{ATOM}author/{ATOM}name").text == "Test"
        assert atom_titles(feed) == ALL_TITLES

        entries = {entry.findtext(f"{ATOM}title"): entry for entry in feed.findall(f"{ATOM}entry")}
        news = entries["Krimp in Groningen"]
        assert news.findtext(f"{ATOM}id") == content["news"].get_full_url()
        assert news.find(f"{ATOM}link").get("href") == content["news"].get_full_url()
        assert news.findtext(f"{ATOM}published") == "2026-03-01T00:00:00+01:00"
        assert news.findtext(f"{ATOM}summary") == "Scholen &amp; besturen &lt;samen&gt;"
        assert entries["Zomernieuws"].findtext(f"{ATOM}published") == "2025-07-01T00:00:00+02:00"
        author = entries["Handreiking krimp"].find(f"{ATOM}author/{ATOM}name")
        assert author.text == "Anna de Vries, Bram Jansen"
        for entry in entries.values():  # RFC 4287: every entry has exactly one updated
            assert len(entry.findall(f"{ATOM}updated")) == 1

    @pytest.mark.parametrize(
        ("slug", "title", "titles"),
        [
            ("nieuws", "Nieuws", ["Krimp in Groningen", "Zomernieuws"]),
            ("publicaties", "Publicaties", ["Handreiking krimp"]),
            ("praktijkvoorbeelden", "Praktijkvoorbeelden", ["Samen een spreidingsplan"]),
            ("agenda", "Agenda", ["Regiobijeenkomst krimp"]),
        ],
    )
    def test_type_feeds(self, client, content, slug, title, titles):
        channel = rss(client, f"/feeds/{slug}/rss/")
        assert channel.findtext("title") == f"Test — {title}"
        assert rss_titles(channel) == titles
        feed = atom(client, f"/feeds/{slug}/atom/")
        assert feed.findtext(f"{ATOM}title") == f"Test — {title}"
        assert atom_titles(feed) == titles

    def test_type_feed_links_to_its_index_page(self, client, content, shared_site):
        news = shared_site.indexes["news"]
        assert rss(client, "/feeds/nieuws/rss/").findtext("link") == news.get_full_url()

    def test_theme_feed_holds_only_that_themes_items(self, client, content, shared_site):
        channel = rss(client, "/feeds/thema/krimp/rss/")
        assert channel.findtext("title") == "Test — Thema Krimp"
        assert channel.findtext("link") == shared_site.theme.get_full_url()
        assert rss_titles(channel) == ["Krimp in Groningen", "Regiobijeenkomst krimp",
                                       "Handreiking krimp"]  # fmt: skip
        feed = atom(client, "/feeds/thema/krimp/atom/")
        assert feed.findtext(f"{ATOM}title") == "Test — Thema Krimp"
        assert atom_titles(feed) == rss_titles(channel)

    @pytest.mark.parametrize(
        "url",
        [
            "/feeds/onbekend/rss/",
            "/feeds/onbekend/atom/",
            "/feeds/thema/onbekend/rss/",
            "/feeds/thema/onbekend/atom/",
            "/feeds/thema/concept/rss/",
            "/feeds/thema/besloten/atom/",
            "/feeds/thema/anders/rss/",
        ],
    )
    def test_unknown_types_and_themes_are_not_found(self, client, content, shared_site, url):
        themes = shared_site.indexes["themes"]
        factories.ThemePageFactory(parent=themes, slug="concept", live=False)
        private = factories.ThemePageFactory(parent=themes, slug="besloten")
        PageViewRestriction.objects.create(page=private, restriction_type="login")
        other_home = Site.objects.get(hostname="andere.example").root_page
        other_themes = factories.ThemeIndexPageFactory(parent=other_home)
        factories.ThemePageFactory(parent=other_themes, slug="anders")
        assert client.get(url).status_code == 404


def test_feed_types_have_stable_dutch_slugs():
    assert list(feed_types()) == ["nieuws", "publicaties", "praktijkvoorbeelden", "agenda"]


def test_feeds_hold_the_newest_twenty(client, indexes):
    first = datetime.date(2026, 1, 1)
    for day in range(FEED_SIZE + 5):
        factories.NewsItemPageFactory(
            parent=indexes["news"],
            title=f"Bericht {day:02}",
            publication_date=first + datetime.timedelta(days=day),
        )
    expected = [f"Bericht {day:02}" for day in reversed(range(5, FEED_SIZE + 5))]
    assert rss_titles(rss(client, "/feeds/rss/")) == expected
    assert atom_titles(atom(client, "/feeds/nieuws/atom/")) == expected


def test_feeds_are_valid_without_content(client, home):
    assert rss_titles(rss(client, "/feeds/rss/")) == []
    assert atom_titles(atom(client, "/feeds/agenda/atom/")) == []


# Query counts


def fill(indexes, theme, count):
    upcoming = timezone.localdate() + datetime.timedelta(days=10)
    for _ in range(count):
        factories.NewsItemPageFactory(parent=indexes["news"], themes=[theme])
        factories.PublicationPageFactory(parent=indexes["publications"], themes=[theme])
        factories.PracticePageFactory(parent=indexes["practices"], themes=[theme])
        factories.EventPageFactory(
            parent=indexes["events"], themes=[theme], sessions=[upcoming, upcoming]
        )


FEED_URLS = [
    "/feeds/rss/",
    "/feeds/atom/",
    "/feeds/nieuws/rss/",
    "/feeds/agenda/atom/",
    "/feeds/thema/krimp/rss/",
    "/feeds/agenda.ics",
]


def count_queries(client, url):
    client.get(url)  # warm the caches (site root paths, content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_queries_do_not_grow_with_the_number_of_items(client, indexes, theme):
    fill(indexes, theme, 2)
    few = {url: count_queries(client, url) for url in FEED_URLS}
    fill(indexes, theme, 10)  # 12 of each type: more items in every feed, none full (20)
    many = {url: count_queries(client, url) for url in FEED_URLS}
    assert few == many
    assert max(many.values()) <= 15


# Autodiscovery


def alternates(client, url):
    response = client.get(url)
    assert response.status_code == 200
    head = response.content.decode().split("</head>")[0]
    return {
        (kind, href)
        for kind, href in re.findall(
            r'<link rel="alternate" type="([^"]+)" title="[^"]+" href="([^"]+)">', head
        )
    }


SITE_WIDE = {
    ("application/rss+xml", "http://testserver/feeds/rss/"),
    ("application/atom+xml", "http://testserver/feeds/atom/"),
}


def test_home_page_links_the_site_wide_feeds(client, home):
    assert alternates(client, home.url) == SITE_WIDE


def test_theme_page_links_its_theme_feed(client, theme):
    assert alternates(client, theme.url) == SITE_WIDE | {
        ("application/rss+xml", "http://testserver/feeds/thema/krimp/rss/"),
        ("application/atom+xml", "http://testserver/feeds/thema/krimp/atom/"),
    }


def test_listing_pages_and_their_items_link_their_type_feed(client, content, shared_site):
    news_feeds = SITE_WIDE | {
        ("application/rss+xml", "http://testserver/feeds/nieuws/rss/"),
        ("application/atom+xml", "http://testserver/feeds/nieuws/atom/"),
    }
    assert alternates(client, shared_site.indexes["news"].url) == news_feeds
    assert alternates(client, content["news"].url) == news_feeds
    agenda = alternates(client, content["event"].url)
    assert ("text/calendar", "http://testserver/feeds/agenda.ics") in agenda
    assert ("application/rss+xml", "http://testserver/feeds/agenda/rss/") in agenda


def test_listing_page_offers_to_follow_it(client, indexes):
    response = client.get(indexes["publications"].url)
    assert '<a href="/feeds/publicaties/rss/">Volg via RSS</a>' in response.content.decode()
    response = client.get(indexes["events"].url)
    assert '<a href="/feeds/agenda.ics">' in response.content.decode()


def test_autodiscovery_costs_no_query_of_its_own(client, theme):
    from django.template import Context, Template
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    Site.find_for_request(request)  # base.html has found the site already
    template = Template("{% load feed_tags %}{% feed_links %}")
    with CaptureQueriesContext(connection) as queries:
        html = template.render(Context({"request": request, "page": theme.specific}))
    assert len(queries) == 0
    assert "/feeds/thema/krimp/atom/" in html


# The iCalendar writer


def event_text(**fields):
    stamp = datetime.datetime(2026, 1, 1, 12, tzinfo=datetime.UTC)
    event = ical.Event(uid="sessie-1@example.nl", start=datetime.date(2026, 1, 15), stamp=stamp,
                       **{"summary": "Bijeenkomst", **fields})  # fmt: skip
    return ical.calendar([event], prodid="-//Test//NL")


def unfolded(text):
    return text.replace("\r\n ", "")


def test_text_is_escaped():
    text = unfolded(event_text(summary="a,b;c\\d\ne\r\nf\tg\x07"))
    assert "SUMMARY:a\\,b\\;c\\\\d\\ne\\nf\tg\r\n" in text


@pytest.mark.parametrize("text", ["x" * 400, "é" * 200, "€" * 150 + "x", "a" + "🙂" * 60])
def test_lines_are_folded_at_75_octets_without_splitting_characters(text):
    lines = event_text(description=text).split("\r\n")
    assert all(len(line.encode()) <= 75 for line in lines)
    assert f"DESCRIPTION:{text}\r\n" in unfolded(event_text(description=text))


def test_short_lines_are_not_folded():
    assert "\r\nSUMMARY:" + "X" * 66 + "\r\n" in event_text(summary="X" * 66)


def test_calendar_uses_crlf_and_utc():
    stamp = datetime.datetime(2026, 1, 1, 12, tzinfo=datetime.UTC)
    event = ical.Event(
        uid="sessie-1@example.nl",
        start=datetime.datetime(2026, 1, 15, 13, tzinfo=AMSTERDAM),
        end=datetime.datetime(2026, 1, 15, 16, tzinfo=AMSTERDAM),
        summary="Bijeenkomst",
        stamp=stamp,
    )
    text = ical.calendar([event], prodid="-//Test//NL")
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert "DTSTART:20260115T120000Z\r\n" in text and "DTEND:20260115T150000Z\r\n" in text
    assert "DTSTAMP:20260101T120000Z\r\n" in text


def test_calendar_refuses_naive_times_and_backwards_events():
    stamp = timezone.now()
    naive = ical.Event(uid="a", start=datetime.datetime(2026, 1, 1, 13), summary="x", stamp=stamp)
    with pytest.raises(ValueError, match="aware"):
        naive.component()
    backwards = ical.Event(
        uid="b",
        start=datetime.date(2026, 1, 2),
        end=datetime.date(2026, 1, 1),
        summary="x",
        stamp=stamp,
    )
    with pytest.raises(ValueError, match="later"):
        backwards.component()


# The agenda as iCalendar


def next_year(month, day):
    return datetime.date(timezone.localdate().year + 1, month, day)


@pytest.fixture
def agenda(indexes, theme):
    """A course with a winter and a summer session, an online webinar, and some to leave out."""
    course = factories.EventPageFactory(
        parent=indexes["events"], title="Leergang krimp", themes=[theme],
        intro="Drie dagen; met lunch,\nen een excursie.",
        sessions=[next_year(1, 14), next_year(7, 15)],
    )  # fmt: skip
    webinar = factories.EventPageFactory(
        parent=indexes["events"], title="Webinar", is_online=True, location_name="",
        address="", postcode="", city="",
    )  # fmt: skip
    webinar.sessions = [EventSession(date=next_year(3, 3), title="Deel 1: de cijfers")]
    webinar.save()
    recent = factories.EventPageFactory(
        parent=indexes["events"], title="Terugblik",
        sessions=[timezone.localdate() - datetime.timedelta(days=30)],
    )  # fmt: skip
    factories.EventPageFactory(
        parent=indexes["events"], title="Lang geleden",
        sessions=[timezone.localdate() - datetime.timedelta(days=100)],
    )  # fmt: skip
    factories.EventPageFactory(parent=indexes["events"], title="Concept", live=False)
    return {"course": course, "webinar": webinar, "recent": recent}


def test_agenda_has_one_event_per_session(client, agenda):
    events = vevents(ics_lines(client.get("/feeds/agenda.ics")))
    assert [event["SUMMARY"] for event in events] == [
        "Terugblik",
        "Leergang krimp",
        "Webinar: Deel 1: de cijfers",
        "Leergang krimp",
    ]
    assert len({event["UID"] for event in events}) == 4
    course_sessions = list(agenda["course"].sessions.all())
    assert events[1]["UID"] == f"sessie-{course_sessions[0].pk}@localhost"
    assert events[1]["URL"] == agenda["course"].get_full_url()
    assert events[1]["LOCATION"] == "Vergadercentrum De Brug\\, Stationsplein 1\\, 3511 AA Utrecht"
    assert events[1]["DESCRIPTION"] == (
        "Drie dagen\\; met lunch\\,\\nen een excursie.\\n\\nMeer informatie: "
        + agenda["course"].get_full_url()
    )
    assert all("DTSTAMP" in event for event in events)


def test_agenda_times_are_utc_in_winter_and_summer(client, agenda):
    events = vevents(ics_lines(client.get("/feeds/agenda.ics")))
    winter, summer = (event for event in events if event["SUMMARY"] == "Leergang krimp")
    day = next_year(1, 14).strftime("%Y%m%d")
    assert winter["DTSTART"] == f"{day}T120000Z"  # 13:00 CET is 12:00 UTC
    assert winter["DTEND"] == f"{day}T150000Z"
    day = next_year(7, 15).strftime("%Y%m%d")
    assert summer["DTSTART"] == f"{day}T110000Z"  # 13:00 CEST is 11:00 UTC
    assert summer["DTEND"] == f"{day}T140000Z"


def test_agenda_session_without_times_is_all_day_and_online(client, agenda):
    (webinar,) = (
        event
        for event in vevents(ics_lines(client.get("/feeds/agenda.ics")))
        if event["SUMMARY"].startswith("Webinar")
    )
    assert webinar["DTSTART;VALUE=DATE"] == next_year(3, 3).strftime("%Y%m%d")
    assert webinar["DTEND;VALUE=DATE"] == next_year(3, 4).strftime("%Y%m%d")
    assert "DTSTART" not in webinar
    assert webinar["LOCATION"] == "Online"


def test_agenda_uids_survive_a_new_revision(client, agenda):
    before = [event["UID"] for event in vevents(ics_lines(client.get("/feeds/agenda.ics")))]
    course = agenda["course"]
    course.title = "Leergang krimp en groei"
    course.save_revision().publish()
    events = vevents(ics_lines(client.get("/feeds/agenda.ics")))
    assert [event["UID"] for event in events] == before
    assert "Leergang krimp en groei" in [event["SUMMARY"] for event in events]


def test_agenda_is_valid_without_events(client, home):
    lines = ics_lines(client.get("/feeds/agenda.ics"))
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and not vevents(lines)
