"""A fixed-window rate limit in the cache (Redis in production, so shared by all workers)."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpRequest

from .cache import CacheUnavailable

_this_process = LocMemCache("ratelimit", {})


def client_ip(request: HttpRequest) -> str:
    """The visitor's address: the connection's, or the one the trusted proxies recorded."""
    proxies = settings.NUM_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-min(proxies, len(hops))]
    return request.META.get("REMOTE_ADDR", "")


def hit(scope: str, value: object, limit: int, window: int) -> bool:
    """Count one attempt for `value`; False once more than `limit` were made in the window.

    While the shared cache is unreachable, attempts are counted in this process's memory: the
    limits still hold, per worker process instead of for the whole site."""
    digest = hashlib.sha256(str(value).encode()).hexdigest()[:32]
    key = f"ratelimit:{scope}:{digest}"
    try:
        count = _count(cache, key, window)
    except CacheUnavailable:
        count = _count(_this_process, key, window)
    return count <= limit


def _count(store, key, window):
    store.add(key, 0, timeout=window)
    try:
        return store.incr(key)
    except CacheUnavailable:
        raise
    except ValueError:  # the key expired between add and incr
        store.set(key, 1, timeout=window)
        return 1
