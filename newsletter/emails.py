"""The e-mails: confirmation, "already subscribed", digest and edition, in HTML and plain text.

Every e-mail carries the subscriber's preferences link and the RFC 8058 one-click unsubscribe
headers. Links are absolute, on the BASE_URL variable (core/addresses.py).
"""

import re
from collections.abc import Mapping, Sequence
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from wagtail.models import Page

from core.addresses import base_url

from . import tokens
from .content import absolute, edition_context, grouped_entries, preview_links, site_name
from .models import Edition, Subscriber

# href="/nieuws/..." (rich text links to pages) must point at the site from a mail reader.
ROOT_RELATIVE_LINK = re.compile(r'((?:href|src)=")/(?!/)')


def confirm_url(subscriber: Subscriber) -> str:
    token = tokens.make_token(subscriber, tokens.CONFIRM)
    return absolute(reverse("newsletter:confirm", args=[token]))


def manage_url(subscriber: Subscriber) -> str:
    token = tokens.make_token(subscriber, tokens.MANAGE)
    return absolute(reverse("newsletter:preferences", args=[token]))


def unsubscribe_url(subscriber: Subscriber) -> str:
    token = tokens.make_token(subscriber, tokens.MANAGE)
    return absolute(reverse("newsletter:unsubscribe", args=[token]))


def list_id() -> str:
    host = urlsplit(base_url()).hostname or "localhost"
    return f"{site_name()} <nieuwsbrief.{host}>"


def subscription_links(subscriber: Subscriber | None) -> dict[str, str]:
    if subscriber is None:  # a test send to an editor
        return preview_links()
    return {"manage_url": manage_url(subscriber), "unsubscribe_url": unsubscribe_url(subscriber)}


def build_message(
    to: str,
    subject: str,
    template: str,
    context: Mapping[str, object],
    subscriber: Subscriber | None = None,
) -> EmailMultiAlternatives:
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


def confirmation_message(subscriber: Subscriber) -> EmailMultiAlternatives:
    return build_message(
        subscriber.email,
        f"Bevestig uw aanmelding voor de nieuwsbrief van {site_name()}",
        "confirm",
        {
            "confirm_url": confirm_url(subscriber),
            "valid_days": tokens.CONFIRM_MAX_AGE.days,
            "followed": followed_label(subscriber),
        },
        subscriber,
    )


def already_subscribed_message(subscriber: Subscriber) -> EmailMultiAlternatives:
    return build_message(
        subscriber.email,
        f"U bent al aangemeld voor de nieuwsbrief van {site_name()}",
        "already_subscribed",
        {},
        subscriber,
    )


def followed_label(subscriber: Subscriber) -> str:
    return "alle thema's" if subscriber.all_themes else subscriber.theme_summary


def digest_message(subscriber: Subscriber, pages: Sequence[Page]) -> EmailMultiAlternatives:
    count = len(pages)
    subject = f"{site_name()}: {count} {'nieuw bericht' if count == 1 else 'nieuwe berichten'}"
    context = {
        "groups": grouped_entries(pages),
        "count": count,
        "followed": followed_label(subscriber),
    }
    return build_message(subscriber.email, subject, "digest", context, subscriber)


def edition_message(
    edition: Edition, subscriber: Subscriber | None, pages: Sequence[Page], to: str | None = None
) -> EmailMultiAlternatives:
    """The edition for one subscriber, or (subscriber None) a test for an editor at `to`."""
    links = None if subscriber is None else subscription_links(subscriber)
    context = edition_context(edition, links, pages)
    subject = edition.subject if subscriber else f"[Test] {edition.subject}"
    return build_message(to or subscriber.email, subject, "edition", context, subscriber)
