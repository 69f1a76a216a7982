"""What newsletter e-mails show of the site: its name, absolute links and an entry per page.

Nothing here knows a subscriber, so an edition's preview in the admin (newsletter/models.py)
renders from the same pieces as the e-mails (newsletter/emails.py).
"""

from django.core.cache import cache
from django.urls import reverse
from django.utils.text import capfirst

from wagtail.models import Site

from core import naming
from core.addresses import absolute_url

SITE_NAME_CACHE_SECONDS = 60


def absolute(path):
    """A link in an e-mail: on BASE_URL, also when a request sends it (core/addresses.py)."""
    return absolute_url(path)


def site_name():
    """The default site's name; cached for a minute, as every e-mail of a run needs it twice."""
    return cache.get_or_set("newsletter:site-name", read_site_name, SITE_NAME_CACHE_SECONDS)


def read_site_name():
    return naming.site_name(Site.objects.filter(is_default_site=True).only("site_name").first())


def page_url(page):
    return absolute(page.get_url() or "/")


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


def preview_links():
    """The subscription links of an e-mail that goes to no subscriber: a preview or a test."""
    return {"manage_url": absolute(reverse("newsletter:subscribe")), "unsubscribe_url": ""}


def edition_context(edition, links=None, pages=None):
    """The context of an edition's e-mail with a subscriber's `links`, or of a preview or test
    (no links)."""
    pages = edition.pages() if pages is None else pages
    return {
        "site_name": site_name(),
        **(preview_links() if links is None else links),
        "edition": edition,
        "entries": [page_entry(page) for page in pages],
        "is_test": links is None,
    }
