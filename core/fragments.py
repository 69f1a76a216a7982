"""The cache of page fragments (`{% fragment %}`, core/templatetags/fragment_tags.py): their
keys, and reading many of them in one round trip.

The key holds the host, the content version and the fragment's values, so a fragment must depend
on nothing else: no CSRF token, no form, nothing of the visitor's own. A value that is None means
the fragment is not to be cached this time. Previews and requests other than GET always render
afresh, so that a draft is never stored or shown from the cache.

A view that is about to render many fragments (a listing's cards) can read them all at once
with `read_fragments`: their tags then use what it found (`cached_fragment`) and read the cache
no more.
"""

import hashlib

from django.core.cache import cache
from django.core.exceptions import DisallowedHost

from core import content_version


def fragment_key(request, values):
    """The cache key of the fragment with `values` for `request`, or None when it is not to be
    cached."""
    if (
        request is None
        or request.method != "GET"
        or getattr(request, "is_preview", False)
        or None in values
    ):
        return None
    try:
        host = request.get_host()
    except DisallowedHost:
        return None  # the error page for a host the site does not serve renders uncached
    parts = [host, content_version.for_request(request), *map(str, values)]
    return "fragment:" + hashlib.md5("|".join(parts).encode(), usedforsecurity=False).hexdigest()


def read_fragments(request, fragments):
    """Whether the cache holds each of `fragments` (the values of a `{% fragment %}` tag each),
    read in one round trip. The tags of this request then use what was read: the HTML found, or
    that they must render (and store) theirs."""
    keys = [fragment_key(request, values) for values in fragments]
    wanted = [key for key in keys if key is not None]
    found = cache.get_many(wanted) if wanted else {}
    request._fragments = {**getattr(request, "_fragments", {}), **dict.fromkeys(wanted), **found}
    return [key in found for key in keys]


def cached_fragment(request, key):
    """The HTML stored under `key`, or None: as `read_fragments` found it for this request, else
    from the cache."""
    read = getattr(request, "_fragments", {})
    return read[key] if key in read else cache.get(key)
