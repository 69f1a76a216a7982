"""Generate the demo publications' PDF files from their own text, deterministically."""

import datetime

from bs4 import BeautifulSoup
from fpdf import FPDF

# Fixed, so that the same text always gives the same bytes (and the importer sees no change).
CREATION_DATE = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)

# The PDF core fonts cover Latin-1; typographic characters outside it get a plain equivalent.
_PLAIN = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "€": "EUR",
                        "…": "...", "\u00a0": " "})  # fmt: skip


def _latin1(text):
    return text.translate(_PLAIN).encode("latin-1", "replace").decode("latin-1")


def _line(pdf, height, text):
    pdf.multi_cell(0, height, text, new_x="LMARGIN", new_y="NEXT")


def publication_pdf(title, authors, intro, body_html):
    """A small report: title page header, authors, summary and the body's headings and text."""
    pdf = FPDF(format="A4")
    pdf.set_creation_date(CREATION_DATE)
    pdf.set_title(_latin1(title))
    pdf.set_author(_latin1(", ".join(authors)))
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 18)
    _line(pdf, 9, _latin1(title))
    pdf.ln(2)
    if authors:
        pdf.set_font("Helvetica", "I", 10)
        _line(pdf, 6, _latin1("Auteurs: " + ", ".join(authors)))
        pdf.ln(2)
    pdf.set_font("Helvetica", "B", 11)
    _line(pdf, 6, _latin1(intro))
    pdf.ln(4)
    for element in BeautifulSoup(body_html, "html.parser").find_all(["h2", "h3", "p", "li"]):
        text = _latin1(element.get_text(" ", strip=True))
        if not text:
            continue
        if element.name in ("h2", "h3"):
            pdf.ln(2)
            pdf.set_font("Helvetica", "B", 13 if element.name == "h2" else 11)
            _line(pdf, 7, text)
        else:
            pdf.set_font("Helvetica", "", 10.5)
            _line(pdf, 5.5, ("- " if element.name == "li" else "") + text)
            pdf.ln(1.5)
    return bytes(pdf.output())
