import io
import logging

from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.documents.models import Document

import docx
import pytest
from pypdf import PdfWriter

from importer.demo.pdfs import publication_pdf
from search import documents
from search.documents import MAX_TEXT_LENGTH, document_text, extract_text
from search.models import DocumentText
from tests import factories
from tests.factories import DocumentFactory


def report_pdf(text="Het spreidingsplan voor de regio."):
    """A real PDF, as the demo content has them."""
    body = f"<h2>Inleiding</h2><p>{text}</p>"
    return publication_pdf("Krimp in het onderwijs", ["Anna de Vries"], "Samenvatting", body)


def encrypted_pdf(user_password):
    writer = PdfWriter(clone_from=io.BytesIO(report_pdf()))
    writer.encrypt(user_password, owner_password="eigenaar", algorithm="RC4-128")
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def word_file():
    document = docx.Document()
    document.add_paragraph("Leerlingendaling in   de\tregio")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Begroting"
    table.cell(0, 1).text = "Huisvesting"
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def make_document(data, filename):
    return DocumentFactory(file=ContentFile(data, name=filename))


BROKEN_FILES = {
    "random bytes": (bytes(range(256)) * 20, "kapot.pdf"),
    "truncated PDF": (report_pdf()[:600], "afgebroken.pdf"),
    "encrypted PDF": (encrypted_pdf("geheim"), "beveiligd.pdf"),
    "broken Word file": (b"PK\x03\x04 geen zip", "kapot.docx"),
}


def test_pdf_text_is_extracted():
    text = extract_text(io.BytesIO(report_pdf()), "rapport.pdf")
    assert text == (
        "Krimp in het onderwijs Auteurs: Anna de Vries Samenvatting Inleiding "
        "Het spreidingsplan voor de regio."
    )


def test_pdf_encrypted_without_user_password_is_read():
    text = extract_text(io.BytesIO(encrypted_pdf("")), "beperkt.pdf")
    assert "Het spreidingsplan voor de regio." in text


def test_docx_paragraphs_and_table_cells_are_extracted():
    assert extract_text(io.BytesIO(word_file()), "Notitie.DOCX") == (
        "Leerlingendaling in de regio Begroting Huisvesting"
    )


@pytest.mark.parametrize("filename", ["notitie.doc", "notitie.odt", "notitie"])
def test_unsupported_types_give_no_text(caplog, filename):
    with caplog.at_level(logging.INFO, logger="search.documents"):
        assert extract_text(io.BytesIO(word_file()), filename) == ""
    assert filename in caplog.text


@pytest.mark.parametrize(("data", "filename"), BROKEN_FILES.values(), ids=BROKEN_FILES.keys())
def test_unreadable_files_give_no_text_and_a_warning(caplog, data, filename):
    assert extract_text(io.BytesIO(data), filename) == ""
    warnings = [r for r in caplog.records if r.name == "search.documents"]
    assert [r.levelname for r in warnings] == ["WARNING"]
    assert filename in warnings[0].getMessage()


def test_text_is_capped():
    document = docx.Document()
    for number in range(300):
        document.add_paragraph(f"Alinea {number}: " + "het bestuur bespreekt de begroting. " * 30)
    output = io.BytesIO()
    document.save(output)
    text = extract_text(output, "jaarverslag.docx")
    assert len(text) == MAX_TEXT_LENGTH == 200_000
    assert text.startswith("Alinea 0: het bestuur")


@pytest.mark.django_db
def test_document_text_is_stored():
    document = make_document(report_pdf(), "rapport.pdf")
    assert "spreidingsplan" in document_text(document)
    stored = DocumentText.objects.get(document=document)
    assert stored.file_hash == document.file_hash
    assert "spreidingsplan" in stored.text
    assert stored.error == ""


