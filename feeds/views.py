"""Feeds for readers who follow the site in a feed reader or a calendar app.

- RSS 2.0 and Atom feeds of the classified content (every type from `classified_page_models()`):
  all of it, one type (`nieuws`, `publicaties`, ...) or one theme. The 20 newest items by
  publication date, live and public pages of the current site only.
- The agenda as iCalendar: one event per session, upcoming and the last 90 days.
- One event as iCalendar, to add to a calendar: all its sessions, or one of them.

Each feed costs a fixed number of queries, however many items it holds: per page type one query
for the pages and one for their themes (and for the agenda one for the sessions).
"""

import datetime
import re
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.text import capfirst, slugify

from wagtail.models import Site

from agenda.models import EventPage, EventSession
from core import naming
from core.addresses import absolute_url
from core.content_types import classified_page_models
from core.naming import site_name
from themes.models import ThemePage

from . import ical

FEED_SIZE = 20
AGENDA_PAST_DAYS = 90
MAX_ID = 2**63 - 1  # a larger id in a URL is no page, and the database cannot compare it
# XML 1.0 does not allow these; an intro pasted from a word processor can contain them.
_XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def type_slug(model):
    """The Dutch URL slug of a page type's feed: its plural name (`nieuws`, `agenda`, ...).

    A model can pin its slug with a `feed_slug` attribute; subscribers' URLs must not change when
    a verbose name does (a test pins the current ones).
    """
    return getattr(model, "feed_slug", None) or slugify(str(model._meta.verbose_name_plural))


def feed_types():
    """{slug: model} for every classified page type, in the site's order."""
    return {type_slug(model): model for model in classified_page_models()}


def current_site(request):
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("Er is geen site op dit adres.")
    return site


def dutch_list(words):
    """`a, b en c`."""
    words = list(words)
    return " en ".join([", ".join(words[:-1]), words[-1]]) if len(words) > 1 else "".join(words)


def type_label(model):
    return naming.type_label(model, plural=True)


def everything_label():
    """`nieuws, publicaties, praktijkvoorbeelden en agenda`."""
    return dutch_list(str(model._meta.verbose_name_plural) for model in classified_page_models())


def feed_title(site, model=None, theme=None):
    """`Kennisplatform — Nieuws`, `Kennisplatform — Thema Krimp`, `Kennisplatform — Alle inhoud`."""
    if model is not None:
        return f"{site_name(site)} — {type_label(model)}"
    if theme is not None:
        return f"{site_name(site)} — Thema {theme.title}"
    return f"{site_name(site)} — Alle inhoud"


def xml_text(value):
    return _XML_INVALID.sub("", str(value or ""))


