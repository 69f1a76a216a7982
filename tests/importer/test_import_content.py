import io
import json

from django.core.management import call_command

import pytest

from agenda.models import EventPage
from core import content_version, warm_up
from core.models import Person
from home.models import ContentPage
from importer.demo.pdfs import publication_pdf
from publications.models import NewsItemPage, PracticePage, PublicationPage
from themes.models import ThemePage

THEME = {
    "kind": "theme",
    "title": "Krimp",
    "intro": "Minder leerlingen vraagt om keuzes.",
    "source_url": "https://oud.example.nl/thema/krimp",
    "key_figures": [{"value": "-8%", "label": "leerlingen in het po"}],
    "contacts": [{"name": "Anna Bakker", "role": "Adviseur", "organisation": "De Vereniging"}],
}
NEWS = {
    "kind": "news",
    "title": "Nieuwe prognoses leerlingaantallen",
    "date": "2026-03-02",
    "intro": "De prognoses zijn bijgesteld.",
    "body": "<h2>Noorden</h2><p>In het noorden <script>alert(1)</script>daalt het aantal.</p>",
    "themes": ["Krimp"],
    "sectors": ["PO", "voortgezet onderwijs"],
    "regions": ["Groningen", "landelijk"],
    "tags": ["prognose"],
    "source_url": "https://oud.example.nl/nieuws/1",
}


def run_import(tmp_path, records, name="import.jsonl"):
    path = tmp_path / name
    path.write_text(
        "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n",
        encoding="utf-8",
    )
    stdout, stderr = io.StringIO(), io.StringIO()
    try:
        call_command("import_content", str(path), stdout=stdout, stderr=stderr)
        code = 0
    except SystemExit as exit:
        code = exit.code
    return code, stdout.getvalue(), stderr.getvalue()


@pytest.fixture
def site_tree(indexes):
    return indexes


def test_valid_lines_are_imported_published_and_classified(site_tree, tmp_path):
    code, out, err = run_import(tmp_path, [THEME, NEWS])

    assert (code, err) == (0, "")
    assert "2 created, 0 updated, 0 unchanged, 0 failed" in out
    news = NewsItemPage.objects.get()
    assert news.live and news.has_unpublished_changes is False
    assert news.get_parent().specific == site_tree["news"]
    assert [theme.title for theme in news.themes.all()] == ["Krimp"]
    assert sorted(s.abbreviation for s in news.sectors.all()) == ["PO", "VO"]
    assert sorted(r.name for r in news.regions.all()) == ["Groningen", "Landelijk"]
    assert [tag.name for tag in news.tags.all()] == ["prognose"]
    assert str(news.publication_date) == "2026-03-02"
    heading, paragraph = news.body
    assert heading.value["text"] == "Noorden"
    assert "alert" not in str(paragraph.value) and "daalt" in str(paragraph.value)
    theme = ThemePage.objects.get()
    assert [p.person.name for p in theme.contacts.all()] == ["Anna Bakker"]
    assert theme.key_figures[0].value["value"] == "-8%"


def test_bad_lines_are_reported_and_the_rest_is_imported(site_tree, tmp_path):
    records = [
        THEME,
        "{not json",
        {**NEWS, "kind": "blog", "source_url": "x1"},
        {**NEWS, "title": "", "source_url": "x2"},
        {**NEWS, "date": "2026-02-30", "source_url": "x3"},
        {**NEWS, "themes": ["Onbekend thema"], "source_url": "x4"},
        NEWS,
        {**NEWS, "regions": ["Atlantis"], "source_url": "x5"},
        {**NEWS, "colour": "blue", "source_url": "x6"},
    ]
    code, out, err = run_import(tmp_path, records)

    assert code == 1
    assert "2 created, 0 updated, 0 unchanged, 7 failed" in out
    lines = err.strip().splitlines()
    assert lines[0].startswith("line 2: invalid JSON")
    assert lines[1].startswith("line 3: unknown kind 'blog'")
    assert lines[2] == "line 4: missing 'title'"
    assert lines[3].startswith("line 5: bad date '2026-02-30'")
    assert lines[4].startswith("line 6: unknown theme 'Onbekend thema'")
    assert lines[5].startswith("line 8: unknown region 'Atlantis'")
    assert lines[6].startswith("line 9: unknown field(s) for kind 'news': colour")
    assert NewsItemPage.objects.filter(live=True).count() == 1


