"""Text of uploaded PDF and Word files, so that search can index what a document says.

Wagtail indexes a document's title and tags only. `document_text()` reads a file once per version
(keyed by its SHA-1 `file_hash`) and keeps the text in `DocumentText`.
"""

import logging
from pathlib import Path
from typing import NamedTuple

import docx
from docx.table import Table
from pypdf import PasswordType, PdfReader
from pypdf.errors import FileNotDecryptedError

from .models import DocumentText

logger = logging.getLogger(__name__)

MAX_TEXT_LENGTH = 200_000


class Extraction(NamedTuple):
    text: str
    error: str = ""  # why there is no text, for operators; empty when the file was read


def extract_text(file_obj, filename):
    """The text of a PDF or .docx file; "" for other types and for files that cannot be read."""
    return extract(file_obj, filename).text


def extract(file_obj, filename):
    """Like `extract_text()`, with the reason when there is no text. Never raises."""
    suffix = Path(filename).suffix.lower()
    read = READERS.get(suffix)
    if read is None:
        logger.info("No text extracted from %s: unsupported file type", filename)
        return Extraction("", f"unsupported file type: {suffix or '(none)'}")
    try:
        return Extraction(_join(read(file_obj)))
    # Uploads can hold anything, and pypdf and python-docx raise many kinds of error on bad input
    # (pypdf even a DependencyError for AES encryption when `cryptography` is not installed).
    except Exception as error:  # noqa: BLE001
        reason = f"{type(error).__name__}: {error}"[:255]
        logger.warning("No text extracted from %s: %s", filename, reason)
        return Extraction("", reason)


def _pdf_parts(file_obj):
    reader = PdfReader(file_obj)
    # Many PDFs are encrypted only to restrict printing or editing, with an empty user password.
    if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
        raise FileNotDecryptedError("encrypted with a password")
    for page in reader.pages:
        yield page.extract_text()


def _docx_parts(file_obj):
    return _block_texts(docx.Document(file_obj))


def _block_texts(container):
    """Paragraphs and table cells (nested tables too) of a document or cell, in document order."""
    for block in container.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                for cell in row.cells:  # a merged cell comes more than once: harmless for search
                    yield from _block_texts(cell)
        else:
            yield block.text


READERS = {".pdf": _pdf_parts, ".docx": _docx_parts}


def _join(parts):
    """The parts with whitespace collapsed, capped at MAX_TEXT_LENGTH without reading further."""
    kept, length = [], 0
    for part in parts:
        # PostgreSQL text refuses NUL, UTF-8 refuses lone surrogates: both occur in PDF text.
        words = part.replace("\x00", " ").encode("utf-8", "replace").decode().split()
        if words:
            kept.append(" ".join(words))
            length += len(kept[-1]) + 1
            if length > MAX_TEXT_LENGTH:
                break
    return " ".join(kept)[:MAX_TEXT_LENGTH]


def document_text(document):
    """The text of a wagtaildocs Document's file, extracted only when the file has changed."""
    try:
        if not document.file_hash:
            document._set_file_hash()  # the file's SHA-1, as Wagtail computes it; not saved
        cached = _extracted_text(document)
        if cached is not None and cached.file_hash == document.file_hash:
            return cached.text
        with document.open_file() as file_obj:
            extraction = extract(file_obj, document.file.name)
    except OSError as error:  # the file is missing from storage: nothing cached, try again later
        logger.warning("No text extracted from %s: %r", document.file.name, error)
        return ""
    document.extracted_text, _ = DocumentText.objects.update_or_create(
        document=document,
        defaults={
            "file_hash": document.file_hash,
            "text": extraction.text,
            "error": extraction.error,
        },
    )
    return extraction.text


def _extracted_text(document):
    """The text kept for the document, if any: read with the document when it was selected
    with it (`select_related("document__extracted_text")`), else now."""
    try:
        return document.extracted_text
    except DocumentText.DoesNotExist:
        return None
