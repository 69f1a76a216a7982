"""The designed Dutch error pages can be seen in development (core/error_pages.py)."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.test import override_settings

import pytest

ROOT = Path(__file__).resolve().parent.parent
DESIGNED = [
    *settings.MIDDLEWARE[:-1],
    "core.error_pages.DesignedErrorPagesMiddleware",
    settings.MIDDLEWARE[-1],
]


@pytest.mark.parametrize(
    ("name", "status", "text"),
    [
        ("400", 400, '<html lang="nl"'),
        ("403", 403, "Geen toegang"),
        ("403-csrf", 403, '<html lang="nl"'),
        ("404", 404, "Pagina niet gevonden"),
        ("429-login", 429, '<html lang="nl"'),
        ("500", 500, "Er ging iets mis"),
        ("503", 503, '<html lang="nl"'),
    ],
)
@override_settings(DEBUG=True)
def test_each_designed_page_can_be_previewed_with_debug(client, home, name, status, text):
    response = client.get(f"/__error/{name}/")

    assert response.status_code == status
    html = response.content.decode()
    assert text in html
    assert "Django" not in html and "Traceback" not in html


def test_previews_do_not_exist_without_debug(client, home):
    response = client.get("/__error/500/")

    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


@override_settings(DEBUG=True)
def test_debug_shows_django_s_page_unless_designed_pages_are_asked_for(client, home):
    response = client.get("/bestaat-niet/")

    assert response.status_code == 404
    assert "Pagina niet gevonden" not in response.content.decode()


@override_settings(DEBUG=True, MIDDLEWARE=DESIGNED)
@pytest.mark.parametrize("path", ["/bestaat-niet/", "/zonder-slash.txt"])
def test_designed_pages_replace_the_debug_404(client, home, path):
    response = client.get(path)

    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


@override_settings(DEBUG=True, MIDDLEWARE=DESIGNED)
def test_designed_pages_replace_the_debug_500_and_log_the_crash(client, home, monkeypatch, caplog):
    def crash(*args, **kwargs):
        raise RuntimeError("kapot")

    monkeypatch.setattr("home.models.HomePage.serve", crash)

    response = client.get("/")

    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()
    assert "kapot" in caplog.text


def dev_middleware(**env):
    keep = {name: os.environ[name] for name in ("PATH", "HOME") if name in os.environ}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", "from config.settings import dev; print(dev.MIDDLEWARE)"],
        cwd=ROOT,
        env={**keep, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result.stdout


def test_debug_error_pages_designed_switches_them_on_in_development():
    assert "DesignedErrorPagesMiddleware" in dev_middleware(DEBUG_ERROR_PAGES="designed")
    assert "DesignedErrorPagesMiddleware" not in dev_middleware()
    assert "DesignedErrorPagesMiddleware" not in dev_middleware(
        DEBUG_ERROR_PAGES="designed", DEBUG="0"
    )


@override_settings(ALLOWED_HOSTS=["kennis.example.nl"])
@pytest.mark.parametrize("path", ["/", "/zoeken/?q=krimp"])
def test_a_host_the_site_does_not_serve_gets_the_designed_400_page(client, home, path):
    """Bots send any Host header: the 400 page must not fail on it (its cached fragments are
    keyed by the host) and become a 500."""
    client.raise_request_exception = False

    response = client.get(path, HTTP_HOST="elders.example.com")

    assert response.status_code == 400
    assert '<html lang="nl"' in response.content.decode()
