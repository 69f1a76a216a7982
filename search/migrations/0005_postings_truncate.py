"""PostgreSQL only: emptying Wagtail's index table with TRUNCATE (as `manage.py flush` and
Django's transactional tests do) empties the BM25 tables too: row triggers do not fire for it,
and postings of pages no longer indexed would skew every word's count."""

from importlib import import_module

from django.db import migrations

on_postgresql = import_module("search.migrations.0004_postings").on_postgresql

CREATE = """
CREATE FUNCTION search_posting_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE search_posting, search_document;
    RETURN NULL;
END
$$;

CREATE TRIGGER search_posting_truncate
    AFTER TRUNCATE ON wagtailsearch_indexentry
    FOR EACH STATEMENT EXECUTE FUNCTION search_posting_truncate();

-- Postings left by a TRUNCATE before this migration: pages without an index entry.
DELETE FROM search_document d
WHERE NOT EXISTS (SELECT 1 FROM wagtailsearch_indexentry e WHERE e.id = d.entry_id);
DELETE FROM search_posting p
WHERE NOT EXISTS (SELECT 1 FROM wagtailsearch_indexentry e WHERE e.id = p.entry_id);
"""

DROP = """
DROP TRIGGER search_posting_truncate ON wagtailsearch_indexentry;
DROP FUNCTION search_posting_truncate();
"""


class Migration(migrations.Migration):
    dependencies = [("search", "0004_postings")]

    operations = [migrations.RunPython(on_postgresql(CREATE), on_postgresql(DROP))]
