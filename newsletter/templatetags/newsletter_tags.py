"""Feed links that take the page from the context and cost no query (the site is cached on the
request): `{% feed_links %}` in the <head> for autodiscovery, `{% feed_follow_links %}` under a
listing; `rich_text_as_plain` for plain-text e-mails.
"""

import re
from html import unescape

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.html import strip_tags

from wagtail.models import Site
from wagtail.rich_text import expand_db_html

from agenda.models import EventPage
from newsletter.consent import CONSENT_TEXTS, CURRENT_VERSION
from newsletter.feeds import feed_title, feed_types, feed_url, site_name, type_slug
from newsletter.forms import SubscribeForm, theme_choices
from newsletter.views import privacy_url
from themes.models import ListingPage, ThemePage

register = template.Library()

LINK = re.compile(r'<a\s[^>]*href="(?P<href>[^"]*)"[^>]*>(?P<text>.*?)</a>', re.S)
BREAKS = re.compile(r"<br\s*/?>|</p>|</li>|</h\d>", re.I)

FORMATS = (("rss", "application/rss+xml", "RSS"), ("atom", "application/atom+xml", "Atom"))


def page_feed_type(page):
    """The page type whose feed belongs on this page: a listing's type or a page's own type."""
    if isinstance(page, ListingPage):
        model = page.listing_model
    else:
        model = getattr(page, "specific_class", None)
    return model if model is not None and feed_types().get(type_slug(model)) is model else None


@register.inclusion_tag("newsletter/feed_links.html", takes_context=True)
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
        link["href"] = request.build_absolute_uri(link["path"]) if request else link["path"]
    return {"links": links}


@register.inclusion_tag("newsletter/feed_follow_links.html", takes_context=True)
def feed_follow_links(context):
    """The "Volg via RSS" link under a listing page (and the iCalendar link under the agenda)."""
    page = context.get("page")
    model = page_feed_type(page) if isinstance(page, ListingPage) else None
    return {
        "rss": feed_url("rss", type_slug=type_slug(model)) if model else None,
        "ics": reverse("feeds:agenda_ics") if model is EventPage else None,
    }


@register.filter
def rich_text_as_plain(value):
    """Rich text for a plain-text e-mail: paragraphs on their own lines, links as `text (url)`."""
    html = expand_db_html(str(value or ""))
    html = LINK.sub(lambda match: f"{match['text']} ({absolute_url(match['href'])})", html)
    html = BREAKS.sub("\n", html)
    lines = (line.strip() for line in unescape(strip_tags(html)).splitlines())
    return "\n".join(line for line in lines if line)


def absolute_url(href):
    return f"{settings.WAGTAILADMIN_BASE_URL}{href}" if href.startswith("/") else href


@register.inclusion_tag("newsletter/includes/signup_section.html", takes_context=True)
def newsletter_signup(context, place, theme=None):
    """The sign-up form in the footer (`place="footer"`) or on a theme page (that theme chosen).

    Not shown on the sign-up page itself, which has the full form.
    """
    request = context.get("request")
    if request is None or context.get("hide_signup"):
        return {"show": False}
    initial = {"themes": [theme.pk]} if theme is not None else {"all_themes": True}
    form = SubscribeForm(
        initial=initial, auto_id=f"{place}-nb-%s", theme_options=request_theme_options(request)
    )
    return {
        "show": True,
        "place": place,
        "theme": theme,
        "form": form,
        "privacy_url": privacy_url(request),
        "consent_text": CONSENT_TEXTS[CURRENT_VERSION],
        "action": reverse("newsletter:subscribe"),
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }


def request_theme_options(request):
    """The themes to choose from, read once per request however many forms a page shows."""
    if not hasattr(request, "newsletter_theme_choices"):
        request.newsletter_theme_choices = [(theme.pk, theme.title) for theme in theme_choices()]
    return request.newsletter_theme_choices