@pytest.mark.django_db
@pytest.mark.parametrize(("data", "filename"), BROKEN_FILES.values(), ids=BROKEN_FILES.keys())
def test_unreadable_document_records_the_error(caplog, data, filename):
    document = make_document(data, filename)
    assert document_text(document) == ""
    assert "WARNING" in [r.levelname for r in caplog.records if r.name == "search.documents"]
    assert document.extracted_text.error
    assert document.extracted_text.text == ""


@pytest.mark.django_db
def test_encrypted_document_error_says_why():
    document = make_document(encrypted_pdf("geheim"), "beveiligd.pdf")
    document_text(document)
    assert "encrypted with a password" in document.extracted_text.error


@pytest.mark.django_db
def test_doc_file_gives_no_text():
    document = make_document(b"\xd0\xcf\x11\xe0 oud Word-bestand", "notitie.doc")
    assert document_text(document) == ""
    assert "unsupported" in document.extracted_text.error


@pytest.fixture
def extractions(monkeypatch):
    """The file names that text was extracted from, in order."""
    names = []
    original = documents.extract

    def counting_extract(file_obj, filename):
        names.append(filename)
        return original(file_obj, filename)

    monkeypatch.setattr(documents, "extract", counting_extract)
    return names


@pytest.mark.django_db
def test_unchanged_file_is_extracted_once(extractions):
    document = make_document(report_pdf(), "rapport.pdf")
    first = document_text(document)
    assert document_text(document) == first
    assert len(extractions) == 1
    # Also from a fresh instance, as the indexer loads it.
    document.refresh_from_db()
    assert document_text(document) == first
    assert len(extractions) == 1


@pytest.mark.django_db
def test_replaced_file_is_extracted_again(extractions):
    document = make_document(report_pdf("Eerste versie."), "rapport.pdf")
    assert "Eerste versie." in document_text(document)
    # Replace the file as the admin's edit view does: new file, then size and hash.
    document.file = ContentFile(report_pdf("Tweede versie."), name="rapport.pdf")
    document._set_document_file_metadata()
    document.save()
    text = document_text(document)
    assert "Tweede versie." in text
    assert "Eerste versie." not in text
    assert len(extractions) == 2
    assert DocumentText.objects.get().file_hash == document.file_hash


@pytest.mark.django_db
def test_document_without_hash_is_hashed_but_not_saved(extractions):
    document = make_document(report_pdf(), "rapport.pdf")
    expected_hash = document.file_hash
    Document.objects.filter(pk=document.pk).update(file_hash="")
    document.refresh_from_db()
    assert "spreidingsplan" in document_text(document)
    assert DocumentText.objects.get().file_hash == expected_hash
    document.refresh_from_db()
    assert document.file_hash == ""
    assert "spreidingsplan" in document_text(document)
    assert len(extractions) == 1


@pytest.mark.django_db
def test_missing_file_gives_no_text_and_is_not_cached(caplog):
    document = make_document(report_pdf(), "rapport.pdf")
    document.file.storage.delete(document.file.name)
    assert document_text(document) == ""
    assert document.file.name in caplog.text
    assert not DocumentText.objects.exists()


def test_results_read_the_texts_of_their_files_together(client, indexes):
    """A page of results quotes its publications' files; it reads them for all publications at
    once, in as many queries for three as for one."""

    def results(word, count):
        for number in range(count):
            pdf = make_document(report_pdf(f"Het {word} in de regio, deel {number}."), "r.pdf")
            factories.PublicationPageFactory(
                parent=indexes["publications"], title=f"Rapport {word} {number}", documents=[pdf]
            )
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/zoeken/", {"q": word})
        return response.content.decode(), len(captured)

    client.get("/zoeken/", {"q": "regio"})  # what the first search of a process reads
    one, queries_for_one = results("ankerschool", 1)
    three, queries_for_three = results("thuiszitterstafel", 3)

    assert one.count("<mark>ankerschool</mark>") == 1
    assert three.count("<mark>thuiszitterstafel</mark>") == 3
    assert queries_for_three == queries_for_one
