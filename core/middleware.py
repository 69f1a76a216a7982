"""Requests the site refuses before any view sees them."""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from . import error_pages
from .json_api import is_json_api, json_error

logger = logging.getLogger(__name__)


class RejectNulBytesMiddleware:
    """A NUL byte in the path or the query string is never meant by a visitor, and PostgreSQL
    cannot even compare text that holds one: such a request gets the Dutch 400 page (a JSON API:
    a JSON 400) instead of reaching a view. (Posted form fields are checked by the forms:
    Django's text fields refuse NUL bytes.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or "\x00" in value
            for key, values in request.GET.lists()
            for value in values
        ):
            if is_json_api(request.path_info):
                return json_error(400)
            return render(request, "400.html", {"hide_signup": True}, status=400)
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """While the database cannot be reached (a restart, a network fault), visitors get a Dutch
    "back in a minute" page with status 503 and Retry-After, which front caches and monitors
    understand, instead of the error page. Rendered without a request: no database needed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        logger.exception("Database unreachable, %s answered 503", request.path)
        return error_pages.unavailable(request)
