"""Whole pages cached for anonymous visitors (core.page_cache): a repeated visit is served without
rendering, yet a publish or an edited setting shows on the next request, and nothing personal is
ever stored or handed to someone else."""

from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import pytest
from bs4 import BeautifulSoup

from core import content_version
from core.models import SiteSettings
from core.page_cache import may_store
from newsletter.models import Subscriber
from tests import factories
from tests.conftest import build_home, build_indexes
from tests.test_database_down import unreachable


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE = True


@pytest.fixture
def news(indexes, theme):
    return factories.NewsItemPageFactory(
        parent=indexes["news"], title="Besturen gaan samen", themes=[theme]
    )


def visit(client, url, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    response.queries = len(queries)
    return response


def test_a_second_anonymous_visit_is_served_from_the_cache_without_the_database(news):
    first = visit(Client(), news.url)
    again = visit(Client(), news.url)
    assert (first["X-Page-Cache"], again["X-Page-Cache"]) == ("miss", "hit")
    assert again.queries == 0
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]


def test_cached_pages_are_still_served_while_the_database_is_down(news):
    visit(Client(), news.url)
    with connection.execute_wrapper(unreachable):
        response = visit(Client(), news.url)
        other = Client().get("/nieuws/")
    assert (response.status_code, response["X-Page-Cache"]) == (200, "hit")
    assert other.status_code == 503  # not cached: the Dutch "back in a minute" page


def test_a_publish_or_a_settings_change_shows_on_the_next_visit(home, news, theme):
    visit(Client(), news.url)
    visit(Client(), theme.url)
    news.title = "Drie besturen gaan samen"
    news.save_revision().publish()
    assert "Drie besturen gaan samen" in visit(Client(), theme.url).content.decode()
    settings = SiteSettings.for_site(home.get_site())
    settings.footer_text = "Samen sterk in de regio."
    settings.save()
    assert "Samen sterk in de regio." in visit(Client(), news.url).content.decode()


def test_a_moved_or_deleted_page_leaves_the_cached_pages(home, indexes, news):
    about = factories.ContentPageFactory(parent=home, title="Over ons", slug="over-ons")
    team = factories.ContentPageFactory(parent=home, title="Het team", slug="team")
    for url in ("/over-ons/", "/team/", "/nieuws/"):
        visit(Client(), url)
        assert visit(Client(), url)["X-Page-Cache"] == "hit"
    team.move(about, pos="last-child")
    assert visit(Client(), "/team/")["Location"] == "/over-ons/team/"  # Wagtail's redirect
    assert "Het team" in visit(Client(), "/over-ons/team/").content.decode()
    news.delete()
    assert "Besturen gaan samen" not in visit(Client(), "/nieuws/").content.decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_publish_is_announced_once_when_its_transaction_commits():
    indexes = build_indexes(build_home())
    news = factories.NewsItemPageFactory(parent=indexes["news"], title="Besturen gaan samen")
    announced = []

    def count(**kwargs):
        announced.append(transaction.get_connection().in_atomic_block)

    content_version.changed.connect(count)
    try:
        news.title = "Drie besturen gaan samen"
        news.save_revision().publish()  # saves the page and a revision, and publishes
    finally:
        content_version.changed.disconnect(count)
    assert announced == [False]  # once, after the commit


def test_the_sign_up_form_on_a_cached_page_works_for_the_next_visitor(news):
    visit(Client(), news.url)
    page = visit(Client(), news.url)
    assert page["X-Page-Cache"] == "hit"
    form = BeautifulSoup(page.content, "html.parser").select_one("footer form.signup")
    data = {"email": "buur@voorbeeld.nl", "consent": "on", "scope": "alle"}
    response = Client(enforce_csrf_checks=True).post(
        form["action"], data, headers={"Origin": "http://testserver"}
    )
    assert response.status_code == 302
    assert Subscriber.objects.filter(email="buur@voorbeeld.nl").exists()


def test_a_saved_draft_leaves_the_cached_page_in_place(news):
    visit(Client(), news.url)
    news.title = "Nog niet klaar"
    news.save_revision()
    response = visit(Client(), news.url)
    assert response["X-Page-Cache"] == "hit"
    assert "Nog niet klaar" not in response.content.decode()


def test_logged_in_editors_never_get_or_leave_cached_pages(news, editor):
    visit(Client(), news.url)
    editor_client = Client()
    editor_client.force_login(editor)
    response = visit(editor_client, news.url)
    assert "X-Page-Cache" not in response
    assert response.queries > 0


def test_a_restricted_page_is_never_cached(news):
    PageViewRestriction.objects.create(page=news, restriction_type="password", password="geheim")
    for _ in range(2):
        response = visit(Client(), news.url)
        assert response.status_code == 200  # the password form
        assert "X-Page-Cache" not in response
    PageViewRestriction.objects.filter(page=news).delete()
    PageViewRestriction.objects.create(page=news, restriction_type=PageViewRestriction.LOGIN)
    assert visit(Client(), news.url).status_code == 302


@pytest.mark.search_index
def test_search_with_a_query_and_form_pages_with_a_token_are_never_cached(news):
    for url in ("/zoeken/?q=besturen", "/nieuwsbrief/"):
        visit(Client(), url)
        response = visit(Client(), url)
        assert "X-Page-Cache" not in response, url


def test_a_response_carrying_messages_is_not_stored(rf, news):
    request = rf.get(news.url)
    request.session = {}
    request._messages = FallbackStorage(request)
    assert may_store(request, HttpResponse("ok"))
    request._messages.add(20, "Uw voorkeuren zijn opgeslagen.")
    assert list(get_messages(request))  # shown on this page
    assert not may_store(request, HttpResponse("ok"))


def test_post_requests_and_visitors_with_a_session_pass_by(client, news):
    visit(Client(), news.url)
    with_session = Client()
    with_session.cookies["sessionid"] = "abc"
    assert "X-Page-Cache" not in visit(with_session, news.url)
    assert "X-Page-Cache" not in Client().post(news.url)


def test_page_cache_off_renders_every_request(settings, news):
    settings.PAGE_CACHE = False
    visit(Client(), news.url)
    response = visit(Client(), news.url)
    assert "X-Page-Cache" not in response
    assert response.queries > 0
