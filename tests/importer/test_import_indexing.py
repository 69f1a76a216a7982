"""What `import_content` promises about its pages when it ends, or after an interrupted run:
published as Wagtail publishes, findable by search, in the reference index, nothing half-done."""

import io
import json

from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import IntegrityError

from taggit.models import Tag
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision

import pytest

from agenda.models import EventPage
from core.models import Person
from importer import indexing, tree
from importer.demo.pdfs import publication_pdf
from importer.importer import ContentImporter
from importer.management.commands import import_content
from importer.models import PendingIndexing
from publications.models import NewsItemPage, PracticePage, PublicationPage
from search import indexing as search_indexing
from themes.models import ThemePage

from .test_import_content import NEWS, THEME, run_import


def news(number, **fields):
    return {
        **NEWS,
        "title": f"Spreidingsplan regio {number}",
        "source_url": f"https://oud.example.nl/nieuws/{number}",
        **fields,
    }


def found(client, query):
    """The titles the site's search page shows for `query`."""
    response = client.get("/zoeken/", {"q": query})
    assert response.status_code == 200
    return [
        page.title for page in NewsItemPage.objects.all() if page.title in response.content.decode()
    ]


def publication_state(page):
    """What Wagtail's publish leaves on a page, and what an editor's history shows of it."""
    page = Page.objects.get(pk=page.pk)
    revision = page.latest_revision
    return {
        "live": page.live,
        "has_unpublished_changes": page.has_unpublished_changes,
        "live revision is the latest": page.live_revision_id == revision.pk,
        "one revision": Revision.page_revisions.filter(object_id=str(page.pk)).count() == 1,
        "revision time": page.latest_revision_created_at == revision.created_at,
        "published": page.first_published_at is not None
        and page.last_published_at == page.first_published_at,
        "draft title": page.draft_title == page.title,
        "url path": page.url_path == page.get_parent().url_path + page.slug + "/",
        "revision content": (revision.content["title"], revision.content["slug"]),
        "history": sorted(PageLogEntry.objects.filter(page=page).values_list("action", flat=True)),
    }


@pytest.mark.search_index
def test_imported_pages_are_found_by_search_when_the_command_ends(indexes, client, tmp_path):
    code, _, err = run_import(tmp_path, [THEME, news(1), news(2)])

    assert (code, err) == (0, "")
    assert sorted(found(client, "spreidingsplan")) == [
        "Spreidingsplan regio 1",
        "Spreidingsplan regio 2",
    ]
    assert not PendingIndexing.objects.exists()


@pytest.mark.search_index
def test_an_updated_page_is_found_by_its_new_words_only(indexes, client, tmp_path):
    run_import(tmp_path, [THEME, news(1)])
    code, out, _ = run_import(tmp_path, [news(1, title="Huisvestingsvisie regio 1")])

    assert code == 0 and "1 updated" in out
    assert found(client, "huisvestingsvisie") == ["Huisvestingsvisie regio 1"]
    assert found(client, "spreidingsplan") == []


def import_interrupted(tmp_path, records, monkeypatch, module, name, at_call):
    """Run import_content on `records` and press Ctrl-C when `module.name` is called for the
    `at_call`th time; returns what the command wrote to stderr."""
    original = getattr(module, name)
    calls = []

    def interrupted(*args, **kwargs):
        calls.append(args)
        if len(calls) == at_call:
            raise KeyboardInterrupt
        return original(*args, **kwargs)

    path = tmp_path / "import.jsonl"
    path.write_text("\n".join(json.dumps(record) for record in records), encoding="utf-8")
    stderr = io.StringIO()
    with monkeypatch.context() as patch, pytest.raises(KeyboardInterrupt):
        patch.setattr(module, name, interrupted)
        call_command("import_content", str(path), stdout=io.StringIO(), stderr=stderr)
    return stderr.getvalue()


def assert_tree_is_valid():
    """The page tree as treebeard checks it (paths, depths, children counts), and url paths."""
    assert Page.find_problems() == ([], [], [], [], [])
    for page in Page.objects.filter(depth__gt=2):
        assert page.url_path == page.get_parent().url_path + page.slug + "/"


