"""After a change, the home page and the main navigation's pages are rendered again before the
change goes live (core.warm_up, core.content_version), so that the first visitor gets them from
the cache."""

import datetime
import threading
import time
from contextlib import contextmanager

from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from core import content_version, warm_up
from tests import factories


@pytest.fixture
def news_item(settings, indexes, theme):
    settings.PAGE_CACHE = True
    indexes["news"].show_in_menus = True
    indexes["news"].save()
    return factories.NewsItemPageFactory(parent=indexes["news"], title="Besturen gaan samen")


def visit(url):
    with CaptureQueriesContext(connection) as queries:
        response = Client(HTTP_HOST="localhost").get(url)
    return response, len(queries)


@contextmanager
def connection_kept_open():
    """The warm-up's requests end as a server's do, closing this thread's database connection:
    here that is the test's own, so it is kept open, as Django's test client keeps it."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_after_a_change_the_next_visitor_gets_warmed_up_pages_from_the_cache(news_item):
    content_version.bump()  # a publish
    with connection_kept_open():
        warm_up.warm_up()
    for url in ["/", "/nieuws/"]:
        response, queries = visit(url)
        assert (response.status_code, response["X-Page-Cache"], queries) == (200, "hit", 0), url
    response, _ = visit(news_item.url)  # not in the main navigation: rendered for its visitor
    assert response["X-Page-Cache"] == "miss"


class WarmUps:
    """The warm-ups the background thread runs, recorded instead of run."""

    def __init__(self):
        self.count = 0
        self.ran = threading.Event()

    def __call__(self, version=None):
        self.count += 1
        self.ran.set()

    def wait_for(self, count):
        deadline = time.monotonic() + 5
        while self.count < count and time.monotonic() < deadline:
            self.ran.wait(0.05)
        time.sleep(warm_up.DELAY + 0.2)  # and no more follow


@pytest.fixture
def warm_ups(monkeypatch):
    monkeypatch.setattr(warm_up, "DELAY", 0.2)
    recorded = WarmUps()
    monkeypatch.setattr(warm_up, "warm_up", recorded)
    return recorded


def test_changes_close_together_are_warmed_up_once(warm_ups):
    for _ in range(3):
        warm_up._changed()
    warm_ups.wait_for(1)
    assert warm_ups.count == 1
    warm_up._changed()  # a later change is warmed up again
    warm_ups.wait_for(2)
    assert warm_ups.count == 2


def test_a_failing_warm_up_is_logged_and_the_next_change_still_warms_up(
    monkeypatch, warm_ups, caplog
):
    failed = threading.Event()

    def fail(version=None):
        failed.set()
        raise ConnectionError("cache unreachable")

    monkeypatch.setattr(warm_up, "warm_up", fail)
    warm_up._changed()
    assert failed.wait(5)
    time.sleep(0.1)
    assert "Could not warm up the pages after a change" in caplog.text
    monkeypatch.setattr(warm_up, "warm_up", warm_ups)
    warm_up._changed()
    warm_ups.wait_for(1)
    assert warm_ups.count == 1


@pytest.mark.parametrize("on", [True, False])
def test_only_a_process_that_warms_up_does_so_after_a_change(settings, warm_ups, on):
    settings.WARM_UP = on
    warm_up._wanted.clear()
    warm_up.start()
    try:
        content_version._committed()  # a change committed in this process
        assert warm_up._wanted.is_set() == on
        warm_ups.wait_for(int(on))
        assert warm_ups.count == int(on)
    finally:
        content_version.warm_up_before_going_live = None
        warm_up._wanted.clear()


@pytest.fixture
def warming_process(monkeypatch):
    """This process warms a change up before it goes live (as a web server's does); the test
    runs the warm-up itself."""
    monkeypatch.setattr(content_version, "warm_up_before_going_live", lambda: None)
    went_live = []

    def live(sender, **kwargs):
        went_live.append(sender)

    content_version.changed.connect(live)
    yield went_live
    content_version.changed.disconnect(live)


def test_a_change_goes_live_once_the_pages_are_warm_and_visitors_never_wait(
    news_item, warming_process
):
    visit("/nieuws/")
    news_item.title = "Besturen bundelen hun krachten"
    news_item.save_revision().publish()
    content_version._committed()  # the test's transaction never commits
    response, queries = visit("/nieuws/")  # before the warm-up: the page as it was, cached
    assert (response["X-Page-Cache"], queries) == ("hit", 0)
    assert b"Besturen gaan samen" in response.content
    assert not warming_process  # the front cache is not emptied yet

    upcoming = content_version.prepare()
    with connection_kept_open():
        warm_up.warm_up(content_version.version_of(upcoming))
    response, _ = visit("/nieuws/")  # during the warm-up: still the parts as they were
    assert b"Besturen gaan samen" in response.content

    content_version.go_live(upcoming)
    assert len(warming_process) == 1  # the front cache is emptied once the change is live
    response, queries = visit("/nieuws/")
    assert (response["X-Page-Cache"], queries) == ("hit", 0)
    assert b"Besturen bundelen hun krachten" in response.content


def test_a_version_whose_warm_up_never_ends_goes_live_by_itself(monkeypatch):
    before = content_version.current()
    content_version.prepare()  # then the process ends
    assert content_version.current() == before
    monkeypatch.setattr(content_version, "GO_LIVE_SECONDS", -1)
    upcoming = content_version.prepare()  # its time to go live has passed
    assert content_version.current() == content_version.version_of(upcoming)


def test_a_change_made_meanwhile_elsewhere_is_not_undone_by_a_warm_up_that_ends(
    warming_process,
):
    upcoming = content_version.prepare()
    content_version._raise()  # another process (an import) makes its change live at once
    raised = content_version.current()
    content_version.go_live(upcoming)  # its warm-up ends afterwards: its version is older
    assert content_version.current() == raised != content_version.version_of(upcoming)
    assert not warming_process


def test_a_warm_up_does_not_disturb_what_this_process_remembers_for_its_visitors():
    memory = content_version.ProcessMemory()
    memory.for_version("current")["sites"] = "read"
    memory.for_version("upcoming")["sites"] = "read again"  # the warm-up's requests
    assert memory.for_version("current") == {"sites": "read"}
    memory.for_version("later")
    memory.for_version("latest")
    assert memory.for_version("current") == {}


def scheduled_news_item(parent, title):
    page = factories.NewsItemPageFactory(parent=parent, title=title, live=False)
    page.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    revision = page.save_revision()
    revision.publish()
    past = timezone.now() - datetime.timedelta(minutes=1)  # the scheduled time has passed
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()


def test_scheduled_publications_go_live_together_once_the_pages_are_warm(
    settings, news_item, monkeypatch
):
    settings.WARM_UP = True
    scheduled_news_item(news_item.get_parent(), "Gepland bericht")
    visit("/nieuws/")
    before = content_version.current()
    live_when_published = []
    monkeypatch.setattr(  # the version visitors get once the command has published
        warm_up, "warm_up_then_go_live",
        lambda original=warm_up.warm_up_then_go_live: (
            live_when_published.append(content_version.current()), original()
        ),
    )  # fmt: skip
    with connection_kept_open():
        call_command("publish_scheduled", verbosity=0)
    assert live_when_published == [before]  # the cached pages without it, until the warm-up
    response, queries = visit("/nieuws/")
    assert (response["X-Page-Cache"], queries) == ("hit", 0)  # warmed up before it went live
    assert b"Gepland bericht" in response.content


def test_a_command_without_changes_does_not_warm_up(db, settings, monkeypatch):
    settings.WARM_UP = True
    warm_ups = []
    monkeypatch.setattr(warm_up, "warm_up_then_go_live", lambda: warm_ups.append(1))
    call_command("publish_scheduled", verbosity=0)
    assert warm_ups == []


def test_a_rebuilt_search_index_goes_live_once_the_pages_are_warm(db, settings, monkeypatch):
    settings.WARM_UP = True
    warm_ups = []
    monkeypatch.setattr(warm_up, "warm_up_then_go_live", lambda: warm_ups.append(1))
    before = content_version.current()
    call_command("update_index", verbosity=0)
    assert warm_ups == [1]
    assert content_version.current() == before  # the stub above made nothing live


def test_a_change_goes_live_even_if_its_worker_stops_before_the_warm_up(settings, monkeypatch):
    settings.WARM_UP = True
    monkeypatch.setattr(warm_up, "warm_up_then_go_live", lambda: None)  # it never gets to it
    monkeypatch.setattr(content_version, "GO_LIVE_SECONDS", -1)  # and its time has come
    before = content_version.current()
    warm_up.start()
    try:
        content_version._committed()  # a publish in a worker that is then stopped
    finally:
        content_version.warm_up_before_going_live = None
    assert content_version.current() != before
