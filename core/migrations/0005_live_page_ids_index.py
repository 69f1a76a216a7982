"""An index of the ids of live pages, for the queries that read many pages of a type at once.

A listing builds its facet index (taxonomy/facets.py) from every listed page of its type: the
type's own table joined to Wagtail's page table to keep the live ones. Without this index that
join read the whole page table (its rows are wide: 78 MB at 100,000 pages); with it, the small
index alone (docs/benchmarks.md, "100,000 pages"). Plain SQL because the table belongs to
Wagtail.
"""

from django.db import migrations


def create_index(apps, schema_editor):
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS core_page_live_ids ON wagtailcore_page (id) WHERE live"
    )


def drop_index(apps, schema_editor):
    schema_editor.execute("DROP INDEX IF EXISTS core_page_live_ids")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_dutch_editorial_names"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
