from django.shortcuts import render


def csrf_failure(request, reason=""):
    """A form sent from a page that was open too long (or without cookies): explain, in Dutch.

    Replaces Django's English page (settings.CSRF_FAILURE_VIEW); the status stays 403.
    """
    return render(request, "403_csrf.html", {"hide_signup": True}, status=403)
