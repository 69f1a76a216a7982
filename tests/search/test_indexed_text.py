"""What the search index holds: each search field of a page as its text followed by its Dutch
terms, on every backend; other models as modelsearch indexes them (search/backends/dutch.py)."""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import TextField
from django.db.models.functions import Cast
from django.db.models.sql.subqueries import InsertQuery

from wagtail.search import index
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry
from wagtail.search.query import PlainText

import pytest

from publications.models import NewsItemPage
from search import analysis, vocabulary
from search.backends import elasticsearch
from search.fields import uses_database_backend
from tests import factories

TITLE = "Nieuw schoolbestuur"
INTRO = "Scholen werken samen."
PARAGRAPH = "Het lerarentekort groeit."
TAG = "leerlingendaling"


def with_terms(text):
    terms = analysis.index_terms(text, vocabulary.current().decompounder)
    return " ".join([text, *terms])


def words(text):
    return " ".join(text.split())


@pytest.fixture
def page(indexes):
    page = factories.NewsItemPageFactory(
        parent=indexes["news"],
        title=TITLE,
        intro=INTRO,
        body=[("paragraph", f"<p>{PARAGRAPH}</p>")],
        tags=[TAG],
    )
    index.insert_or_update_object(page)  # its tags are stored after the page itself
    return page


@pytest.fixture
def person(db):
    return factories.PersonFactory(
        role="Schoolbestuurder", organisation=factories.OrganisationFactory(name="Schoolbestuur")
    )


def found(model, term):
    return list(get_search_backend().search(PlainText(term), model))


@pytest.mark.parametrize(
    "term",
    [
        "bestuur",  # a part of "schoolbestuur" in the title
        "werk",  # the stem of "werken" in the intro
        "tekort",  # a part of "lerarentekort" in the body
        "daal",  # the stem of a part of the tag "leerlingendaling"
    ],
)
def test_a_page_is_found_by_the_dutch_terms_of_each_of_its_fields(page, term):
    assert found(NewsItemPage, term) == [page]


def test_a_page_is_still_found_by_its_words_as_written(page):
    for word in ["schoolbestuur", "Scholen", "lerarentekort", "leerlingendaling"]:
        assert found(NewsItemPage, word) == [page]


def test_other_models_are_found_by_their_words_only(person):
    organisation = person.organisation
    assert found(type(person), "schoolbestuurder") == [person]
    assert found(type(organisation), "schoolbestuur") == [organisation]
    assert found(type(person), "bestuur") == []
    assert found(type(organisation), "bestuur") == []


def test_the_database_index_holds_each_text_once_followed_by_its_terms(page, person):
    """On the database: the title, then the other fields' texts with their terms."""
    body = [INTRO, PARAGRAPH, TAG]
    assert stored_texts(page) == (
        words(with_terms(TITLE)),
        words(" ".join(map(with_terms, body))),
    )
    assert stored_texts(person) == ("", words(f"{person.name} Schoolbestuurder Schoolbestuur"))


def stored_texts(obj):
    """The (title, body) texts of the database index entry of `obj`, in whichever database
    backend the run uses (on a cluster run, the "database" alias is kept up to date as well)."""
    backend = get_search_backend("default" if uses_database_backend() else "database")
    assert backend.indexer_class  # the site's backend, not modelsearch's own
    entry = IndexEntry.objects.get(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    )
    if connection.vendor == "postgresql":
        return words(entry.title_text), words(entry.body_text)
    return words(entry.title), words(entry.body)


def test_a_cluster_document_holds_each_text_followed_by_its_terms(page, person):
    backend = elasticsearch.backend_class("opensearch3")({"URLS": ["http://127.0.0.1:9"]})

    document = backend.mapping_class(NewsItemPage).get_document(page)
    assert document["title"] == with_terms(TITLE)
    assert document["publications_newsitempage__intro"] == with_terms(INTRO)
    assert words(document["publications_newsitempage__body"]) == words(with_terms(PARAGRAPH))
    assert document["publications_newsitempage__tags"] == [{"name": with_terms(TAG)}]

    document = backend.mapping_class(type(person)).get_document(person)
    assert document["role"] == "Schoolbestuurder"
    assert document["organisation"] == {"name": "Schoolbestuur"}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's search vectors")
def test_postgresql_stores_the_vectors_modelsearch_composes(page, person):
    """The site writes PostgreSQL's search vectors as SQL of its own (for speed): they must be
    the vectors modelsearch's Django expressions give: lexemes, positions and weights."""
    # modelsearch's class (its module's name for it now chooses the backend's class)
    from search.backends.postgres_ranking import ObjectIndexer, PageIndexer

    backend = get_search_backend("default" if uses_database_backend() else "database")
    composed_by_modelsearch = type("Reference", (PageIndexer, ObjectIndexer), {})
    for obj in [page, person]:
        reference = composed_by_modelsearch(obj, backend)
        entry = IndexEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
        )
        for column in ["title", "body", "autocomplete"]:
            stored = entry.annotate(text=Cast(column, TextField())).get().text
            assert stored == vector_text(getattr(reference, column)), column


def vector_text(vector):
    compiler = InsertQuery(IndexEntry).get_compiler(connection=connection)
    field = IndexEntry._meta.get_field("title")
    sql, params = compiler.prepare_value(field, vector).as_sql(compiler, connection)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT ({sql})::text", params)
        return cursor.fetchone()[0]