@pytest.mark.search_index
def test_an_interrupted_run_is_indexed_completely_by_the_next(
    indexes, client, tmp_path, monkeypatch
):
    monkeypatch.setattr(import_content, "BATCH_LINES", 3)
    records = [THEME, news(1), news(2), news(3), news(4), news(5)]

    # Ctrl-C while the second batch of lines is being indexed: its pages were published.
    err = import_interrupted(
        tmp_path, records, monkeypatch, search_indexing, "index_pages", at_call=2
    )

    assert NewsItemPage.objects.live().count() == 5
    assert sorted(found(client, "spreidingsplan")) == [
        "Spreidingsplan regio 1",
        "Spreidingsplan regio 2",
    ]
    assert sorted(PendingIndexing.objects.values_list("page__title", flat=True)) == [
        "Spreidingsplan regio 3",
        "Spreidingsplan regio 4",
        "Spreidingsplan regio 5",
    ]
    assert err == (
        "Interrupted: 3 imported pages are not indexed for search yet; run import_content "
        "again (or import_content --index-pending) to index them\n"
    )

    code, out, _ = run_import(tmp_path, records)

    assert code == 0
    assert "Indexed 3 pages an earlier, interrupted run left unindexed" in out
    assert "0 created, 0 updated, 6 unchanged, 0 failed" in out
    assert len(found(client, "spreidingsplan")) == 5
    assert not PendingIndexing.objects.exists()


def test_a_run_interrupted_while_writing_new_pages_leaves_none_of_them(
    indexes, tmp_path, monkeypatch
):
    monkeypatch.setattr(import_content, "BATCH_LINES", 3)
    records = [THEME, news(1), news(2), news(3), news(4), news(5)]

    # The theme is written at once, then news 1 and 2; Ctrl-C while news 3 to 5 are written.
    import_interrupted(tmp_path, records, monkeypatch, tree, "insert_pages", at_call=3)

    assert list(NewsItemPage.objects.values_list("title", flat=True)) == [
        "Spreidingsplan regio 1",
        "Spreidingsplan regio 2",
    ]
    assert_tree_is_valid()
    assert list(PendingIndexing.objects.all()) == []

    code, out, _ = run_import(tmp_path, records)

    assert code == 0 and "3 created, 0 updated, 3 unchanged, 0 failed" in out
    assert NewsItemPage.objects.count() == 5
    assert_tree_is_valid()


def test_pages_written_in_batches_keep_the_tree_valid_and_slugs_unique(
    indexes, tmp_path, monkeypatch
):
    monkeypatch.setattr(import_content, "BATCH_LINES", 4)
    same_title = [news(number, title="Zelfde titel") for number in range(1, 7)]
    pages = [
        {"kind": "page", "title": f"Pagina {n}", "intro": "Tekst.", "source_url": f"pg{n}"}
        for n in range(3)
    ]

    code, out, err = run_import(tmp_path, [THEME, *same_title, *pages])

    assert (code, err) == (0, "") and "10 created" in out
    assert sorted(NewsItemPage.objects.values_list("slug", flat=True)) == [
        "zelfde-titel", "zelfde-titel-2", "zelfde-titel-3", "zelfde-titel-4", "zelfde-titel-5",
        "zelfde-titel-6",
    ]  # fmt: skip
    assert_tree_is_valid()
    news_index = Page.objects.get(pk=indexes["news"].pk)
    assert (news_index.numchild, news_index.get_children().count()) == (6, 6)

    # More pages below the same parents, in a second run: after the ones there are.
    code, out, _ = run_import(tmp_path, [news(7, title="Zelfde titel")])
    assert NewsItemPage.objects.get(source_url=news(7)["source_url"]).slug == "zelfde-titel-7"
    assert_tree_is_valid()


def test_a_slug_given_to_an_updated_page_stays_its_own_among_new_pages(indexes, tmp_path):
    """A changed page takes its new slug at once; a new page of the same batch that would
    have had it gets the next free one, whichever line came first."""
    run_import(tmp_path, [THEME, news(1)])

    lines = [news(2, title="Gedeelde naam"), news(1, slug="gedeelde-naam")]
    code, out, err = run_import(tmp_path, [*lines, news(3, title="Gedeelde naam")])

    assert (code, err) == (0, "") and "2 created, 1 updated" in out
    slugs = dict(NewsItemPage.objects.values_list("source_url", "slug"))
    assert slugs == {
        news(1)["source_url"]: "gedeelde-naam",
        news(2)["source_url"]: "gedeelde-naam-2",
        news(3)["source_url"]: "gedeelde-naam-3",
    }
    assert_tree_is_valid()


