"""One number that changes whenever anything a visitor can see may have changed.

Cached fragments (navigation, footer, a page's content, cards) and whole pages (core.page_cache)
carry it, so that a publish, an unpublish, a move, a deletion, a new view restriction or an
edited snippet or setting makes every fragment and page render afresh on its next request, and
old ones simply expire. Once such a change is committed, `changed` is sent (core.front_cache
empties the front cache then). The
key also holds today's date: what depends on the day (upcoming events, open registrations)
renders afresh each morning.

Reading it costs one cache lookup per request. With the cache unreachable (core.cache fails
open) every request gets a new version, so every fragment is rendered, as without a cache.
"""

import secrets

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver
from django.utils import timezone

from taggit.models import Tag
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    Site,
)
from wagtail.signals import post_page_move

KEY = "content-version"
FRAGMENT_SECONDS = 24 * 60 * 60  # a fragment no request asks for any more expires in a day


def current() -> str:
    """The version fragments are keyed on: the change counter and today's date."""
    counter = cache.get(KEY)
    if counter is None:  # first use, or the cache was emptied or is unreachable
        cache.add(KEY, _new_counter(), timeout=None)
        counter = cache.get(KEY) or _new_counter()
    return _version(counter)


def current_with(key: str) -> tuple[str, object]:
    """`current()` and what the cache holds under `key`, read in one round trip."""
    found = cache.get_many([KEY, key])
    if KEY not in found:
        return current(), None
    return _version(found[KEY]), found.get(key)


def _version(counter) -> str:
    return f"{counter}-{timezone.localdate().isoformat()}"


def _new_counter():
    """A counter no earlier one can have had, so that an emptied cache never brings back a
    version that processes still remember things for (core.sites, home.page_types)."""
    return secrets.randbits(52)


def for_request(request) -> str:
    """`current()`, read once per request."""
    if not hasattr(request, "_content_version"):
        request._content_version = current()
    return request._content_version


class ProcessMemory:
    """What this process has looked up, kept for one content version: `for_version()` gives an
    empty dict again once the version has changed (or it has grown past `max_entries`)."""

    def __init__(self, max_entries: int = 10_000):
        self.max_entries = max_entries
        self.version = None
        self.entries = {}

    def for_version(self, version: str) -> dict:
        if version != self.version or len(self.entries) > self.max_entries:
            self.version, self.entries = version, {}
        return self.entries

    def remembered(self, request, key, compute):
        """What `compute()` gave for `key` under the request's content version, computed once
        per version in this process."""
        entries = self.for_version(for_request(request))
        if key not in entries:
            entries[key] = compute()
        return entries[key]


def bump() -> None:
    """Everything visitors see may have changed: render every fragment and page afresh.

    The version is raised at once, and again when the transaction that made the change commits:
    a request that read the first new version while the change was not yet visible to it (the
    database shows each request only what was committed) may have cached what it saw then under
    that version; the second raise makes sure nothing cached before the commit is used after.
    """
    _increment()
    connection = transaction.get_connection()
    pending = (entry[1] for entry in connection.run_on_commit)  # (savepoints, callback, robust)
    if not (connection.in_atomic_block and _committed in pending):
        transaction.on_commit(_committed)  # once per transaction, however many changes it makes


def _committed() -> None:
    _increment()
    changed.send_robust(sender=None)


def _increment() -> None:
    try:
        cache.incr(KEY)
    except ValueError:  # not set yet, emptied, or the cache is unreachable
        cache.set(KEY, _new_counter(), timeout=None)


# Sent once a change that visitors may see has been committed (core.front_cache purges then).
changed = Signal()


# Publishing and unpublishing save the page (below); a move changes its descendants' addresses
# without saving them.
@receiver(post_page_move)
def page_moved(sender, **kwargs):
    bump()


# Wagtail's models whose changes show on pages: the pages themselves, the site, images,
# documents, tags, promoted search results, and who may see what (view restrictions). The
# site's own models say so with `shown_on_pages = True` (people, organisations, site settings,
# sectors, regions, synonyms).
WAGTAIL_MODELS_SHOWN = (
    Page, Site, Tag, Collection, PageViewRestriction, CollectionViewRestriction,
    get_image_model(), get_document_model(), SearchPromotion,
)  # fmt: skip


def _shown_on_pages(sender):
    return issubclass(sender, WAGTAIL_MODELS_SHOWN) or getattr(sender, "shown_on_pages", False)


# What saving a draft, commenting or locking writes to a page: nothing a visitor sees.
DRAFT_FIELDS = frozenset({
    "draft_title", "latest_revision", "latest_revision_created_at", "has_unpublished_changes",
    "wagtail_admin_comments", "locked", "locked_at", "locked_by",
})  # fmt: skip


@receiver([post_save, post_delete])
def model_changed(sender, raw=False, created=False, update_fields=None, **kwargs):
    if raw or not _shown_on_pages(sender):
        return
    if created and issubclass(sender, BaseSiteSetting):
        return  # made with its defaults by the first request that reads it: nothing changed
    if update_fields and issubclass(sender, Page) and update_fields <= DRAFT_FIELDS:
        return
    bump()
