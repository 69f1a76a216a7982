"""Feed links that take the page from the context and cost no query (the site is cached on the
request): `{% feed_links %}` in the <head> for autodiscovery, `{% feed_follow_links %}` under a
listing.
"""

from django import template
from django.urls import reverse

from wagtail.models import Site

from agenda.models import EventPage
from core.addresses import absolute_url
from core.naming import site_name
from feeds.views import feed_title, feed_types, feed_url, type_slug
from taxonomy.models import ListingPage
from themes.models import ThemePage

register = template.Library()

FORMATS = (("rss", "application/rss+xml", "RSS"), ("atom", "application/atom+xml", "Atom"))


def page_feed_type(page):
    """The page type whose feed belongs on this page: a listing's type or a page's own type."""
    if isinstance(page, ListingPage):
        model = page.listing_model
    else:
        model = getattr(page, "specific_class", None)
    return model if model is not None and feed_types().get(type_slug(model)) is model else None


@register.inclusion_tag("feeds/feed_links.html", takes_context=True)
def feed_links(context):
    """<link rel="alternate"> to the site-wide feeds, and to this page's type or theme feeds."""
    request = context.get("request")
    page = context.get("page")
    site = Site.find_for_request(request)
    feeds = [(feed_title(site), {})]
    model = page_feed_type(page)
    if model is not None:
        feeds.append((feed_title(site, model=model), {"type_slug": type_slug(model)}))
    if isinstance(page, ThemePage) and page.live:
        feeds.append((feed_title(site, theme=page), {"theme_slug": page.slug}))
    links = [
        {"title": f"{title} ({label})", "type": mime_type, "path": feed_url(kind, **kwargs)}
        for title, kwargs in feeds
        for kind, mime_type, label in FORMATS
    ]
    if model is EventPage:
        links.append(
            {
                "title": f"{site_name(site)} — Agenda (iCalendar)",
                "type": "text/calendar",
                "path": reverse("feeds:agenda_ics"),
            }
        )
    for link in links:
        link["href"] = absolute_url(link["path"], request)
    return {"links": links}


@register.inclusion_tag("feeds/feed_follow_links.html", takes_context=True)
def feed_follow_links(context):
    """The "Volg via RSS" link under a listing page (and the iCalendar link under the agenda)."""
    page = context.get("page")
    model = page_feed_type(page) if isinstance(page, ListingPage) else None
    return {
        "rss": feed_url("rss", type_slug=type_slug(model)) if model else None,
        "ics": reverse("feeds:agenda_ics") if model is EventPage else None,
    }
