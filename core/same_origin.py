"""CSRF protection for public forms that appear in cached pages.

A cached page cannot carry a token for each visitor. Browsers say where a POST comes from in its
`Origin` header, which a page on another site cannot forge; a form posted from one of the site's
own pages is therefore accepted on that header alone. Without it (an old browser, a script), the
usual token is required and its absence answered with the Dutch 403 page (CSRF_FAILURE_VIEW).
"""

from functools import wraps

from django.conf import settings
from django.http import HttpRequest
from django.views.decorators.csrf import csrf_exempt, csrf_protect


def is_same_origin(request: HttpRequest) -> bool:
    origin = request.headers.get("Origin")
    if not origin or origin == "null":
        return False
    own = f"{request.scheme}://{request.get_host()}"
    return origin == own or origin in settings.CSRF_TRUSTED_ORIGINS


def same_origin_or_csrf_token(view):
    """Accept a POST from the site's own pages by its Origin header, anything else by its token."""
    protected = csrf_protect(view)

    @wraps(view)
    def checked(request, *args, **kwargs):
        if request.method == "POST" and is_same_origin(request):
            return view(request, *args, **kwargs)
        return protected(request, *args, **kwargs)

    return csrf_exempt(checked)