def start_of_day(day):
    """Midnight at the start of `day` in the site's time zone (Europe/Amsterdam), aware."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_default_timezone())


@dataclass(frozen=True)
class FeedScope:
    """What one feed request is about: the site, the page types and optionally one theme."""

    request: object
    site: Site
    models: tuple
    title: str
    description: str
    link: str
    theme: ThemePage | None = None


@dataclass(frozen=True)
class FeedItem:
    title: str
    link: str
    description: str
    pubdate: datetime.datetime
    updateddate: datetime.datetime
    categories: tuple
    author: str | None


def feed_scope(request, type_slug=None, theme_slug=None):
    """The scope of a feed URL; an unknown type or theme is a 404."""
    site = current_site(request)
    name = site_name(site)
    root_url = site.root_page.specific_deferred.get_full_url(request) or absolute_url("/", request)
    if type_slug is not None:
        model = feed_types().get(type_slug)
        if model is None:
            raise Http404("Deze feed bestaat niet.")
        index_model = model.allowed_parent_page_models()[0]
        index = index_model.objects.live().public().in_site(site).order_by("path").first()
        return FeedScope(
            request=request,
            site=site,
            models=(model,),
            title=feed_title(site, model=model),
            description=f"{type_label(model)} van {name}, het nieuwste eerst.",
            link=(index.get_full_url(request) if index else None) or root_url,
        )
    if theme_slug is not None:
        theme = (
            ThemePage.objects.live()
            .public()
            .in_site(site)
            .filter(slug=theme_slug)
            .order_by("path")
            .first()
        )
        if theme is None:
            raise Http404("Dit thema bestaat niet.")
        return FeedScope(
            request=request,
            site=site,
            models=classified_page_models(),
            title=feed_title(site, theme=theme),
            description=f"{capfirst(everything_label())} over het thema {theme.title}.",
            link=theme.get_full_url(request) or root_url,
            theme=theme,
        )
    return FeedScope(
        request=request,
        site=site,
        models=classified_page_models(),
        title=feed_title(site),
        description=f"{capfirst(everything_label())} van {name}, het nieuwste eerst.",
        link=root_url,
    )


def themes_prefetch():
    return Prefetch(
        "themes", queryset=ThemePage.objects.live().order_by("title").only("title", "slug")
    )


def newest_pages(scope):
    """The newest live, public pages of the scope's types in the current site, newest first.

    One query per type (plus one for the themes): each type's newest FEED_SIZE, merged.
    """
    pages = []
    for model in scope.models:
        queryset = model.objects.live().public().in_site(scope.site)
        if scope.theme is not None:
            queryset = queryset.filter(themes=scope.theme)
        pages += (
            queryset.defer_streamfields()
            .prefetch_related(themes_prefetch())
            .order_by("-publication_date", "-pk")[:FEED_SIZE]
        )
    pages.sort(key=lambda page: (page.publication_date, page.pk), reverse=True)
    return pages[:FEED_SIZE]


def feed_item(page, request):
    pubdate = start_of_day(page.publication_date)
    # Atom needs an updated time for every entry: the last publish, or else the publication date.
    updated = max(page.last_published_at or pubdate, pubdate)
    author_list = getattr(page, "author_list", None)  # publications name their authors
    return FeedItem(
        title=xml_text(page.title),
        link=page.get_full_url(request),
        # Readers treat an RSS description and an Atom summary (type="html") as HTML, so the
        # plain-text intro is HTML-escaped: "a < b" shows as written, not as a broken tag.
        description=escape(xml_text(page.intro)),
        pubdate=pubdate,
        updateddate=updated,
        categories=tuple(xml_text(theme.title) for theme in page.themes.all()),
        author=xml_text(", ".join(author_list)) if author_list else None,
    )


class ContentFeed(Feed):
    """RSS 2.0: everything, one type (`type_slug`) or one theme (`theme_slug`)."""

    feed_type = Rss201rev2Feed
    language = "nl"

    def get_object(self, request, type_slug=None, theme_slug=None):
        return feed_scope(request, type_slug=type_slug, theme_slug=theme_slug)

    def title(self, scope):
        return scope.title

    def link(self, scope):
        return scope.link

    def description(self, scope):
        return scope.description

    def subtitle(self, scope):  # Atom's name for the description
        return scope.description

    def feed_guid(self, scope):  # Atom's feed id: the feed's own address, unique per feed
        return self.feed_url(scope)

    def feed_url(self, scope):  # the feed's own address, on the site's (core/addresses.py)
        return absolute_url(scope.request.path, scope.request)

    def author_name(self, scope):  # Atom needs an author for the feed or for every entry
        return site_name(scope.site)

    def items(self, scope):
        return [feed_item(page, scope.request) for page in newest_pages(scope)]

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.link

    def item_guid(self, item):
        return item.link

    def item_guid_is_permalink(self, item):
        return True

    def item_description(self, item):
        return item.description

    def item_pubdate(self, item):
        return item.pubdate

    def item_updateddate(self, item):
        return item.updateddate

    def item_categories(self, item):
        return item.categories

    def item_author_name(self, item):
        return item.author


class AtomContentFeed(ContentFeed):
    """The same feeds as Atom 1.0."""

    feed_type = Atom1Feed


# The agenda as iCalendar.


def event_location(page):
    """`Online`, the address, or both, on one line."""
    place = ", ".join(
        part
        for part in (page.location_name, page.address, f"{page.postcode} {page.city}".strip())
        if part
    )
    if page.is_online:
        return f"Online en op locatie: {place}" if place else "Online"
    return place


def session_times(session):
    """(start, end) of a session: aware datetimes in the site's time zone, or whole days."""
    if session.start_time is None:
        return session.date, None  # ical makes it a whole-day event ending the next day
    zone = timezone.get_default_timezone()
    start = datetime.datetime.combine(session.date, session.start_time, tzinfo=zone)
    end = None
    if session.end_time is not None and session.end_time > session.start_time:
        end = datetime.datetime.combine(session.date, session.end_time, tzinfo=zone)
    return start, end


