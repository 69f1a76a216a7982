"""After PostgreSQL restarts, the site recovers by itself: a kept connection that the server
dropped is noticed before a request uses it (CONN_HEALTH_CHECKS) and replaced.

The site runs under gunicorn with one worker, as in production: the worker keeps its connection
between requests (CONN_MAX_AGE), which is what a restart breaks.
"""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.request import urlopen

from django.db import connection

import pytest

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url():
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def status(url):
    try:
        return urlopen(url, timeout=30).status  # noqa: S310
    except HTTPError as error:
        return error.code


@pytest.fixture
def gunicorn():
    port = free_port()
    keep = {name: os.environ[name] for name in ("PATH", "HOME") if name in os.environ}
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", "1",
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT,
        env={**keep, "DJANGO_SETTINGS_MODULE": "config.settings.test",
             "DATABASE_URL": database_url()},
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            urlopen(url + "/zoeken/suggesties/", timeout=5)  # noqa: S310
            break
        except (URLError, ConnectionError, TimeoutError):
            # Not listening yet, or (on a busy machine) its first request, which loads the
            # site's word lists, is still running: ask again.
            time.sleep(0.2)
    yield url
    server.terminate()
    server.wait(timeout=30)


def drop_other_connections():
    """What a PostgreSQL restart does to the site's open connections."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.rowcount


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs DATABASE_URL=postgres://…")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_site_recovers_when_its_database_connections_are_dropped(indexes, theme, gunicorn):
    assert status(gunicorn + theme.url) == 200
    assert drop_other_connections() == 1  # the worker's kept connection
    assert [status(gunicorn + theme.url) for _ in range(3)] == [200, 200, 200]
