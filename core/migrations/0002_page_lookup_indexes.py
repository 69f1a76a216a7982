"""Indexes on Wagtail's page table for the lookups this site makes on every request.

Wagtail indexes `path` and `slug` but not `url_path`, `depth` or `latest_revision_created_at`.
Routing finds a page by its url path (home/page_types.py), the navigation and overviews list the
children of a page (`depth = n AND path BETWEEN …`) and the admin's explorer lists them most
recently changed first; without these indexes each of those reads the whole page table, which
on a site of 100,000 pages costs 30–50 ms per query (docs/benchmarks.md, "100,000 pages").
Plain SQL because the table belongs to Wagtail.
"""

from django.db import migrations

INDEXES = {
    "core_page_url_path": "url_path",
    "core_page_depth_path": "depth, path",
    # The explorer orders by this, newest first with pages never saved last; SQLite puts NULL
    # last in a descending order by itself and has no NULLS LAST in an index.
    "core_page_latest_revision": {
        "postgresql": "latest_revision_created_at DESC NULLS LAST",
        "default": "latest_revision_created_at DESC",
    },
}


def create_indexes(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for name, columns in INDEXES.items():
        if isinstance(columns, dict):
            columns = columns.get(vendor, columns["default"])
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON wagtailcore_page ({columns})")


def drop_indexes(apps, schema_editor):
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
