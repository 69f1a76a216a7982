"""The public site works under a Content-Security-Policy without 'unsafe-inline'.

A browser refuses inline scripts, inline styles and event-handler attributes under the public
policy, so no public page may contain them: they would silently stop working.
"""

from html.parser import HTMLParser

from django.template.loader import render_to_string

from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

import pytest

from tests import factories


class InlineCode(HTMLParser):
    """Collects what a CSP without 'unsafe-inline' blocks."""

    DATA_TYPES = {"application/json", "application/ld+json"}  # data, never run

    def __init__(self, html):
        super().__init__()
        self.found = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and not attrs.get("src") and attrs.get("type") not in self.DATA_TYPES:
            self.found.append("<script> without src")
        if tag == "style":
            self.found.append("<style>")
        for name, value in attrs.items():
            if name == "style" or name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            if name in {"href", "src", "action"} and (value or "").startswith("javascript:"):
                self.found.append(f"<{tag} {name}=javascript:…>")


def assert_no_inline_code(html):
    assert InlineCode(html).found == []


VIDEO = "https://www.youtube.com/watch?v=krimp-in-drenthe"


@pytest.fixture
def video(db):
    """A YouTube video as Wagtail's embed finder stores it, so that no test asks YouTube."""
    iframe = (
        '<iframe width="560" height="315" src="https://www.youtube-nocookie.com/embed/krimp"'
        ' title="Krimp in Drenthe" allowfullscreen></iframe>'
    )
    Embed.objects.create(
        hash=get_embed_hash(VIDEO, None, None), url=VIDEO, type="video", html=iframe,
        width=560, height=315, provider_name="YouTube", thumbnail_url="",
    )  # fmt: skip
    return VIDEO


@pytest.fixture
def public_urls(indexes, theme, video):
    publication = factories.PublicationPageFactory(parent=indexes["publications"], themes=[theme])
    news = factories.NewsItemPageFactory(
        parent=indexes["news"], title="Krimp in Drenthe", body=[("embed", video)]
    )
    event = factories.EventPageFactory(parent=indexes["events"])
    return [
        indexes["themes"].get_parent().url,
        theme.url,
        publication.url,
        news.url,
        event.url,
        indexes["news"].url + "?thema=krimp",
        "/zoeken/?q=krimp",
        "/nieuwsbrief/",
        "/bestaat-niet/",
    ]


@pytest.mark.search_index  # one of the pages is a search
def test_public_pages_have_no_inline_code_and_the_strict_policy(client, public_urls):
    for url in public_urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert_no_inline_code(response.content.decode())
        policy = response.headers["Content-Security-Policy"]
        assert "default-src 'self'" in policy, url
        assert "unsafe" not in policy, url


def test_embedded_video_keeps_its_shape_without_inline_style(client, indexes, video):
    news = factories.NewsItemPageFactory(parent=indexes["news"], body=[("embed", video)])
    content = client.get(news.url).content.decode()
    assert '<div class="responsive-object">' in content
    assert 'src="https://www.youtube-nocookie.com/embed/krimp"' in content
    assert_no_inline_code(content)


def test_error_pages_have_no_inline_code(client, home):
    assert_no_inline_code(render_to_string("500.html"))
    response = client.get("/zoeken/?q=%00")
    assert response.status_code == 400
    assert_no_inline_code(response.content.decode())


def test_admin_has_its_own_policy(admin_client):
    response = admin_client.get("/admin/")
    policy = response.headers["Content-Security-Policy"]
    directives = {part.split()[0]: part.split()[1:] for part in policy.split("; ")}
    # Wagtail's widgets need inline scripts and styles; scripts still only from the site.
    assert directives["script-src"] == directives["style-src"] == ["'self'", "'unsafe-inline'"]
    assert "unsafe-eval" not in policy
    assert "frame-ancestors 'self'" in policy  # the preview panel frames the page


def test_media_on_another_host_is_allowed_for_images(client, home, settings):
    settings.MEDIA_URL = "https://media.kennis.example.nl/"
    policy = client.get(home.url).headers["Content-Security-Policy"]
    assert "img-src 'self' https://media.kennis.example.nl" in policy


def test_browser_features_are_switched_off(client, home):
    permissions = client.get(home.url).headers["Permissions-Policy"]
    for feature in ["camera", "microphone", "geolocation", "payment", "usb", "interest-cohort"]:
        assert f"{feature}=()" in permissions