def session_event(page, session, *, url, host, now):
    start, end = session_times(session)
    summary = f"{page.title}: {session.title}" if session.title else page.title
    # Google Calendar does not show URL, so the link also ends the description.
    description = "\n\n".join(part for part in (page.intro, f"Meer informatie: {url}") if part)
    return ical.Event(
        uid=f"sessie-{session.pk}@{host}",
        start=start,
        end=end,
        summary=summary,
        stamp=page.last_published_at or now,
        location=event_location(page),
        description=description,
        url=url,
    )


def agenda_events(request, site):
    """One event per session of the site's live, public events, from 90 days ago on, by time."""
    now = timezone.now()
    since = timezone.localdate() - datetime.timedelta(days=AGENDA_PAST_DAYS)
    pages = (
        EventPage.objects.live()
        .public()
        .in_site(site)
        .filter(end_date__gte=since)
        .defer_streamfields()
        .prefetch_related(
            Prefetch("sessions", queryset=EventSession.objects.filter(date__gte=since))
        )
    )
    host = site.hostname or "localhost"
    events = [
        session_event(page, session, url=page.get_full_url(request), host=host, now=now)
        for page in pages
        for session in page.sessions.all()
    ]
    # By start; whole days (dates) before timed sessions on the same day.
    return sorted(events, key=lambda event: (sort_time(event.start), event.summary, event.uid))


def sort_time(start):
    """A session's start as an aware datetime, a whole day from its midnight."""
    return start if isinstance(start, datetime.datetime) else start_of_day(start)


def agenda_calendar(request):
    """`/feeds/agenda.ics`: the agenda for calendar apps (subscribe to the URL)."""
    site = current_site(request)
    name = site_name(site)
    body = ical.calendar(
        agenda_events(request, site),
        prodid=f"-//{name}//Agenda//NL",
        name=f"{name} — Agenda",
        description=f"Bijeenkomsten, webinars en leergangen van {name}.",
    )
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


def event_calendar(request, page_id, session_id=None):
    """`/feeds/agenda/<page id>.ics` (every session of one event) and
    `/feeds/agenda/<page id>/<session id>.ics` (one session): a file to add to a calendar.
    The same UIDs as the agenda feed, so a calendar that has both holds each session once.
    Only live, public events of this site; anything else is not found."""
    site = current_site(request)
    if max(page_id, session_id or 0) > MAX_ID:
        raise Http404("Dit evenement bestaat niet.")
    page = get_object_or_404(
        EventPage.objects.live().public().in_site(site).defer_streamfields(), pk=page_id
    )
    sessions = page.sessions.all()
    if session_id is not None:
        sessions = [get_object_or_404(sessions, pk=session_id)]
    url, host, now = page.get_full_url(request), site.hostname or "localhost", timezone.now()
    events = [session_event(page, session, url=url, host=host, now=now) for session in sessions]
    body = ical.calendar(
        sorted(events, key=lambda event: (sort_time(event.start), event.uid)),
        prodid=f"-//{site_name(site)}//Agenda//NL",
        refresh_hours=0,
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    name = slugify(page.title)[:60] or "agenda"
    response["Content-Disposition"] = f'attachment; filename="{name}.ics"'
    return response


def feed_url(kind, *, type_slug=None, theme_slug=None):
    """The path of a feed: kind is `rss` or `atom`."""
    if type_slug is not None:
        return reverse(f"feeds:type_{kind}", kwargs={"type_slug": type_slug})
    if theme_slug is not None:
        return reverse(f"feeds:theme_{kind}", kwargs={"theme_slug": theme_slug})
    return reverse(f"feeds:{kind}")
