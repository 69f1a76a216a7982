"""With Redis down, or accepting connections and never answering, the site keeps serving: pages,
search, feeds, the sitemap and the newsletter sign-up work without the cache (core/cache.py).
No Redis is needed: the tests point the cache at a closed port and at a server that hangs."""

import logging
import socket
import threading

from django.test import override_settings

import pytest

from core import cache as fail_open
from core import ratelimit
from tests import factories

SIGNUP_URL = "/nieuwsbrief/"


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class HangingServer:
    """Accepts connections and never answers, like a Redis that is stuck."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.connections = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            self.connections.append(connection)

    def close(self):
        self.listener.close()
        for connection in self.connections:
            connection.close()


def redis_cache(port):
    return {
        "default": {
            "BACKEND": "core.cache.FailOpenRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
    }


@pytest.fixture
def site(indexes, theme):
    factories.NewsItemPageFactory(parent=indexes["news"], title="Krimp in Drenthe", themes=[theme])
    return theme


def visit_everything(client, theme):
    """Status of each public page kind, and of a newsletter sign-up."""
    urls = ["/", theme.url, "/nieuws/", "/zoeken/?q=krimp", "/zoeken/api/?q=krimp",
            "/zoeken/suggesties/?q=krim", "/feeds/rss/", "/sitemap.xml", SIGNUP_URL]  # fmt: skip
    statuses = {url: client.get(url).status_code for url in urls}
    signup = {"email": "lid@voorbeeld.nl", "consent": "on", "scope": "alle"}
    statuses["sign-up"] = client.post(SIGNUP_URL, signup).status_code
    return statuses


@pytest.mark.search_index
def test_site_serves_without_a_redis_that_is_down(client, site, caplog):
    with override_settings(CACHES=redis_cache(closed_port())), caplog.at_level(logging.WARNING):
        statuses = visit_everything(client, site)
    assert statuses.pop("sign-up") == 302
    assert set(statuses.values()) == {200}, statuses
    assert "Cache unreachable" in caplog.text


@pytest.mark.search_index
def test_a_hanging_redis_costs_one_timeout_not_one_per_request(client, site):
    server = HangingServer()
    try:
        with override_settings(CACHES=redis_cache(server.port)):
            statuses = visit_everything(client, site)
            statuses.update(visit_everything(client, site))
    finally:
        server.close()
    assert statuses.pop("sign-up") == 302
    assert set(statuses.values()) == {200}, statuses
    # Every request uses the cache several times; after the first timeout it is left alone.
    assert len(server.connections) == 1


def test_sign_up_limit_still_holds_while_redis_is_down(client, site):
    limits = {"per_ip": (2, 3600), "per_email": (5, 3600)}
    with override_settings(CACHES=redis_cache(closed_port()), NEWSLETTER_SIGNUP_LIMITS=limits):
        statuses = [
            client.post(
                SIGNUP_URL, {"email": f"lid{n}@voorbeeld.nl", "consent": "on", "scope": "alle"}
            ).status_code
            for n in range(3)
        ]
    assert statuses == [302, 302, 429]


@pytest.fixture(autouse=True)
def forget_failures():
    """Each test starts with a cache that was never found down and no sign-ups counted."""
    fail_open._down_until.clear()
    ratelimit._this_process.clear()
    yield
    fail_open._down_until.clear()
    ratelimit._this_process.clear()
