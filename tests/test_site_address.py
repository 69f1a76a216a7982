"""Every absolute URL the site prints is on the address it is served on (core/addresses.py).

Development (BASE_URL_FROM_REQUEST): the address of the request, here 127.0.0.1:8301 as after
`make run PORT=8301`. Production: BASE_URL, whatever Host the request came with. The Site
record says http://localhost/ in both (tests/conftest.py), and must never show.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

from django.core import mail
from django.test import override_settings

import pytest
from bs4 import BeautifulSoup

from tests import factories
from tests.newsletter.test_sending import published, received, send, subscriber

DEV_HOST = "127.0.0.1:8301"
PUBLIC = "https://kennis.example.nl"
ROOT = Path(__file__).resolve().parent.parent

development = override_settings(
    BASE_URL_FROM_REQUEST=True, WAGTAILADMIN_BASE_URL=f"http://{DEV_HOST}"
)
production = override_settings(BASE_URL_FROM_REQUEST=False, WAGTAILADMIN_BASE_URL=PUBLIC)
MODES = [
    pytest.param(development, f"http://{DEV_HOST}", id="development"),
    pytest.param(production, PUBLIC, id="production"),
]


@pytest.fixture
def news(indexes, theme):
    image = factories.ImageFactory()
    return published(
        factories.NewsItemPageFactory, indexes["news"], title="Krimp in Groningen",
        themes=[theme], listing_image=image,
    )  # fmt: skip


def get(client, path):
    return client.get(path, HTTP_HOST=DEV_HOST)


def absolute_links(html):
    """Every http(s) URL in the text, to check that none is on another address."""
    return set(re.findall(r"https?://[^\s\"'<>)]+", html))


@pytest.mark.parametrize(("mode", "address"), MODES)
def test_canonical_og_url_og_image_and_feed_links_of_a_page(client, news, mode, address):
    with mode:
        html = get(client, news.url).content.decode()

    head = BeautifulSoup(html, "html.parser").head
    assert head.find("link", rel="canonical")["href"] == f"{address}{news.url}"
    assert head.find("meta", property="og:url")["content"] == f"{address}{news.url}"
    assert head.find("meta", property="og:image")["content"].startswith(f"{address}/media/")
    feeds = head.find_all("link", rel="alternate")
    assert feeds and all(link["href"].startswith(f"{address}/feeds/") for link in feeds)
    assert "http://localhost" not in html


@pytest.mark.parametrize(("mode", "address"), MODES)
def test_feed_links_to_the_site_itself_and_its_pages(client, news, theme, mode, address):
    with mode:
        rss = get(client, "/feeds/rss/").content.decode()
        atom = get(client, f"/feeds/thema/{theme.slug}/atom/").content.decode()

    assert f"<link>{address}{news.url}</link>" in rss
    assert f'href="{address}/feeds/thema/{theme.slug}/atom/"' in atom
    for link in absolute_links(rss) | absolute_links(atom):
        assert link.startswith(address) or "w3.org" in link, link


@pytest.mark.parametrize(("mode", "address"), MODES)
def test_sitemap_lists_pages_on_the_site_address(client, news, mode, address):
    with mode:
        xml = get(client, "/sitemap.xml").content.decode()

    locations = re.findall(r"<loc>([^<]+)</loc>", xml)
    assert f"{address}{news.url}" in locations
    assert all(location.startswith(f"{address}/") for location in locations)


@pytest.mark.parametrize(("mode", "address"), MODES)
def test_sign_up_e_mail_links_to_the_base_url(client, theme, mode, address):
    with mode:
        client.post(
            "/nieuwsbrief/",
            {"email": "lid@voorbeeld.nl", "consent": "on", "scope": "alle"},
            HTTP_HOST=DEV_HOST,
        )

    [message] = mail.outbox
    assert f"{address}/nieuwsbrief/bevestigen/" in message.body
    links = absolute_links(message.body) | absolute_links(message.alternatives[0][0])
    assert all(link.startswith(address) for link in links), links


@production
def test_digest_sent_by_the_command_links_to_the_base_url(news, theme):
    person = subscriber("lid@voorbeeld.nl", [theme])

    send()

    [message] = received(person.email)
    assert f"{PUBLIC}{news.url}" in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith(f"<{PUBLIC}/nieuwsbrief/")
    links = absolute_links(message.body) | absolute_links(message.alternatives[0][0])
    assert all(link.startswith(PUBLIC) for link in links), links


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"PORT": "8301"}, "http://127.0.0.1:8301"),  # `make run PORT=8301`
        ({}, "http://127.0.0.1:8000"),
        ({"PORT": "8301", "BASE_URL": "https://kennis.example.nl/"}, "https://kennis.example.nl"),
    ],
)
def test_base_url_comes_from_base_url_else_from_port(env, expected):
    keep = {name: os.environ[name] for name in ("PATH", "HOME") if name in os.environ}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", "from config.settings import dev; print(dev.WAGTAILADMIN_BASE_URL)"],
        cwd=ROOT,
        env={**keep, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == expected, result.stderr


def test_make_run_passes_its_port_to_the_site():
    makefile = (ROOT / "Makefile").read_text()
    assert "PORT=$(PORT) $(PY) manage.py runserver $(HOST):$(PORT)" in makefile