def test_lines_share_their_tags_whatever_the_case_and_a_failed_line_leaves_none(indexes, tmp_path):
    failing = {**news(2), "kind": "publication", "publication_type": "?", "tags": ["Nieuw"]}
    lines = [news(1, tags=["Spreiding"]), failing, news(3, tags=["nieuw", "spreiding"])]

    code, out, err = run_import(tmp_path, [THEME, *lines, news(4, tags=["SPREIDING"])])

    assert code == 1 and "4 created" in out and "line 3: unknown publication_type" in err
    assert sorted(Tag.objects.values_list("name", flat=True)) == ["Spreiding", "nieuw"]
    tags = {
        page.source_url: sorted(tag.name for tag in page.tags.all())
        for page in NewsItemPage.objects.all()
    }
    assert tags == {
        news(1)["source_url"]: ["Spreiding"],
        news(3)["source_url"]: ["Spreiding", "nieuw"],
        news(4)["source_url"]: ["Spreiding"],
    }


def test_a_line_repeated_within_a_batch_updates_the_page_it_created(indexes, tmp_path):
    code, out, _ = run_import(tmp_path, [THEME, news(1), news(1), news(1, title="Nieuwe titel")])

    assert code == 0 and "2 created, 1 updated, 1 unchanged" in out
    assert list(NewsItemPage.objects.values_list("title", flat=True)) == ["Nieuwe titel"]


def test_when_the_database_refuses_a_batch_its_lines_are_written_one_at_a_time(
    indexes, tmp_path, monkeypatch
):
    insert_pages = tree.insert_pages

    def refusing_one_title(pages):
        if any(page.title == "Spreidingsplan regio 2" for page in pages):
            raise IntegrityError("refused")
        insert_pages(pages)

    monkeypatch.setattr(tree, "insert_pages", refusing_one_title)

    code, out, err = run_import(tmp_path, [THEME, news(1), news(2), news(3)])

    assert code == 1 and "3 created, 0 updated, 0 unchanged, 1 failed" in out
    assert err == "line 3: could not be saved: refused\n"
    assert sorted(NewsItemPage.objects.values_list("title", flat=True)) == [
        "Spreidingsplan regio 1",
        "Spreidingsplan regio 3",
    ]
    assert_tree_is_valid()
    assert Revision.objects.filter(object_str="Spreidingsplan regio 2").count() == 0
    assert not PendingIndexing.objects.exists()


def test_a_new_page_is_published_as_wagtail_publishes_it(indexes, tmp_path):
    """The importer creates new pages without Wagtail's second and third save; they must end
    as a page an editor created and published."""
    run_import(tmp_path, [THEME, news(1)])
    imported = NewsItemPage.objects.get()

    by_editor = NewsItemPage(title="Door een redacteur", intro="Tekst.", slug="redacteur")
    by_editor.publication_date = imported.publication_date
    indexes["news"].add_child(instance=by_editor)
    by_editor.save_revision().publish()

    state = publication_state(imported)
    assert state == {
        **publication_state(by_editor),
        "revision content": (imported.title, imported.slug),
    }
    assert state["history"] == ["wagtail.create", "wagtail.publish"]
    assert Revision.objects.get(pk=imported.live_revision_id).as_object().themes.get().title == (
        "Krimp"
    )


def test_an_imported_page_can_be_edited_and_published_by_an_editor(indexes, tmp_path, admin_client):
    run_import(tmp_path, [THEME, news(1)])
    page = NewsItemPage.objects.get()

    assert admin_client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    draft = page.get_latest_revision_as_object()
    draft.title = "Bijgewerkt door een redacteur"
    draft.save_revision().publish()

    page.refresh_from_db()
    assert (page.title, page.live, page.has_unpublished_changes) == (
        "Bijgewerkt door een redacteur",
        True,
        False,
    )
    assert [theme.title for theme in page.themes.all()] == ["Krimp"]
    assert page.revisions.count() == 2


