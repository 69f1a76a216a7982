"""The home page and the pages of the main navigation rendered for a change before it goes live.

A publish, or any change visitors may see, needs a new content version (core.content_version):
under it nothing is cached yet. The first visitor of a listing then waited while it was built
afresh: its facet index, its cards, the navigation and the footer (about 200 ms for the news at
100,000 pages, docs/benchmarks.md). Instead, once the change is committed, a thread of the web
process that made it prepares the new version and requests the home page and the pages of the
main navigation of every site under it, as an anonymous visitor would; only then does the new
version go live (and the front cache get emptied). Their fragments (and with the page cache on,
the whole pages) are in the shared cache for the first visitor, and a listing's facet index
serves its filtered pages too. Until then, visitors get the version before the change: about a
second (DELAY, then the warm-up: half a second at 100,000 pages). Changes within DELAY seconds
of each other go live together.

Web processes warm up every change: config/wsgi.py calls `start()`. `publish_scheduled`, the
importer and `update_index` hold theirs back until they end and then warm up once
(`before_going_live()`); other management commands and tests (WARM_UP is off in the test
settings) make their changes live at once, and the first visitor renders the pages. A page that
fails is logged, never raised, and the version goes live all the same. WARM_UP=off
(settings.WARM_UP) switches it off.
"""

import io
import logging
import os
import sys
import threading
import time
from contextlib import contextmanager

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.db import connections

from wagtail.models import Site

from . import content_version

logger = logging.getLogger(__name__)

DELAY = 0.5  # seconds to wait after a change for the changes that follow it
USER_AGENT = "Kennisplatform warm-up"

_wanted = threading.Event()
_worker = {"thread": None, "pid": None}


def start() -> None:
    """Warm up every change committed in this process (a web server's) before it goes live."""
    if settings.WARM_UP:
        content_version.warm_up_before_going_live = _changed


def _changed():
    content_version.prepare()  # goes live by itself, should this worker stop before its warm-up
    _wanted.set()
    thread = _worker["thread"]
    # A server that forks its workers after loading the site starts a thread in each worker.
    if thread is None or not thread.is_alive() or _worker["pid"] != os.getpid():
        thread = threading.Thread(target=_keep_warming, name="warm-up", daemon=True)
        _worker.update(thread=thread, pid=os.getpid())
        thread.start()


def _keep_warming():
    while True:
        _wanted.wait()
        time.sleep(DELAY)
        _wanted.clear()
        warm_up_then_go_live()
        connections.close_all()  # this thread's: it may wait long for the next change


@contextmanager
def before_going_live():
    """For a management command (`publish_scheduled`, the importer, `update_index`): the
    changes it makes go live together when it ends, once warm. Each commit prepares a version
    that goes live by itself GO_LIVE_SECONDS later, should the command not get to its end."""
    if not settings.WARM_UP or content_version.warm_up_before_going_live is not None:
        yield
        return
    bumps = content_version.bumps
    content_version.warm_up_before_going_live = content_version.prepare
    try:
        yield
    finally:
        content_version.warm_up_before_going_live = None
        if content_version.bumps != bumps:
            warm_up_then_go_live()


def warm_up_then_go_live():
    counter = content_version.prepare()
    try:
        warm_up(content_version.version_of(counter))
    except Exception:
        logger.exception("Could not warm up the pages after a change")
    finally:
        content_version.go_live(counter)


def warm_up(version: str | None = None) -> None:
    """Request the home page and the pages of the main navigation of every site, rendered for
    content `version` (by default the current one)."""
    handler = WSGIHandler()
    for site in Site.objects.select_related("root_page"):
        root = site.root_page
        pages = [root, *root.get_children().live().public().in_menu()]
        for page in pages:
            path = page.relative_url(site)
            if path is not None:
                _get(handler, site, path, version)


def _get(handler, site, path, version):
    scheme, address = site.root_url.split("://", 1)
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SCRIPT_NAME": "",
        "SERVER_NAME": site.hostname,
        "SERVER_PORT": str(site.port),
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": address,
        "HTTP_USER_AGENT": USER_AGENT,
        "HTTP_X_FORWARDED_PROTO": scheme,  # as the front cache says it (SECURE_PROXY_SSL_HEADER)
        "wsgi.url_scheme": scheme,
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
    }
    if version is not None:
        environ[content_version.WARM_UP_VERSION] = version
    status = []
    response = handler(environ, lambda line, headers, exc_info=None: status.append(line))
    try:
        b"".join(response)
    finally:
        response.close()  # ends the request: closes its database connection as a server does
    if not status or not status[0].startswith("200"):
        logger.warning("Warming up %s%s gave %s", site.root_url, path, status or "no response")
