"""The site's own address, the start of every absolute URL it prints: links in e-mails and
feeds, canonical and og:url tags, the sitemap (docs/deployment.md, "The site's address").

- Production: `BASE_URL` (settings.WAGTAILADMIN_BASE_URL), whatever Host a request came with.
- Development (`BASE_URL_FROM_REQUEST`, on in config.settings.dev): the address the request
  was made to, so that `make run PORT=8301` prints :8301. Without a request (e-mails sent by a
  management command) `BASE_URL` again, which defaults to http://127.0.0.1:$PORT.

Wagtail builds a page's address from its Site record (host name and port); pages take
`SiteAddressMixin` so that they use this address instead, as long as there is one site.
"""

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest


def base_url(request: HttpRequest | None = None) -> str:
    """`https://host[:port]`, without a slash at the end."""
    if isinstance(request, HttpRequest) and settings.BASE_URL_FROM_REQUEST:
        try:
            return f"{request.scheme}://{request.get_host()}"
        except DisallowedHost:  # a request that was never checked: Wagtail's preview, a test
            pass
    return settings.WAGTAILADMIN_BASE_URL


def absolute_url(path: str, request: HttpRequest | None = None) -> str:
    """`path` ("/nieuws/") on the site's address; a URL that is absolute already stays."""
    if path.startswith("/") and not path.startswith("//"):
        return f"{base_url(request)}{path}"
    return path


class SiteAddressMixin:
    """Page URLs on the site's address (base_url) instead of the Site record's host and port.

    With more than one site each keeps the address of its own Site record.
    """

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request)
        if parts is None or parts[1] is None or len(self._get_site_root_paths(request)) > 1:
            return parts
        site_id, _record_address, page_path = parts
        return site_id, base_url(request), page_path
