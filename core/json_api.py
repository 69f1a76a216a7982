"""Views that answer JSON, also when something goes wrong: an API client gets a JSON body with a
Dutch message and the right status (400 for a request it cannot read, 503 while the database is
unreachable, with Retry-After), never an HTML error page."""

import functools
import logging
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.urls import Resolver404, resolve

logger = logging.getLogger(__name__)

MESSAGES = {
    400: "Dit verzoek kunnen we niet lezen.",
    503: "Deze dienst is even niet beschikbaar. Probeer het over een minuut opnieuw.",
}
RETRY_AFTER_SECONDS = 60


def json_error(status: int) -> JsonResponse:
    response = JsonResponse(
        {"error": MESSAGES[status]}, status=status, json_dumps_params={"ensure_ascii": False}
    )
    if status == 503:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def json_api(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Mark a view as a JSON API and answer 503 in JSON when its database is unreachable."""

    @functools.wraps(view)
    def answer(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except (OperationalError, InterfaceError):
            logger.exception("Database unreachable, %s answered 503", request.path)
            return json_error(503)

    answer.json_api = True
    return answer


def is_json_api(path: str) -> bool:
    try:
        return getattr(resolve(path).func, "json_api", False)
    except Resolver404:
        return False
