"""The checks of tests/test_new_content_type.py, run with the `videos` app installed
(config.settings.test_videos): the `VideoPage`, which no module of the site names, shows up in
listings, search, the importer, feeds, theme pages and digests."""

import datetime
import json
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from wagtail.models import Page

import pytest

from home.models import HomePage
from importer.importer import ContentImporter, LineError
from importer.site import ensure_site_structure
from newsletter.consent import CURRENT_VERSION
from newsletter.models import Subscriber
from taxonomy.models import Region, Sector
from tests.videos.models import VideoIndexPage, VideoPage

TITLE = "Terugblik op de regiodag over krimp"


@pytest.fixture
def videos(home):
    index = home.add_child(instance=VideoIndexPage(title="Video's", slug="videos"))
    index.save_revision().publish()
    return index


@pytest.fixture
def video(videos, theme):
    page = VideoPage(
        title=TITLE,
        intro="Bestuurders uit Groningen vertellen hoe zij hun scholen samenvoegden.",
        publication_date=timezone.localdate(),
        themes=[theme],
        sectors=[Sector.objects.get(slug="po")],
        regions=[Region.objects.get(slug="groningen")],
    )
    videos.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_its_overview_lists_and_filters_it(client, video):
    other = VideoPage(
        title="Zij-instromers vertellen",
        intro="Drie nieuwe leraren over hun eerste jaar.",
        publication_date=timezone.localdate() - datetime.timedelta(days=400),
        regions=[Region.objects.get(slug="friesland")],
    )
    video.get_parent().add_child(instance=other)
    other.save_revision().publish()
    url = video.get_parent().url

    listing = client.get(url).content.decode()
    assert TITLE in listing and other.title in listing
    for query in ("thema=krimp", "regio=groningen", f"jaar={timezone.localdate().year}"):
        filtered = client.get(f"{url}?{query}").content.decode()
        assert TITLE in filtered and other.title not in filtered, query
    assert TITLE not in client.get(f"{url}?regio=friesland").content.decode()


def test_its_own_page_renders_with_its_classification(client, video):
    page = client.get(video.url).content.decode()
    assert TITLE in page and "Groningen" in page


@pytest.mark.search_index
def test_search_finds_it_and_offers_its_type_as_a_facet(client, video):
    found = client.get("/zoeken/api/", {"q": "regiodag"}).json()
    assert [(r["title"], r["type"]) for r in found["results"]] == [(TITLE, "Video")]
    assert found["facets"]["type"] == [{"value": "video", "label": "Video", "count": 1}]
    assert client.get("/zoeken/api/", {"q": "regiodag", "type": "video"}).json()["total"] == 1
    assert client.get("/zoeken/api/", {"q": "regiodag", "type": "nieuws"}).json()["total"] == 0
    page = client.get("/zoeken/", {"q": "regiodag"}).content.decode()
    assert "?q=regiodag&amp;type=video" in page  # the facet link


def test_the_importer_creates_it_under_its_overview(videos, theme, tmp_path):
    line = {
        "kind": "video",
        "title": "Webinar over het lerarentekort",
        "date": "2026-05-04",
        "intro": "Een opname van het webinar.",
        "themes": ["Krimp"],
        "source_url": "https://oud.example.nl/video/1",
    }
    assert ContentImporter(tmp_path).import_line(json.dumps(line)) == "created"
    page = VideoPage.objects.get(source_url=line["source_url"])
    assert page.live and page.get_parent().pk == videos.pk
    assert [t.pk for t in page.themes.all()] == [theme.pk]
    with pytest.raises(LineError, match="missing 'date'"):
        ContentImporter(tmp_path).import_line(json.dumps({**line, "date": ""}))


def test_its_feed_and_the_site_feed_carry_it(client, video):
    own = client.get("/feeds/videos/rss/")
    assert own.status_code == 200 and TITLE in own.content.decode()
    assert TITLE in client.get("/feeds/rss/").content.decode()
    assert TITLE in client.get("/feeds/thema/krimp/atom/").content.decode()


def test_the_theme_page_shows_it_in_a_section_of_its_own(client, video, theme):
    page = client.get(theme.url).content.decode()
    assert "Video&#x27;s" in page or "Video's" in page
    assert TITLE in page


def test_a_digest_mails_it_to_followers_of_its_theme(video, theme):
    follower = Subscriber.objects.create(
        email="volger@voorbeeld.nl",
        status=Subscriber.Status.CONFIRMED,
        confirmed_at=timezone.now() - datetime.timedelta(days=3),
        consent_version=CURRENT_VERSION,
        consent_method=Subscriber.ConsentMethod.FORM,
    )
    follower.themes.set([theme])
    call_command("send_newsletter", stdout=StringIO())
    [message] = mail.outbox
    assert message.to == [follower.email]
    assert TITLE in message.body and "VIDEO'S" in message.body  # the type's heading


def test_a_new_site_gets_its_overview_and_editors_may_add_one(db):
    Page.objects.filter(depth__gt=1).delete()
    home = ensure_site_structure()
    overview = VideoIndexPage.objects.child_of(home).get()
    assert overview.title == "Video's" and overview.slug == "videos"
    assert VideoIndexPage in HomePage.allowed_subpage_models()
