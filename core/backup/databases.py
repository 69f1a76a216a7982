"""The site's database, dumped and restored with the engine's own tools.

SQLite: Python's backup API copies the database in one step, consistent even while the site
writes to it. PostgreSQL: `pg_dump --format=custom`, restored by `pg_restore` in one transaction,
so that a failed restore leaves the database as it was.
"""

import os
import re
import shutil
import sqlite3
import subprocess
from contextlib import closing

from django.apps import apps
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.db.backends.postgresql.client import DatabaseClient
from django.db.migrations.recorder import MigrationRecorder

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def counted_tables():
    """The tables whose rows a manifest counts, by what an operator calls them."""
    return {
        "pages": Page._meta.db_table,
        "documents": get_document_model()._meta.db_table,
        "images": get_image_model()._meta.db_table,
        "subscribers": apps.get_model("newsletter", "Subscriber")._meta.db_table,
    }


def read_facts(cursor, table_names):
    """Counts of pages (the tree's root not included), documents, images and subscribers, and
    the applied migrations as "app.name", read with any DB-API cursor (a dump or the site)."""
    counts = {}
    for name, table in counted_tables().items():
        if table not in table_names:
            counts[name] = 0
            continue
        root = " WHERE depth > 1" if name == "pages" else ""
        cursor.execute(f"SELECT COUNT(*) FROM {table}{root}")  # noqa: S608 - names from models
        counts[name] = cursor.fetchone()[0]
    migrations = []
    if "django_migrations" in table_names:
        cursor.execute("SELECT app, name FROM django_migrations")
        migrations = sorted(f"{app}.{name}" for app, name in cursor.fetchall())
    return counts, migrations


def site_facts():
    with connection.cursor() as cursor:
        return read_facts(cursor, set(connection.introspection.table_names(cursor)))


def content_beyond_new_site():
    """What the site's database holds beyond what `migrate` creates (Wagtail's root and welcome
    page): {"pages": 3, "documents": 1, ...} without the zeros; empty for a new database."""
    counts, _ = site_facts()
    if counts["pages"]:
        counts["pages"] = (
            Page.objects.filter(depth__gt=1)
            .exclude(depth=2, content_type__app_label="wagtailcore", content_type__model="page")
            .count()
        )
    return {name: count for name, count in counts.items() if count}


def for_site():
    """The database of this site: SQLite() or PostgreSQL()."""
    engines = {"sqlite": SQLite, "postgresql": PostgreSQL}
    if connection.vendor not in engines:
        raise CommandError(
            f"Backups support SQLite and PostgreSQL; this site's database is {connection.vendor}."
        )
    return engines[connection.vendor]()


class SQLite:
    engine = "sqlite"
    filename = "database.sqlite3"

    def dump(self, path):
        """Copy the database to `path`; returns the copy's counts and migrations."""
        connection.ensure_connection()
        try:
            with closing(sqlite3.connect(path)) as copy:
                # Django's own connection also reaches the in-memory database of the tests.
                connection.connection.backup(copy)
                return read_facts(copy.cursor(), sqlite_tables(copy))
        except sqlite3.Error as error:
            raise CommandError(f"Could not copy the database to {path}: {error}") from error

    def check_dump(self, path):
        try:
            with closing(sqlite3.connect(path)) as dump:
                result = dump.execute("PRAGMA quick_check").fetchone()[0]
        except sqlite3.DatabaseError as error:
            raise CommandError(f"The database in the archive cannot be read: {error}.") from error
        if result != "ok":
            raise CommandError(f"The database in the archive is damaged: {result}.")

    def check_target(self, migrations):
        """Nothing to check: the restore replaces the whole database file."""

    def restore(self, path):
        connection.ensure_connection()
        try:
            with closing(sqlite3.connect(path)) as dump:
                # One step, in one write transaction: on an error the database is unchanged.
                dump.backup(connection.connection)
        except sqlite3.Error as error:
            raise CommandError(
                f"Could not restore the database: {error}. The database was not changed. Stop "
                "the site (nothing else may use the database) and try again."
            ) from error


def sqlite_tables(db):
    return {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


class PostgreSQL:
    engine = "postgresql"
    filename = "database.pgdump"

    def dump(self, path):
        """pg_dump to `path`; returns the counts and migrations of the dumped snapshot."""
        pg_dump = client_program("pg_dump")
        with transaction.atomic(), connection.cursor() as cursor:
            # The counts and pg_dump read the same snapshot, so the manifest describes the dump.
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            run_client(pg_dump, "--format=custom", f"--snapshot={snapshot}", f"--file={path}")
            return read_facts(cursor, set(connection.introspection.table_names(cursor)))

    def check_dump(self, path):
        """pg_restore must be able to read the dump (a damaged file, or one made by a newer
        pg_dump, fails here); this reads only the file."""
        pg_restore = client_program("pg_restore")
        run([pg_restore, "--list", str(path)], os.environ, after="Nothing was changed.")

    def check_target(self, migrations):
        """pg_restore replaces what is in the dump; tables of newer migrations would stay."""
        applied = MigrationRecorder(connection).applied_migrations()
        newer = sorted({f"{app}.{name}" for app, name in applied} - set(migrations))
        if newer:
            raise CommandError(
                f"The database was migrated by a newer version of the site than the archive "
                f"({len(newer)} migrations the archive does not have, such as {newer[0]}), and "
                "their tables would stay behind. Restore into a new, empty database (createdb), "
                "then run `manage.py migrate`. Nothing was changed."
            )

    def restore(self, path):
        pg_restore = client_program("pg_restore")
        # --single-transaction: all or nothing. The dump file goes before --dbname, to which
        # run_client appends the database name.
        run_client(
            pg_restore,
            "--clean",
            "--if-exists",
            "--single-transaction",
            "--no-owner",
            "--no-privileges",
            str(path),
            "--dbname",
            after="The database was not changed: the restore runs in one transaction.",
        )
        # Start a new session: the old one may remember the tables that were replaced.
        connection.close()


def client_program(name):
    """The path of pg_dump or pg_restore, which must be as new as the database server."""
    connection.ensure_connection()
    server = connection.pg_version // 10000
    path = shutil.which(name)
    if path is None:
        raise CommandError(
            f"{name} was not found: install the PostgreSQL client tools, version {server} or "
            f"newer (Debian: apt install postgresql-client-{server})."
        )
    output = run([path, "--version"], os.environ)  # "pg_dump (PostgreSQL) 15.18 (Debian ...)"
    match = re.search(r"\) (\d+)", output)
    version = int(match[1]) if match else 0
    if version < server:
        raise CommandError(
            f"{path} is version {version or 'unknown'}, older than the database server "
            f"({server}): install the PostgreSQL client tools, version {server} or newer "
            f"(Debian: apt install postgresql-client-{server}), and put them first on PATH."
        )
    return path


def run_client(program, *options, after=""):
    """Run `program` on the site's database: Django's own mapping of DATABASES to the
    libpq connection options, with the password in the environment (PGPASSWORD)."""
    args, env = DatabaseClient.settings_to_cmd_args_env(connection.settings_dict, list(options))
    run([program, *args[1:]], {**os.environ, **(env or {})}, after)


def run(args, env, after=""):
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise CommandError(
            f"{os.path.basename(args[0])} failed (exit status {result.returncode}): "
            f"{result.stderr.strip() or result.stdout.strip()} {after}".rstrip()
        )
    return result.stdout
