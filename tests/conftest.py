from django.contrib.auth.models import Group, User

from wagtail.models import Page, Site

import pytest

from . import factories


@pytest.fixture
def home(db):
    """A home page that is the root of the default site."""
    root = Page.get_first_root_node()
    home = factories.HomePageFactory(parent=root)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Test"},
    )
    return home


@pytest.fixture
def indexes(home):
    """One index page of each type, under the home page."""
    return {
        "themes": factories.ThemeIndexPageFactory(parent=home),
        "news": factories.NewsIndexPageFactory(parent=home),
        "publications": factories.PublicationIndexPageFactory(parent=home),
        "practices": factories.PracticeIndexPageFactory(parent=home),
        "events": factories.EventIndexPageFactory(parent=home),
    }


@pytest.fixture
def editor(db):
    """A user in Wagtail's Editors group: may write pages and submit them, not publish."""
    user = User.objects.create_user("redacteur", password="geheim-wachtwoord")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def theme(indexes):
    return factories.ThemePageFactory(parent=indexes["themes"], title="Krimp", slug="krimp")


@pytest.fixture(autouse=True)
def fresh_cache():
    """Every test starts with an empty cache (the search vocabulary and synonyms live there)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
