"""The e-mails: confirmation, "already subscribed", digest and edition, in HTML and plain text.

Every e-mail carries the subscriber's preferences link and the RFC 8058 one-click unsubscribe
headers. Links are absolute, on settings.WAGTAILADMIN_BASE_URL (the BASE_URL variable).
"""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import capfirst

from wagtail.models import Site

from core import naming

from . import tokens

# href="/nieuws/..." (rich text links to pages) must point at the site from a mail reader.
SITE_NAME_CACHE_SECONDS = 60
ROOT_RELATIVE_LINK = re.compile(r'((?:href|src)=")/(?!/)')


def absolute(path):
    return f"{settings.WAGTAILADMIN_BASE_URL}{path}"


def site_name():
    """The default site's name; cached for a minute, as every e-mail of a run needs it twice."""
    return cache.get_or_set("newsletter:site-name", read_site_name, SITE_NAME_CACHE_SECONDS)


def read_site_name():
    return naming.site_name(Site.objects.filter(is_default_site=True).only("site_name").first())


def confirm_url(subscriber):
    token = tokens.make_token(subscriber, tokens.CONFIRM)
    return absolute(reverse("newsletter:confirm", args=[token]))


def manage_url(subscriber):
    token = tokens.make_token(subscriber, tokens.MANAGE)
    return absolute(reverse("newsletter:preferences", args=[token]))


def unsubscribe_url(subscriber):
    token = tokens.make_token(subscriber, tokens.MANAGE)
    return absolute(reverse("newsletter:unsubscribe", args=[token]))


def page_url(page):
    return absolute(page.get_url() or "/")


def list_id():
    host = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"
    return f"{site_name()} <nieuwsbrief.{host}>"


def subscription_links(subscriber):
    if subscriber is None:  # a preview or a test send to an editor
        return {"manage_url": absolute(reverse("newsletter:subscribe")), "unsubscribe_url": ""}
    return {"manage_url": manage_url(subscriber), "unsubscribe_url": unsubscribe_url(subscriber)}


def build_message(to, subject, template, context, subscriber=None):
    """An e-mail from `newsletter/email/<template>.txt` and `.html`, with the list headers."""
    context = {"site_name": site_name(), **subscription_links(subscriber), **context}
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"newsletter/email/{template}.txt", context),
        from_email=settings.NEWSLETTER_FROM_EMAIL,
        to=[to],
        headers={"List-Id": list_id()},
    )
    html = render_to_string(f"newsletter/email/{template}.html", context)
    message.attach_alternative(ROOT_RELATIVE_LINK.sub(rf"\1{absolute('/')}", html), "text/html")
    if subscriber is not None:
        message.extra_headers["List-Unsubscribe"] = f"<{context['unsubscribe_url']}>"
        message.extra_headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return message


def confirmation_message(subscriber):
    return build_message(
        subscriber.email,
        f"Bevestig uw aanmelding voor de nieuwsbrief van {site_name()}",
        "confirm",
        {"confirm_url": confirm_url(subscriber), "valid_days": tokens.CONFIRM_MAX_AGE.days},
        subscriber,
    )


def already_subscribed_message(subscriber):
    return build_message(
        subscriber.email,
        f"U bent al aangemeld voor de nieuwsbrief van {site_name()}",
        "already_subscribed",
        {},
        subscriber,
    )


def page_entry(page):
    return {
        "title": page.title,
        "url": page_url(page),
        "intro": getattr(page, "intro", ""),
        "date": getattr(page, "publication_date", None),
        "type": capfirst(str(page.specific_class._meta.verbose_name)),
    }


def grouped_entries(pages):
    """[(type label, [entry, ...]), ...] in the order the types first appear."""
    groups = {}
    for page in pages:
        label = capfirst(str(page.specific_class._meta.verbose_name_plural))
        groups.setdefault(label, []).append(page_entry(page))
    return list(groups.items())


def followed_label(subscriber):
    return "alle thema's" if subscriber.all_themes else subscriber.theme_summary


def digest_message(subscriber, pages):
    count = len(pages)
    subject = f"{site_name()}: {count} {'nieuw bericht' if count == 1 else 'nieuwe berichten'}"
    context = {
        "groups": grouped_entries(pages),
        "count": count,
        "followed": followed_label(subscriber),
    }
    return build_message(subscriber.email, subject, "digest", context, subscriber)


def edition_context(edition, subscriber, pages=None):
    pages = edition.pages() if pages is None else pages
    return {
        "site_name": site_name(),
        **subscription_links(subscriber),
        "edition": edition,
        "entries": [page_entry(page) for page in pages],
        "is_test": subscriber is None,
    }


def edition_message(edition, subscriber, pages, to=None):
    """The edition for one subscriber, or (subscriber None) a test for an editor at `to`."""
    context = edition_context(edition, subscriber, pages)
    subject = edition.subject if subscriber else f"[Test] {edition.subject}"
    return build_message(to or subscriber.email, subject, "edition", context, subscriber)
