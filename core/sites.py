"""The Wagtail site of a request, looked up once per host and content version in each process
instead of with a query on every request.

Wagtail finds the site of a request when it needs it (`Site.find_for_request`) and keeps it on
the request; this middleware hands it the one found before for the same host, as long as
nothing was published or saved since (core.content_version, which a saved site raises too).
Requests that never ask for the site (static files, health checks) never touch the database.
"""

from . import content_version

_known = content_version.ProcessMemory()


class KnownSiteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        sites = _known.for_version(content_version.for_request(request))
        key = (request.get_host(), request.get_port())
        if key in sites:
            request._wagtail_site = sites[key]
        response = self.get_response(request)
        if key not in sites and hasattr(request, "_wagtail_site"):  # Wagtail looked it up
            sites[key] = request._wagtail_site
        return response
