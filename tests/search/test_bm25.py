"""BM25 ranking on PostgreSQL (search/bm25.py): postings that follow the index, and the order
a board member sees."""

from django.core.management import call_command
from django.db import connection

from wagtail.models import Site

import pytest

from search import bm25
from search.fields import uses_database_backend
from search.management.commands.update_index import SEARCH_TABLES
from search.models import SynonymGroup
from search.service import run_search
from tests import factories

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql" or not uses_database_backend(),
    reason="BM25 postings rank on PostgreSQL's database search backend only",
)


def body(text):
    return [("paragraph", f"<p>{text}</p>")]


def postings(page):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT lexeme, title_tf, body_tf FROM search_posting WHERE page_id = %s", [page.pk]
        )
        return {lexeme: (title, text) for lexeme, title, text in cursor.fetchall()}


def titles(query, **filters):
    outcome = run_search({"q": query, **filters}, Site.objects.get(is_default_site=True))
    return [result.page.title for result in outcome.results.object_list]


def test_postings_follow_the_page_through_edits_and_deletion(indexes):
    page = factories.NewsItemPageFactory(
        parent=indexes["news"], title="Zonnepanelen op het dak", body=body("Zonnepanelen besparen.")
    )
    in_title, in_body = postings(page)["zonnepanel"]
    assert in_title > 0 and in_body > 0

    page.title = "Groen schoolplein"
    page.body = body("Een schoolplein met bomen.")
    page.save_revision().publish()
    words = postings(page)
    assert "zonnepanel" not in words
    assert all(words["schoolplein"])

    page.delete()
    assert postings(page) == {}
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM search_document WHERE page_id = %s", [page.pk])
        assert cursor.fetchone() == (0,)


def test_rare_words_title_words_and_all_words_rank_first(indexes):
    news = indexes["news"]
    for number in range(6):  # "bestuur" is common on this site, "zonnepanelen" is not
        factories.NewsItemPageFactory(
            parent=news, title=f"Bericht {number}", body=body("Het bestuur vergaderde.")
        )
    factories.NewsItemPageFactory(
        parent=news, title="Nieuws over energie", body=body("Daken vol zonnepanelen.")
    )
    factories.NewsItemPageFactory(
        parent=news, title="Zonnepanelen", body=body("Subsidie voor scholen.")
    )
    factories.NewsItemPageFactory(
        parent=news, title="Een besluit", body=body("Het bestuur koos voor zonnepanelen.")
    )
    factories.NewsItemPageFactory(
        parent=news,
        title="Herhaling",
        body=body(" ".join(["bestuur"] * 30)),  # repeating a word adds less and less
    )

    assert titles("zonnepanelen")[0] == "Zonnepanelen"  # the title counts most
    assert titles("bestuur zonnepanelen")[0] == "Een besluit"  # both words
    ranked = titles("bestuur zonnepanelen")
    # A rare word found outweighs a common one repeated 30 times.
    assert ranked.index("Nieuws over energie") < ranked.index("Herhaling")


def test_a_filter_applies_before_each_word_keeps_its_best_pages(indexes, theme, monkeypatch):
    monkeypatch.setattr(bm25, "WORD_CANDIDATES", 1)
    news = indexes["news"]
    for number in range(3):
        factories.NewsItemPageFactory(
            parent=news, title=f"Fusie {number}", body=body("Fusie, fusie en nog eens fusie.")
        )
    factories.NewsItemPageFactory(
        parent=news, title="Terugblik", body=body("Een fusie in het oosten."), themes=[theme]
    )

    assert titles("fusie", thema=theme.slug) == ["Terugblik"]


def test_emptying_the_index_empties_the_postings(indexes):
    """`manage.py flush` and transactional tests empty the index table with TRUNCATE."""
    factories.NewsItemPageFactory(parent=indexes["news"], title="Zonnepanelen")
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # TRUNCATE refuses pending FK checks
        cursor.execute("TRUNCATE wagtailsearch_indexentry")
        cursor.execute(
            "SELECT (SELECT count(*) FROM search_posting), count(*) FROM search_document"
        )
        assert cursor.fetchone() == (0, 0)


def test_a_word_unknown_until_a_page_is_published_is_found_at_once(indexes):
    factories.NewsItemPageFactory(parent=indexes["news"], title="Groen schoolplein")
    assert titles("zonnepanelen") == []  # remembered as unknown for this content version

    factories.NewsItemPageFactory(parent=indexes["news"], title="Zonnepanelen op het dak")

    assert titles("zonnepanelen") == ["Zonnepanelen op het dak"]


def test_a_word_found_only_through_a_synonym_counts_half_whatever_the_number_of_synonyms(
    indexes,
):
    SynonymGroup.objects.all().delete()
    SynonymGroup.objects.create(
        terms="po, primair onderwijs, basisonderwijs, basisschool, lagere school"
    )
    news = indexes["news"]
    for number in range(4):  # "po" is common on this site
        factories.NewsItemPageFactory(
            parent=news, title=f"Bericht {number}", body=body("Een nieuwtje uit het po.")
        )
    factories.NewsItemPageFactory(
        parent=news, title="Basisonderwijs", body=body("Alles over basisonderwijs.")
    )

    # Half of a strong match through the synonym outweighs one mention of the typed word.
    assert titles("po")[0] == "Basisonderwijs"


def test_pages_a_visitor_may_not_see_do_not_crowd_out_the_others(indexes, monkeypatch):
    monkeypatch.setattr(bm25, "WORD_CANDIDATES", 2)
    news = indexes["news"]
    for number in range(3):  # the best postings of "fusie" belong to drafts
        factories.NewsItemPageFactory(
            parent=news, title=f"Fusie {number}", body=body("Fusie en fusie."), live=False
        )
    factories.NewsItemPageFactory(parent=news, title="Terugblik", body=body("Een fusie."))

    assert titles("fusie") == ["Terugblik"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # VACUUM: no transaction
def test_update_index_leaves_the_search_tables_vacuumed(indexes):
    """After a rebuild every posting row is new and not yet marked visible: until a vacuum,
    each search reads the rows besides their index (seconds at 100,000 pages)."""
    factories.NewsItemPageFactory(parent=indexes["news"], title="Spreidingsplan")
    before = vacuum_counts()

    call_command("update_index", verbosity=0)

    after = vacuum_counts()
    assert set(after) == set(SEARCH_TABLES)
    assert all(after[table] == before[table] + 1 for table in SEARCH_TABLES)


def vacuum_counts():
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT relname, vacuum_count FROM pg_stat_user_tables WHERE relname = ANY(%s)",
            [SEARCH_TABLES],
        )
        return dict(cursor.fetchall())