def test_references_of_imported_pages_are_indexed(indexes, tmp_path):
    (tmp_path / "rapport.pdf").write_bytes(publication_pdf("Rapport", [], "Samenvatting", ""))
    publication = {
        "kind": "publication", "title": "Handreiking", "date": "2025-10-01",
        "intro": "Zo maakt u een plan.", "publication_type": "handreiking",
        "documents": [{"file": "rapport.pdf"}], "source_url": "p1",
    }  # fmt: skip
    practice = {
        "kind": "practice", "title": "Samen één plan", "date": "2025-05-01",
        "intro": "Drie besturen.", "source_url": "pr1",
        "contact": {"name": "Anna Bakker", "organisation": "Stichting Eemsdelta"},
    }  # fmt: skip
    code, _, err = run_import(tmp_path, [publication, practice])

    assert (code, err) == (0, "")
    document = PublicationPage.objects.get().documents.get().document
    assert [ref.object_id for ref in ReferenceIndex.get_references_to(document)] == [
        str(PublicationPage.objects.get().pk)
    ]
    person = Person.objects.get(name="Anna Bakker")
    assert [ref.object_id for ref in ReferenceIndex.get_references_to(person)] == [
        str(PracticePage.objects.get().pk)
    ]
    # Objects other than pages are indexed when saved, as always: the new contact person
    # refers to the new organisation.
    assert [ref.object_id for ref in ReferenceIndex.get_references_to(person.organisation)] == [
        str(person.pk)
    ]


def test_the_reference_index_of_imported_pages_is_wagtails_own(indexes, tmp_path):
    """New pages' references are inserted together; they must be what Wagtail records."""

    of_pages = ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page)
    )

    def recorded():
        return sorted(
            of_pages.values_list(
                "content_type", "base_content_type", "object_id", "to_content_type",
                "to_object_id", "model_path", "content_path", "content_path_hash",
            )
        )  # fmt: skip

    run_import(tmp_path, [THEME, news(1), news(2)])
    imported = recorded()
    of_pages.delete()
    for page in [*ThemePage.objects.all(), *NewsItemPage.objects.all()]:
        ReferenceIndex.create_or_update_for_object(page)
    assert imported and recorded() == imported

    run_import(tmp_path, [news(1, tags=["spreiding"])])  # a page with references already
    page = NewsItemPage.objects.get(source_url=news(1)["source_url"])
    tag_type = ContentType.objects.get_for_model(Tag)
    references = ReferenceIndex.get_references_for_object(page).filter(to_content_type=tag_type)
    assert [Tag.objects.get(pk=ref.to_object_id).name for ref in references] == ["spreiding"]


def test_a_line_that_fails_when_saved_leaves_nothing_behind(indexes, tmp_path):
    event = {
        "kind": "event", "title": "Webinar", "date": "2026-09-01", "intro": "Online.",
        "event_type": "webinar", "sessions": [{"date": "2027-01-12"}],
        "registration_url": "geen adres", "source_url": "e1",
    }  # fmt: skip
    pages, revisions = Page.objects.count(), Revision.objects.count()

    code, out, err = run_import(tmp_path, [event])

    assert code == 1 and "1 failed" in out
    assert err.startswith("line 1: registration_url:")
    assert not EventPage.objects.exists()
    assert (Page.objects.count(), Revision.objects.count()) == (pages, revisions)
    assert not PendingIndexing.objects.exists()


@pytest.mark.search_index
def test_pages_left_unindexed_can_be_indexed_without_a_file(indexes, client, tmp_path):
    with indexing.deferred():
        assert ContentImporter(tmp_path).import_record(news(1, themes=[])) == "created"
    assert found(client, "spreidingsplan") == []

    out = io.StringIO()
    call_command("import_content", "--index-pending", stdout=out)

    assert out.getvalue() == "Indexed 1 pages an interrupted run left unindexed\n"
    assert found(client, "spreidingsplan") == ["Spreidingsplan regio 1"]
    assert not PendingIndexing.objects.exists()


def test_without_a_file_the_command_says_what_it_needs(db):
    with pytest.raises(CommandError, match="give the .jsonl file to import"):
        call_command("import_content")
