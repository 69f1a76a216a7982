"""The embedded SQLite database serves concurrent visitors without "database is locked": eight
visitors signing up while eight others search, each with its own connection to one database file
(config/settings/base.py: WAL, a busy timeout, immediate write transactions)."""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from django.db import connection

import pytest

from tests import factories

ROOT = Path(__file__).resolve().parent.parent

VISITORS = """
import json, threading
import django
django.setup()
from django.db import connection
from django.test import Client

statuses = []

def visit(number, signs_up):
    client = Client()
    for attempt in range(3):
        if signs_up:
            data = {"email": f"lid{number}-{attempt}@voorbeeld.nl", "consent": "on",
                    "scope": "alle"}
            response = client.post("/nieuwsbrief/", data, REMOTE_ADDR=f"192.0.2.{number}")
        else:
            response = client.get("/zoeken/", {"q": "krimp"})
        statuses.append(response.status_code)
    connection.close()

threads = [threading.Thread(target=visit, args=(n, n % 2 == 0)) for n in range(16)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(json.dumps(statuses))
"""


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")
@pytest.mark.search_index
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_sign_ups_and_searches_all_succeed(indexes, theme, tmp_path):
    for number in range(3):
        factories.NewsItemPageFactory(parent=indexes["news"], title=f"Krimp {number}")
    database = tmp_path / "site.sqlite3"
    with sqlite3.connect(database) as copy:
        connection.ensure_connection()
        connection.connection.backup(copy)
        # As `migrate` leaves a site's file: in WAL mode. Otherwise the 16 visitors' first
        # connections all switch the file to WAL at once, and one of them can fail with
        # "database is locked" before its busy timeout applies (seen in CI).
        copy.execute("PRAGMA journal_mode=WAL")
    copy.close()
    keep = {name: os.environ[name] for name in ("PATH", "HOME") if name in os.environ}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", VISITORS],
        cwd=ROOT,
        env={
            **keep,
            "PYTHONPATH": str(ROOT),
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": f"sqlite:///{database}",
        },
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    statuses = json.loads(result.stdout)
    assert "database is locked" not in result.stderr
    assert statuses.count(302) == 24  # every sign-up stored, its e-mail sent
    assert statuses.count(200) == 24, (statuses, result.stderr[-3000:])
    with sqlite3.connect(database) as stored:
        subscribers = stored.execute("SELECT COUNT(*) FROM newsletter_subscriber")
        assert subscribers.fetchone()[0] == 24
