"""Content-Security-Policy and Permissions-Policy on every response (docs/deployment.md, Security).

Two policies from settings: `CONTENT_SECURITY_POLICY` for the public site and
`CONTENT_SECURITY_POLICY_ADMIN` for the Wagtail admin and the previews it shows. Both allow
images from wherever the media storage serves them (disk, a MEDIA_URL on another host, an S3
bucket or its CDN domain), so that setting up S3 needs no second change here.
"""

from collections.abc import Iterable, Mapping
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.storage import default_storage
from django.urls import reverse

CSP_HEADER = "Content-Security-Policy"


def origin(url: str) -> str | None:
    """`scheme://host[:port]` of an absolute URL; None for a URL on the site's own host."""
    parts = urlsplit(url)
    if parts.scheme and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


def serialize(directives: Mapping[str, Iterable[str]], media_origin: str | None = None) -> str:
    """The header value; `media_origin` is added to `img-src` when media live elsewhere."""
    directives = {name: list(sources) for name, sources in directives.items()}
    if media_origin:
        directives["img-src"] = [*directives.get("img-src", ["'self'"]), media_origin]
    return "; ".join(" ".join([name, *sources]) for name, sources in directives.items())


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = reverse("wagtailadmin_home")
        media_origin = origin(default_storage.url("csp"))
        self.public_policy = serialize(settings.CONTENT_SECURITY_POLICY, media_origin)
        self.admin_policy = serialize(settings.CONTENT_SECURITY_POLICY_ADMIN, media_origin)
        switched_off = settings.PERMISSIONS_POLICY_OFF
        self.permissions_policy = ", ".join(f"{feature}=()" for feature in switched_off)

    def __call__(self, request):
        response = self.get_response(request)
        # Django's own error pages while DEBUG is on use inline styles and scripts.
        debug_page = settings.DEBUG and response.status_code in (404, 500)
        if not debug_page:
            # A page preview is rendered through a request for the page's own URL, but shown
            # inside the admin: it gets the admin's policy, which lets the admin frame it.
            in_admin = request.path_info.startswith(self.admin_prefix)
            previewed = getattr(request, "is_preview", False)
            policy = self.admin_policy if in_admin or previewed else self.public_policy
            response.headers.setdefault(CSP_HEADER, policy)
        response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        return response