def test_reimporting_updates_by_source_url_and_skips_unchanged_lines(site_tree, tmp_path):
    run_import(tmp_path, [THEME, NEWS])
    news = NewsItemPage.objects.get()
    revisions = news.revisions.count()

    code, out, _ = run_import(tmp_path, [THEME, NEWS])
    assert code == 0 and "0 created, 0 updated, 2 unchanged" in out
    assert news.revisions.count() == revisions

    changed = {**NEWS, "title": "Bijgestelde prognoses", "regions": ["Drenthe"]}
    code, out, _ = run_import(tmp_path, [changed])
    assert code == 0 and "0 created, 1 updated" in out
    news = NewsItemPage.objects.get()
    assert news.title == "Bijgestelde prognoses"
    assert [r.name for r in news.regions.all()] == ["Drenthe"]
    assert news.slug == "nieuwe-prognoses-leerlingaantallen"
    assert news.live


def test_publication_documents_are_attached_and_checked(site_tree, tmp_path):
    (tmp_path / "rapport.pdf").write_bytes(publication_pdf("Rapport", [], "Samenvatting", ""))
    (tmp_path / "script.exe").write_bytes(b"MZ")
    publication = {
        "kind": "publication",
        "title": "Handreiking spreidingsplan",
        "date": "2025-10-01",
        "intro": "Zo maakt u een spreidingsplan.",
        "publication_type": "handreiking",
        "authors": ["Anna de Vries", "Bram Jansen"],
        "documents": [{"file": "rapport.pdf", "title": "De handreiking"}],
        "source_url": "p1",
    }
    records = [
        publication,
        {**publication, "source_url": "p2", "documents": [{"file": "script.exe"}]},
        {**publication, "source_url": "p3", "documents": [{"file": "ontbreekt.pdf"}]},
        {**publication, "source_url": "p4", "documents": [{"file": "../../etc/passwd.pdf"}]},
        {**publication, "source_url": "p5", "publication_type": "roman"},
    ]
    code, out, err = run_import(tmp_path, records)

    assert code == 1 and "1 created" in out and "4 failed" in out
    assert "line 2: document 'script.exe' is not a PDF or Word file" in err
    assert "line 3: document 'ontbreekt.pdf' not found" in err
    assert "line 4: document '../../etc/passwd.pdf' lies outside" in err
    assert "line 5: unknown publication_type 'roman'" in err
    page = PublicationPage.objects.get()
    (document,) = page.documents.all()
    assert document.display_title == "De handreiking"
    assert document.file_type == "PDF"
    assert document.document.file_size > 0
    assert page.author_list == ["Anna de Vries", "Bram Jansen"]


