"""Fixtures of the browser tests: the demo site behind a live server, and one Chromium per
process (docs/development.md, "Browser tests").

The demo content (`load_demo_content`) takes seconds to build, so each test process builds it
once, committed, for all its browser tests, and empties the database again after them. That is
why these tests use no `db` fixture: pytest-django runs tests without one after all database
tests of a process, so nothing else sees the committed pages. The server runs in a thread of the
test process and so shares its settings, its local-memory e-mail outbox and, on SQLite, its
in-memory database connection.
"""

import io
import os
from types import SimpleNamespace

from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connection
from django.test.utils import setup_databases, teardown_databases

from wagtail.models import Page

import pytest
from pytest_django.live_server_helper import LiveServer

from agenda.models import EventIndexPage, EventPage
from publications.models import (
    NewsIndexPage,
    NewsItemPage,
    PracticeIndexPage,
    PracticePage,
    PublicationPage,
)
from themes.models import ThemePage

from .. import indexing
from . import browser as chromium

PASSWORD = "browser-test-wachtwoord"  # noqa: S105
# The groups `migrate` makes: editors write and submit pages, moderators approve and publish them.
EDITORS = "Redacteuren"
MODERATORS = "Eindredacteuren"


def pytest_collection_modifyitems(items):
    """Every browser test searches or may search: pages are indexed on save (tests/indexing.py)."""
    for item in items:
        if "demo_site" in item.fixturenames:
            item.add_marker(indexing.MARKER)


def require_browser():
    """Skip the test when Chromium or axe-core is missing; fail in CI, which must have them."""
    missing = chromium.what_is_missing()
    if missing and os.environ.get("CI"):
        pytest.fail(f"{missing}; CI must provide it", pytrace=False)
    if missing:
        pytest.skip(missing)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for this test process."""
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium.chromium_path())
        yield instance
        instance.close()


@pytest.fixture
def open_tab(demo_site, browser):
    """Opens browser tabs, each in a context of its own (its own cookies: another visitor),
    1280 px wide (`tab.set_viewport_size` changes that); all are closed after the test.
    The demo site comes first: Django refuses database queries in a thread where an event loop
    runs, as Playwright's does once it starts."""
    contexts = []

    def open_tab():
        context = browser.new_context(
            base_url=demo_site.url,
            viewport={"width": chromium.WIDTHS["desktop"], "height": chromium.HEIGHT},
            locale="nl-NL",
            bypass_csp=True,  # axe-core is added to the page as a script of its own
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_tab
    for context in contexts:
        context.close()


@pytest.fixture
def page(open_tab):
    """A fresh browser tab (see `open_tab`)."""
    return open_tab()


@pytest.fixture(scope="session")
def demo_site(django_db_setup, django_db_blocker):
    """The demo content with an editor and a moderator, served by a live server."""
    require_browser()  # before building what no test could use
    with django_db_blocker.unblock():
        created = create_test_database_if_missing()
        if not created:
            start_from_migrated_database()
        with indexing.indexing(on=True):
            call_command("load_demo_content", stdout=io.StringIO())
        make_user("redacteur", EDITORS)
        make_user("eindredacteur", MODERATORS)
        server = LiveServer("localhost")
        server._live_server_modified_settings.enable()
        site = SimpleNamespace(
            url=server.url,
            pages=page_urls(),
            news_index_id=NewsIndexPage.objects.get().pk,
            password=PASSWORD,
        )
    yield site
    server._live_server_modified_settings.disable()
    server.stop()
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)
        if created:
            teardown_databases(created, verbosity=0)


@pytest.fixture(autouse=True)
def _server_database(request, django_db_blocker):
    """The live server reaches the database while a browser test runs (tests without a `db`
    fixture are otherwise blocked from it, in every thread)."""
    if "demo_site" not in request.fixturenames:
        yield
        return
    with django_db_blocker.unblock():
        yield


def create_test_database_if_missing():
    """None where pytest-django has created the test database; where it has not (only tests
    without a `db` fixture were selected), creates it and returns what `teardown_databases`
    needs to remove it again."""
    if connection.settings_dict["NAME"] == connection.creation._get_test_db_name():
        return None
    return setup_databases(verbosity=0, interactive=False, aliases={DEFAULT_DB_ALIAS})


def start_from_migrated_database():
    """Tests with `transaction=True` may have emptied the database before: put back what
    `migrate` made (the page tree's root, groups, workflow), as such a test does itself."""
    if Page.objects.exists():
        return
    contents = getattr(connection, "_test_serialized_contents", None)
    if contents is None:
        pytest.fail("the test database is empty and no copy of it was kept", pytrace=False)
    connection.creation.deserialize_db_from_string(contents)


def make_user(username, group):
    user = User.objects.create_user(username, f"{username}@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name=group))


def first_url(model):
    return model.objects.live().public().order_by("path").first().get_url()


PAGE_TYPES = [
    "home",
    "theme",
    "news listing",
    "news item",
    "practice listing",
    "practice",
    "publication",
    "event listing",
    "event",
    "search with results",
    "search without results",
    "newsletter",
    "not found",
]


def page_urls():
    """The paths of one page of each type (PAGE_TYPES), for the tests that visit them all."""
    return {
        "home": "/",
        "theme": first_url(ThemePage),
        "news listing": first_url(NewsIndexPage),
        "news item": first_url(NewsItemPage),
        "practice listing": first_url(PracticeIndexPage),
        "practice": first_url(PracticePage),
        "publication": first_url(PublicationPage),
        "event listing": first_url(EventIndexPage),
        "event": first_url(EventPage),
        "search with results": "/zoeken/?q=krimp",
        "search without results": "/zoeken/?q=qwxzvbnm",
        "newsletter": "/nieuwsbrief/",
        "not found": "/deze-pagina-bestaat-niet/",
    }
