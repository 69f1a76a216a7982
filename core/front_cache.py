"""Emptying the front cache (Varnish, deploy/varnish/) once anything visitors see has changed.

Any change may show on many pages (listings, the home page, theme pages, feeds, the navigation),
so a purge drops the whole site: deploy/varnish/kennisplatform.vcl answers every PURGE with a ban
on all it holds. The purge goes out through Wagtail's frontend-cache utilities once the change
is live (core.content_version.changed: committed, and in a web process warmed up), so that the
next visitor's request can only ever see the new content. Configured by FRONTEND_CACHE_URL
(settings.WAGTAILFRONTENDCACHE).

A front cache that is down or slow delays a publish (or the warm-up thread) by at most TIMEOUT
seconds and is logged; the change itself is kept, and the content version has already moved on.
"""

import logging
from urllib.parse import urlsplit
from urllib.request import Request, urlopen

from django.conf import settings
from django.dispatch import receiver

from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.contrib.frontend_cache.utils import purge_url_from_cache
from wagtail.models import Site

from . import content_version

logger = logging.getLogger(__name__)


class VarnishBackend(BaseBackend):
    """Sends `PURGE <path>` with the page's host to the front cache, giving up after TIMEOUT."""

    def __init__(self, params):
        super().__init__(params)
        self.location = params["LOCATION"].rstrip("/")
        self.timeout = params.get("TIMEOUT", 2)

    def purge(self, url: str) -> None:
        address = urlsplit(url)
        path = address.path or "/"
        request = Request(self.location + path, method="PURGE", headers={"Host": address.netloc})  # noqa: S310 (the configured cache)
        try:
            with urlopen(request, timeout=self.timeout):  # noqa: S310
                pass
        except OSError as error:  # refused, timed out, or an HTTP error status
            logger.error("Could not purge the front cache at %s: %s", self.location, error)


@receiver(content_version.changed)
def purge_site(sender, **kwargs):
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    if site is not None:
        purge_url_from_cache(site.root_url + "/")
