"""Turn imported HTML or plain text into Wagtail rich text and body blocks.

Only the formatting editors can use survives: Wagtail's rich text whitelist removes scripts,
styles, classes and unknown elements. Top-level `h1`/`h2` headings become heading blocks.
"""

import re
from html import escape

from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter

from bs4 import BeautifulSoup, NavigableString

from core.blocks import RICH_TEXT_FEATURES

_converter = EditorHTMLConverter(features=RICH_TEXT_FEATURES)
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")


def looks_like_html(text):
    return bool(_TAG.search(text))


def plain_text_to_html(text):
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text) if part.strip()]
    return "".join(
        "<p>{}</p>".format(escape(paragraph).replace("\n", "<br/>")) for paragraph in paragraphs
    )


def to_rich_text(text):
    """HTML or plain text → cleaned rich text in Wagtail's database format."""
    if not text or not text.strip():
        return ""
    html = strip_hidden(text) if looks_like_html(text) else plain_text_to_html(text)
    return _converter.to_database_format(html).strip()


def strip_hidden(html):
    """Remove elements whose content is never shown as text: scripts, styles and the like."""
    soup = BeautifulSoup(html, "html.parser")
    for element in soup(["script", "style", "noscript", "template", "iframe", "object"]):
        element.decompose()
    return str(soup)


def to_body_blocks(text):
    """HTML or plain text → raw StreamField data: heading and paragraph blocks."""
    if not text or not text.strip():
        return []
    if not looks_like_html(text):
        return [{"type": "paragraph", "value": to_rich_text(text)}]
    blocks = []
    pending = []

    def flush():
        rich_text = to_rich_text("".join(pending))
        if rich_text:
            blocks.append({"type": "paragraph", "value": rich_text})
        pending.clear()

    soup = BeautifulSoup(text, "html.parser")
    for node in soup.contents:
        if not isinstance(node, NavigableString) and node.name in ("h1", "h2"):
            flush()
            heading = node.get_text(" ", strip=True)[:120]
            if heading:
                blocks.append({"type": "heading", "value": {"text": heading, "level": "h2"}})
        elif isinstance(node, NavigableString):
            if node.strip():
                pending.append(f"<p>{escape(node.strip())}</p>")
        else:
            pending.append(str(node))
    flush()
    return blocks
