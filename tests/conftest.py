import logging
import os
from types import SimpleNamespace

from django.contrib.auth.models import Group, User
from django.db import transaction

from wagtail.models import Page, Site

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from search import vocabulary

from . import factories, indexing, search_clusters

# Property tests (Hypothesis) draw the same examples on every CI run, so that a failure there is
# repeatable, never luck; locally they draw new ones each run and so keep looking; `make fuzz`
# draws many more (FUZZ_EXAMPLES, docs/development.md).
PROPERTY_TESTS = {
    "deadline": None,  # requests on a shared machine vary in time
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}
hypothesis_settings.register_profile("dev", max_examples=50, **PROPERTY_TESTS)
hypothesis_settings.register_profile("ci", max_examples=50, derandomize=True, **PROPERTY_TESTS)
hypothesis_settings.register_profile(
    "fuzz", max_examples=int(os.environ.get("FUZZ_EXAMPLES", "2000")), **PROPERTY_TESTS
)
hypothesis_settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)


def build_home():
    root = Page.get_first_root_node()
    home = factories.HomePageFactory(parent=root)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Test"},
    )
    return home


def build_indexes(home):
    return {
        "themes": factories.ThemeIndexPageFactory(parent=home),
        "news": factories.NewsIndexPageFactory(parent=home),
        "publications": factories.PublicationIndexPageFactory(parent=home),
        "practices": factories.PracticeIndexPageFactory(parent=home),
        "events": factories.EventIndexPageFactory(parent=home),
    }


def build_theme(indexes):
    return factories.ThemePageFactory(parent=indexes["themes"], title="Krimp", slug="krimp")


@pytest.fixture
def home(db):
    """A home page that is the root of the default site."""
    return build_home()


@pytest.fixture
def indexes(home):
    """One index page of each type, under the home page."""
    return build_indexes(home)


@pytest.fixture
def editor(db):
    """A user in the group Redacteuren: may write pages and submit them, not publish."""
    user = User.objects.create_user("redacteur", password="geheim-wachtwoord")
    user.groups.add(Group.objects.get(name="Redacteuren"))
    return user


@pytest.fixture
def theme(indexes):
    return build_theme(indexes)


@pytest.fixture(autouse=True)
def fresh_cache():
    """Every test starts with an empty cache (the search vocabulary and synonyms live there),
    and reads the vocabulary afresh: this process's copy of it may hold the words of pages
    rolled back since (data shared by a class)."""
    from django.core.cache import cache

    cache.clear()
    vocabulary._loaded.update(version=None, vocabulary=None)
    yield
    cache.clear()


# --- Search indexing (tests/indexing.py) ------------------------------------------------------
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    indexing.mark_search_tests(items)
    for item in items:
        uses_shared_db = "shared_db" in getattr(item, "fixturenames", ())
        if uses_shared_db and not item.get_closest_marker("django_db"):
            item.add_marker("django_db")  # a savepoint of its own (see `shared_db`)


@pytest.fixture(autouse=True)
def search_indexing(request):
    """Pages are indexed on save in tests that search, and only there (tests/indexing.py)."""
    with indexing.indexing(on=indexing.searches(request.node)):
        yield


# --- Data shared by the tests of a class -------------------------------------------------------
# Tests that only read the same pages can build them once per class, as Django's
# `TestCase.setUpTestData` does: a class-scoped fixture that uses `shared_db` builds them inside
# a transaction that is rolled back after the class's last test. Each test still runs in a
# savepoint of its own, so whatever it changes is gone before the next one. Outside a class such
# a fixture is built for each test. Tests that search must not change the shared pages: on a
# search cluster a changed page's index entry would not roll back with the database.


@pytest.fixture(scope="class")
def shared_db(request, django_db_setup, django_db_blocker):
    """The transaction that a class's shared data lives in (see above)."""
    searched = indexing.searches(request.node)
    cluster = request.getfixturevalue("search_cluster") if searched else None
    with django_db_blocker.unblock(), transaction.atomic(), indexing.indexing(on=searched):
        yield
        transaction.set_rollback(True)
    if cluster is not None:
        cluster.forget_shared_writes()


@pytest.fixture(scope="class")
def shared_site(shared_db):
    """`home`, `indexes` and `theme`, built once for a class whose tests only read them."""
    home = build_home()
    indexes = build_indexes(home)
    return SimpleNamespace(home=home, indexes=indexes, theme=build_theme(indexes))


# --- Search failures ---------------------------------------------------------------------------
# Search errors are logged, not raised (Wagtail indexes in the background and the site search
# falls back to the database), so a broken index would pass unnoticed: every test fails when one
# of these is logged, unless it is marked `search_failure_expected`.
SEARCH_FAILURES = {"modelsearch.index": logging.ERROR, "search.fallback": logging.WARNING}


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__()
        self.records = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture(autouse=True)
def no_search_failures(request):
    if request.node.get_closest_marker("search_failure_expected"):
        yield
        return
    handlers = {}
    for name, level in SEARCH_FAILURES.items():
        handlers[name] = _Collect()
        handlers[name].setLevel(level)
        logging.getLogger(name).addHandler(handlers[name])
    yield
    for name, handler in handlers.items():
        logging.getLogger(name).removeHandler(handler)
    failures = [record for handler in handlers.values() for record in handler.records]
    if failures:
        pytest.fail(
            "search failed: " + "; ".join(f"{r.name}: {r.getMessage()}" for r in failures),
            pytrace=False,
        )


@pytest.fixture(scope="session")
def search_cluster(django_db_setup, django_db_blocker):
    """The search cluster of this run (`ELASTICSEARCH_URL`), or None on database search."""
    cluster = search_clusters.connect()
    if cluster is None:
        yield None
        return
    with django_db_blocker.unblock():
        cluster.create_indexes()
    with pytest.MonkeyPatch.context() as patcher:
        cluster.track_writes(patcher)
        yield cluster
    cluster.drop_indexes()


@pytest.fixture(autouse=True)
def clean_search_index(request):
    """On a cluster, what a test indexed is gone after it (tests/search_clusters.py)."""
    names = request.fixturenames
    if "db" not in names and "transactional_db" not in names and "shared_db" not in names:
        yield
        return
    cluster = request.getfixturevalue("search_cluster")
    if cluster is not None:
        cluster.share_writes()  # what wider-scoped fixtures indexed stays until they end
    yield
    if cluster is not None:
        cluster.forget_writes()
