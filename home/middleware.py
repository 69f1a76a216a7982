"""Requests the site refuses before any view sees them."""

from django.shortcuts import render


class RejectNulBytesMiddleware:
    """A NUL byte in the path or the query string is never meant by a visitor, and PostgreSQL
    cannot even compare text that holds one: such a request gets the Dutch 400 page instead of
    reaching a view. (Posted form fields are checked by the forms: Django's text fields refuse
    NUL bytes.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or "\x00" in value
            for key, values in request.GET.lists()
            for value in values
        ):
            return render(request, "400.html", {"hide_signup": True}, status=400)
        return self.get_response(request)
