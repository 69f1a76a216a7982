"""Deployment settings come from the environment; production refuses unsafe defaults."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

from django.conf import settings
from django.db import connection

from wagtail.search.backends import get_search_backend

import pytest

from publications.models import NewsItemPage
from tests import factories
from tests.services import redis_url

ROOT = Path(__file__).resolve().parent.parent
POSTGRES = {"DATABASE_URL": "postgres://kennis@db.example.nl:5432/kennis"}  # not connected to
BASE = {"BASE_URL": "https://kennis.example.nl"}


def run_check(**env):
    """Run `manage.py check` with production settings and exactly the given variables."""
    keep = {name: os.environ[name] for name in ("PATH", "HOME") if name in os.environ}
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**keep, "DJANGO_SETTINGS_MODULE": "config.settings.production", **BASE, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key():
    result = run_check(ALLOWED_HOSTS="kennis.example.nl")
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_check(SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "Set the ALLOWED_HOSTS environment variable" in result.stderr


def test_production_starts_with_both():
    result = run_check(SECRET_KEY="x" * 50, ALLOWED_HOSTS="kennis.example.nl", **POSTGRES)
    assert result.returncode == 0, result.stderr


def test_production_refuses_to_start_without_base_url():
    result = run_check(
        SECRET_KEY="x" * 50, ALLOWED_HOSTS="kennis.example.nl", BASE_URL="", **POSTGRES
    )
    assert result.returncode != 0
    assert "Set the BASE_URL environment variable" in result.stderr


def test_production_refuses_sqlite_unless_allowed():
    result = run_check(SECRET_KEY="x" * 50, ALLOWED_HOSTS="kennis.example.nl")
    assert result.returncode != 0
    assert "Production settings need PostgreSQL" in result.stderr
    allowed = run_check(SECRET_KEY="x" * 50, ALLOWED_HOSTS="kennis.example.nl", ALLOW_SQLITE="1")
    assert allowed.returncode == 0, allowed.stderr


def test_sqlite_serves_concurrent_requests():
    """WAL, a busy timeout and immediate write transactions (config/settings/base.py)."""
    options = settings.DATABASES["default"].get("OPTIONS", {})
    if connection.vendor != "sqlite":
        pytest.skip("SQLite settings only")
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5
    assert "journal_mode=WAL" in options["init_command"]


def test_database_connections_are_reused_and_checked():
    assert settings.DATABASES["default"]["CONN_MAX_AGE"] > 0
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


def test_site_language_and_time_zone():
    assert settings.LANGUAGE_CODE == "nl"
    assert settings.TIME_ZONE == "Europe/Amsterdam"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs DATABASE_URL=postgres://…")
@pytest.mark.search_index
def test_postgres_search_uses_the_dutch_configuration(indexes):
    backend = get_search_backend()
    assert settings.WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] == "dutch"
    factories.NewsItemPageFactory(
        parent=indexes["news"], title="Besturen bundelen samenwerkingen", intro="Over krimp."
    )
    # "bestuur" and "samenwerking" only match through Dutch stemming.
    for query in ["bestuur", "samenwerking"]:
        results = backend.search(query, NewsItemPage.objects.live())
        assert [page.title for page in results] == ["Besturen bundelen samenwerkingen"], query


def test_redis_cache_from_redis_url():
    url = redis_url()
    key = f"kennisplatform-test-{uuid.uuid4().hex}"  # test runs in parallel share the Redis
    script = (
        "import django; django.setup();"
        "from django.core.cache import caches; cache = caches['default'];"
        f"cache.set('{key}', 'krimp', 30);"
        f"print(type(cache).__name__, cache.get('{key}'))"
    )
    keep = {name: os.environ[name] for name in ("PATH", "HOME") if name in os.environ}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**keep, "DJANGO_SETTINGS_MODULE": "config.settings.dev", "REDIS_URL": url},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["FailOpenRedisCache", "krimp"]


def test_production_processes_without_redis_share_one_cache(tmp_path):
    """What one server process publishes, the others see: without Redis they share a file
    cache (a cache per process would keep serving pages another process unpublished)."""
    keep = {name: os.environ[name] for name in ("PATH", "HOME") if name in os.environ}
    env = {**keep, "DJANGO_SETTINGS_MODULE": "config.settings.production", "ALLOW_SQLITE": "1",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}", "SECRET_KEY": "x" * 50,
           "ALLOWED_HOSTS": "kennis.example.nl", "CACHE_DIR": str(tmp_path / "cache"),
           **BASE}  # fmt: skip

    def in_a_new_process(code):
        result = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", "shell", "-c",
             f"from core import content_version; {code}"],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True,
        )  # fmt: skip
        return result.stdout.strip().splitlines()[-1]

    first = in_a_new_process("print(content_version.current())")
    assert in_a_new_process("print(content_version.current())") == first
    in_a_new_process("content_version.bump(); print('raised')")
    assert in_a_new_process("print(content_version.current())") != first


def test_a_server_process_freezes_what_it_loaded_at_start():
    """The cycle collector skips the site's code and Django's once loaded: no long pauses."""
    keep = {name: os.environ[name] for name in ("PATH", "HOME") if name in os.environ}
    frozen = subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import gc, config.wsgi; print(gc.get_freeze_count())"],
        cwd=ROOT,
        env={**keep, "DJANGO_SETTINGS_MODULE": "config.settings.dev"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert int(frozen.stdout) > 100_000
