"""The site's own error pages in development (docs/development.md, "Error pages").

With DEBUG on, Django answers errors with its English debug pages. Two ways to see the Dutch
pages a visitor gets:

- `/__error/<name>/` shows each page with its status (`/__error/404/`, `/__error/500/`, ...);
  without DEBUG these addresses do not exist (the normal 404).
- `DEBUG_ERROR_PAGES=designed` (config/settings/dev.py) installs `DesignedErrorPagesMiddleware`:
  real errors get the designed pages too. The traceback of a crash still goes to the log.
"""

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.views import defaults

from .json_api import RETRY_AFTER_SECONDS
from .views import csrf_failure, login_locked_out

logger = logging.getLogger(__name__)


def unavailable(request: HttpRequest) -> HttpResponse:
    """The "back in a minute" page of core.middleware.DatabaseUnavailableMiddleware."""
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


PAGES = {
    "400": lambda request: defaults.bad_request(request, SuspiciousOperation()),
    "403": lambda request: defaults.permission_denied(request, PermissionDenied()),
    "403-csrf": csrf_failure,
    "404": lambda request: defaults.page_not_found(request, Http404()),
    "429-login": login_locked_out,
    "500": defaults.server_error,
    "503": unavailable,
}


def preview(request: HttpRequest, name: str) -> HttpResponse:
    """One designed error page, as a visitor gets it; only with DEBUG on."""
    if not settings.DEBUG or name not in PAGES:
        raise Http404
    return PAGES[name](request)


class DesignedErrorPagesMiddleware:
    """With DEBUG on: the designed page instead of Django's debug page for a missing page, a
    refused request and a crash (settings DEBUG_ERROR_PAGES=designed)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 404 and getattr(request, "resolver_match", None) is None:
            return PAGES["404"](request)  # no URL pattern matched: no view ever ran
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse:
        if isinstance(exception, Http404):
            return PAGES["404"](request)
        if isinstance(exception, PermissionDenied):
            return PAGES["403"](request)
        if isinstance(exception, SuspiciousOperation):
            return PAGES["400"](request)
        logger.exception("Internal Server Error: %s", request.path, exc_info=exception)
        return PAGES["500"](request)