def test_practice_event_and_page_kinds(site_tree, tmp_path):
    records = [
        THEME,
        {
            "kind": "practice",
            "title": "Samen één spreidingsplan in Oost-Groningen",
            "date": "2025-05-01",
            "intro": "Drie besturen maakten samen een plan.",
            # A name given twice (in any case) links the organisation once.
            "organisations": ["Stichting Eemsdelta", "Scholengroep Oost", "stichting eemsdelta"],
            "reason": "Het aantal leerlingen daalde.\n\nScholen werden te klein.",
            "approach": "<ul><li>Samen rekenen</li></ul>",
            "results": "Twee fusies.",
            "lessons": "Begin op tijd.",
            "contact": {"name": "Anna Bakker", "email": "anna@example.nl"},
            "regions": ["Groningen"],
            "source_url": "pr1",
        },
        {
            "kind": "event",
            "title": "Leergang regionale samenwerking",
            "date": "2026-09-01",
            "intro": "Vier bijeenkomsten voor bestuurders.",
            "event_type": "leergang",
            "sessions": [
                {"date": "2027-01-12", "start": "13:00", "end": "16:30"},
                {"date": "2027-02-09", "start": "13:00", "end": "16:30"},
            ],
            "location": {"name": "Het Huis", "address": "Plein 1", "postcode": "3511 AA",
                         "city": "Utrecht"},
            "price": 450,
            "organiser": "De Vereniging",
            "speakers": [{"name": "Bram Jansen", "role": "Bestuurder"}],
            "registration_url": "https://www.example.nl/aanmelden",
            "registration_deadline": "2027-01-05",
            "source_url": "e1",
        },
        {"kind": "event", "title": "Zonder sessies", "date": "2026-09-01", "intro": "x",
         "event_type": "webinar", "source_url": "e2"},
        {"kind": "event", "title": "Verkeerde tijd", "date": "2026-09-01", "intro": "x",
         "event_type": "webinar", "sessions": [{"date": "2027-01-01", "start": "25:00"}],
         "source_url": "e3"},
        {"kind": "page", "title": "Over ons", "intro": "Wie wij zijn.", "slug": "over-ons",
         "source_url": "pg1"},
    ]  # fmt: skip
    code, out, err = run_import(tmp_path, records)

    assert code == 1 and "4 created" in out and "2 failed" in out
    assert "line 4: an event needs at least one session" in err
    assert "line 5: bad time '25:00'" in err
    practice = PracticePage.objects.get()
    # In the line's order, which is the order on the page.
    assert [o.name for o in practice.organisations] == ["Stichting Eemsdelta", "Scholengroep Oost"]
    assert "<p>Scholen werden te klein.</p>" in practice.reason
    assert practice.contact_person == Person.objects.get(name="Anna Bakker")
    assert practice.contact_person.email == "anna@example.nl"
    event = EventPage.objects.get()
    assert (str(event.start_date), str(event.end_date)) == ("2027-01-12", "2027-02-09")
    assert event.price == 450 and event.city == "Utrecht"
    assert [s.name for s in event.speakers.all()] == ["Bram Jansen"]
    page = ContentPage.objects.get()
    assert page.url.endswith("/over-ons/")


def test_invalid_utf8_fails_only_that_line(site_tree, tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(json.dumps(THEME).encode() + b"\n\xff\xfe broken\n")
    stdout, stderr = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit):
        call_command("import_content", str(path), stdout=stdout, stderr=stderr)
    assert "line 2: not valid UTF-8" in stderr.getvalue()
    assert ThemePage.objects.count() == 1


def test_missing_file_is_a_clear_error(db):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="no such file"):
        call_command("import_content", "/nonexistent/file.jsonl")


def test_progress_is_reported_on_large_files(site_tree, tmp_path, monkeypatch):
    from importer.management.commands import import_content

    monkeypatch.setattr(import_content, "PROGRESS_EVERY", 2)
    monkeypatch.setattr(import_content, "BATCH_LINES", 2)
    pages = [
        {"kind": "page", "title": f"Pagina {n}", "intro": "Tekst.", "source_url": f"pg{n}"}
        for n in range(5)
    ]
    code, out, _ = run_import(tmp_path, pages)
    assert code == 0
    assert "2 lines read" in out and "4 lines read" in out
    assert "5 lines: 5 created" in out


def test_imported_pages_go_live_together_once_the_pages_are_warm(
    site_tree, tmp_path, settings, monkeypatch
):
    settings.WARM_UP = True
    warmed_up = []
    monkeypatch.setattr(
        warm_up, "warm_up_then_go_live", lambda: warmed_up.append(NewsItemPage.objects.count())
    )
    before = content_version.current()
    code, _, _ = run_import(tmp_path, [THEME, NEWS])
    assert code == 0
    assert warmed_up == [1]  # once, at the end, with every page in
    assert content_version.current() == before  # the stub above made nothing live
