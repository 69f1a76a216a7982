from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent from a page that was open too long (or without cookies): explain, in Dutch.

    Replaces Django's English page (settings.CSRF_FAILURE_VIEW); the status stays 403.
    """
    return render(request, "403_csrf.html", {"hide_signup": True}, status=403)


def login_locked_out(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, str] | None = None,
) -> HttpResponse:
    """Too many wrong passwords for one user name from one address (django-axes locked it).

    settings.AXES_LOCKOUT_CALLABLE: a Dutch page instead of axes' English sentence; status 429.
    """
    minutes = round(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
    context = {"hide_signup": True, "minutes": minutes}
    return render(request, "429_login.html", context, status=429)
