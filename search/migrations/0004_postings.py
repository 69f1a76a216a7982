"""PostgreSQL only: per page and word, how often it occurs, for BM25 ranking (search/bm25.py).

A trigger on Wagtail's index table keeps `search_posting` and `search_document` in step with
every write of the index (add, update, delete, rebuild), whoever makes it. SQLite ranks with
FTS5's own BM25 and gets no tables.
"""

from django.db import migrations

CREATE = """
CREATE TABLE search_posting (
    lexeme text NOT NULL,
    page_id integer NOT NULL,
    entry_id integer NOT NULL,
    title_tf smallint NOT NULL,
    body_tf smallint NOT NULL,
    doc_length integer NOT NULL,
    -- The word's BM25 weight in the page (without its rarity) for an average page length of
    -- 500 words (the constants of search/bm25.py): the order in which a query reads a word's
    -- pages, best first.
    impact real GENERATED ALWAYS AS (
        (3 * title_tf + body_tf) * 2.2 / ((3 * title_tf + body_tf) + 1.2 * (0.25 + 0.75 * doc_length / 500.0))
    ) STORED
);
CREATE INDEX search_posting_best
    ON search_posting (lexeme, impact DESC) INCLUDE (page_id, title_tf, body_tf, doc_length);
CREATE INDEX search_posting_page ON search_posting (page_id);

CREATE TABLE search_document (
    entry_id integer PRIMARY KEY,
    page_id integer NOT NULL,
    length integer NOT NULL
);

-- The words of an index entry: occurrences in the title, and in the rest of the page, where a
-- word of a boosted field (weight A or B: the intro) counts twice.
CREATE FUNCTION search_entry_words(title tsvector, body tsvector)
RETURNS TABLE (lexeme text, title_tf integer, body_tf integer)
LANGUAGE sql IMMUTABLE AS $$
    SELECT word, sum(in_title)::integer, sum(in_body)::integer
    FROM (
        SELECT t.lexeme, greatest(coalesce(array_length(t.positions, 1), 1), 1), 0
        FROM unnest(title) AS t
        UNION ALL
        SELECT b.lexeme, 0, greatest(coalesce(
            (SELECT count(*) + count(*) FILTER (WHERE w IN ('A', 'B')) FROM unnest(b.weights) w),
            0), 1)::integer
        FROM unnest(body) AS b
    ) AS words (word, in_title, in_body)
    GROUP BY word
$$;

CREATE FUNCTION search_posting_sync() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    words_length integer;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        DELETE FROM search_posting
        WHERE page_id = (SELECT page_id FROM search_document WHERE entry_id = OLD.id)
            AND entry_id = OLD.id;
        DELETE FROM search_document WHERE entry_id = OLD.id;
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.object_id ~ '^[0-9]+$' AND EXISTS (
        SELECT 1 FROM wagtailcore_page
        WHERE id = NEW.object_id::integer AND content_type_id = NEW.content_type_id
    ) THEN
        SELECT coalesce(sum(title_tf + body_tf), 0) INTO words_length
        FROM search_entry_words(NEW.title, NEW.body);
        INSERT INTO search_document (entry_id, page_id, length)
        VALUES (NEW.id, NEW.object_id::integer, words_length);
        INSERT INTO search_posting (lexeme, page_id, entry_id, title_tf, body_tf, doc_length)
        SELECT lexeme, NEW.object_id::integer, NEW.id,
            least(title_tf, 32767), least(body_tf, 32767), words_length
        FROM search_entry_words(NEW.title, NEW.body);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER search_posting_sync
    AFTER INSERT OR DELETE OR UPDATE OF title, body ON wagtailsearch_indexentry
    FOR EACH ROW EXECUTE FUNCTION search_posting_sync();

-- The pages indexed before this migration: updated in place, so the trigger adds them.
UPDATE wagtailsearch_indexentry SET title = title;
ANALYZE search_posting;
ANALYZE search_document;
"""

DROP = """
DROP TRIGGER search_posting_sync ON wagtailsearch_indexentry;
DROP FUNCTION search_posting_sync();
DROP FUNCTION search_entry_words(tsvector, tsvector);
DROP TABLE search_document;
DROP TABLE search_posting;
"""


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_default_synonyms"),
        ("wagtailsearch", "0010_add_text_fields"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(on_postgresql(CREATE), on_postgresql(DROP))]
