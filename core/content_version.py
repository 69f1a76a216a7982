"""One number that changes whenever anything a visitor can see may have changed.

Cached fragments (navigation, footer, a page's content, cards) and whole pages (core.page_cache)
carry it, so that a publish, an unpublish, a move, a deletion, a new view restriction or an
edited snippet or setting makes every fragment and page render afresh on its next request, and
old ones simply expire. Once such a change is live, `changed` is sent (core.front_cache empties
the front cache then). The key also holds today's date: what depends on the day (upcoming
events, open registrations) renders afresh each morning.

A web process that warms up (core.warm_up) does not make its change live at once: it prepares a
new version, renders the most visited pages under it, and only then makes it the current one, so
that no visitor waits for a page to be built afresh; until then visitors get the previous
version, for about a second. A version being prepared goes live by itself after
GO_LIVE_SECONDS, should its process end first. Other processes (management commands, tests)
make their changes live at once.

Reading it costs one cache round trip per request. With the cache unreachable (core.cache fails
open) every request gets a new version, so every fragment is rendered, as without a cache.
"""

import secrets
import threading
import time

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

KEY = "content-version"  # the counter of the version visitors get
UPCOMING_KEY = "content-version-upcoming"  # (counter, time it goes live by itself) of the next
FRAGMENT_SECONDS = 24 * 60 * 60  # a fragment no request asks for any more expires in a day
GO_LIVE_SECONDS = 10  # a version being warmed up goes live after this at the latest
# The request environment's key of the version a warm-up renders for (never an HTTP header).
WARM_UP_VERSION = "kennisplatform.content_version"

# Set by a process that warms up (core.warm_up): called once a change is committed, it prepares
# a version, warms it up and makes it live (`prepare`, `go_live`).
warm_up_before_going_live = None
bumps = 0  # changes this process has made (`bump`)


def current() -> str:
    """The version fragments are keyed on: the change counter and today's date."""
    return version_of(_live(cache.get_many([KEY, UPCOMING_KEY])))


def current_with(key: str) -> tuple[str, object, str | None]:
    """`current()`, what the cache holds under `key`, and the version being warmed up (or None),
    read in one round trip."""
    found = cache.get_many([KEY, UPCOMING_KEY, key])
    counter = _live(found)
    upcoming = found.get(UPCOMING_KEY)
    warming = version_of(upcoming[0]) if upcoming and upcoming[0] != counter else None
    return version_of(counter), found.get(key), warming


def _live(found) -> int:
    counter, upcoming = found.get(KEY), found.get(UPCOMING_KEY)
    if upcoming and upcoming[0] != counter and upcoming[1] < time.time():
        counter = upcoming[0]  # its warm-up did not end in time (its process may have ended)
        cache.set(KEY, counter, timeout=None)
    if counter is None:  # first use, or the cache was emptied or is unreachable
        cache.add(KEY, _new_counter(), timeout=None)
        counter = cache.get(KEY) or _new_counter()
    return counter


def version_of(counter) -> str:
    return f"{counter}-{timezone.localdate().isoformat()}"


def _new_counter():
    """A counter no earlier one can have had, so that an emptied cache never brings back a
    version that processes still remember things for (core.sites, home.page_types)."""
    return secrets.randbits(52)


def for_request(request) -> str:
    """`current()`, read once per request; for a warm-up's request, the version it prepares."""
    if not hasattr(request, "_content_version"):
        request._content_version = request.META.get(WARM_UP_VERSION) or current()
    return request._content_version


class ProcessMemory:
    """What this process has looked up, kept per content version: `for_version()` gives an empty
    dict for a version it has not seen (or once that has grown past `max_entries`). It keeps the
    two versions seen last: while a warm-up renders the version to come, this process's visitors
    still get the current one."""

    KEPT_VERSIONS = 2

    def __init__(self, max_entries: int = 10_000):
        self.max_entries = max_entries
        self.versions = {}  # {version: entries}, the last seen last
        self.lock = threading.Lock()  # the warm-up's thread and the process's requests

    def for_version(self, version: str) -> dict:
        with self.lock:
            entries = self.versions.pop(version, None)
            if entries is None or len(entries) > self.max_entries:
                entries = {}
            self.versions[version] = entries
            while len(self.versions) > self.KEPT_VERSIONS:
                del self.versions[next(iter(self.versions))]
            return entries

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
    A process that warms up raises it only after the commit, once the new version is warm.
    """
    global bumps
    bumps += 1
    if warm_up_before_going_live is None:
        _raise()
    connection = transaction.get_connection()
    pending = (entry[1] for entry in connection.run_on_commit)  # (savepoints, callback, robust)
    if not (connection.in_atomic_block and _committed in pending):
        transaction.on_commit(_committed)  # once per transaction, however many changes it makes


def _committed() -> None:
    if warm_up_before_going_live is not None:
        warm_up_before_going_live()
    else:
        _raise()
        changed.send_robust(sender=None)


def _raise() -> None:
    """A new version, live at once; a version another process is warming up no longer goes
    live (its changes were committed before this one, so this version shows them too)."""
    counter = _new_counter()
    cache.set(UPCOMING_KEY, (counter, 0), timeout=None)
    cache.set(KEY, counter, timeout=None)


def prepare() -> int:
    """The counter of a new version that is not live yet: render under it (`WARM_UP_VERSION`),
    then `go_live()`."""
    counter = _new_counter()
    cache.set(UPCOMING_KEY, (counter, time.time() + GO_LIVE_SECONDS), timeout=None)
    return counter


def go_live(counter) -> None:
    """Make the prepared version the current one, unless a later change has begun preparing
    or raised its own (that one goes live instead), and send `changed`."""
    upcoming = cache.get(UPCOMING_KEY)
    if upcoming is not None and upcoming[0] != counter:
        return
    cache.set(KEY, counter, timeout=None)
    later = cache.get(UPCOMING_KEY)
    if later is not None and later[0] != counter:  # began meanwhile: it is newer than this one
        cache.set(KEY, later[0], timeout=None)
    changed.send_robust(sender=None)


# Sent once a change that visitors may see is live (core.front_cache purges then).
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
