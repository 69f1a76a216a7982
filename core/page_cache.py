"""Whole pages for anonymous visitors, kept in the cache until anything they show may change.

A page is stored under its address (scheme, host, path and query string) together with the
content version it was rendered for (core.content_version); the next anonymous request for the
same address gets it back with one cache round trip, before sessions, users, CSRF or the
database are touched. A publish, an unpublish, a move, a deletion or an edited snippet or
setting raises the version, so every stored page is rendered afresh on its next request. A page
the warm-up (core.warm_up) stored for the version about to go live is not replaced by a
visitor's page of the version going out.

What is never stored or served from here:
- requests of visitors who carry a session or messages (logged in, a password-protected page
  opened, a message waiting): their pages may be personal;
- anything but GET, and the admin;
- responses other than 200, streamed responses (documents), responses that set a cookie (a new
  session, a CSRF token for a form), that carry messages, or that say `private`, `no-cache` or
  `no-store` (search with a query, previews, restricted pages, the newsletter forms).

PAGE_CACHE=off switches it off (settings.PAGE_CACHE), for measuring and debugging. With the
cache unreachable (core.cache fails open) every request is a miss and the site renders pages
as without it.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import MiddlewareNotUsed
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_max_age

from . import content_version

SKIPPED_PATH_PREFIXES = ("/admin/",)
UNCACHEABLE_DIRECTIVES = ("private", "no-cache", "no-store")
STATUS_HEADER = "X-Page-Cache"


class PageCacheMiddleware:
    def __init__(self, get_response):
        if not settings.PAGE_CACHE:
            raise MiddlewareNotUsed
        self.get_response = get_response
        self.personal_cookies = (settings.SESSION_COOKIE_NAME, "messages")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self.may_serve_from_cache(request):
            return self.get_response(request)
        key = page_key(request)
        if warm_up_version := request.META.get(content_version.WARM_UP_VERSION):
            version, stored, upcoming = warm_up_version, None, None
        else:
            version, stored, upcoming = content_version.current_with(key)
        request._content_version = version  # the fragments of a miss use the same version
        if stored is not None and stored[0] == version:
            return rebuild(stored)
        response = self.get_response(request)
        warmed_up = stored is not None and stored[0] == upcoming  # for the version to come
        if may_store(request, response) and not warmed_up:
            cache.set(key, freeze(version, response), timeout=content_version.FRAGMENT_SECONDS)
            response[STATUS_HEADER] = "miss"
        return response

    def may_serve_from_cache(self, request: HttpRequest) -> bool:
        return (
            request.method == "GET"
            and not request.path.startswith(SKIPPED_PATH_PREFIXES)
            and not any(name in request.COOKIES for name in self.personal_cookies)
        )


def page_key(request: HttpRequest) -> str:
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return "page:" + hashlib.sha256(address.encode()).hexdigest()


def may_store(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "")
    if any(directive in cache_control for directive in UNCACHEABLE_DIRECTIVES):
        return False
    if get_max_age(response) == 0:
        return False
    messages = getattr(request, "_messages", None)
    return not (messages is not None and len(messages))


def freeze(version: str, response: HttpResponse) -> tuple:
    return (version, response.status_code, list(response.items()), response.content)


def rebuild(stored: tuple) -> HttpResponse:
    _version, status, headers, content = stored
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    response[STATUS_HEADER] = "hit"
    return response
