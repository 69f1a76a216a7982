"""A limit on the admin's password reset form: it sends e-mail to whatever address is typed in.

Counted per visitor address and per e-mail address (`PASSWORD_RESET_LIMITS`) in the cache, like
the newsletter sign-up. Over the limit the form answers 429 with a Dutch page and sends nothing.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from . import ratelimit

RESET_VIEW = "wagtailadmin_password_reset"


class PasswordResetLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., HttpResponse],
        view_args: tuple[object, ...],
        view_kwargs: dict[str, object],
    ) -> HttpResponse | None:
        if request.method != "POST" or request.resolver_match.url_name != RESET_VIEW:
            return None
        limits = settings.PASSWORD_RESET_LIMITS
        allowed_ip = ratelimit.hit(
            "password-reset-ip", ratelimit.client_ip(request), *limits["per_ip"]
        )
        email = request.POST.get("email", "").strip().lower()
        allowed_email = not email or ratelimit.hit(
            "password-reset-email", email, *limits["per_email"]
        )
        if allowed_ip and allowed_email:
            return None
        minutes = max(window for _, window in limits.values()) // 60
        context = {"hide_signup": True, "minutes": minutes}
        return render(request, "429_password_reset.html", context, status=429)
