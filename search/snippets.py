"""The snippet under a search result: the best matching sentence, query words in <mark>."""

import functools
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from wagtail.models import Page
from wagtail.search import index

from . import analysis
from .fields import value_text

SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
WORD = re.compile(r"\w+")
MAX_LENGTH = 260
SKIPPED_FIELDS = {"title", "intro", "documents_search_text"}


def page_texts(page: Page) -> list[tuple[str | None, str]]:
    """(None, text) for each text field of the page, then (file name, text) per document."""
    texts = [(None, page.intro)] if getattr(page, "intro", "") else []
    for field in page.get_search_fields():
        if not isinstance(field, index.SearchField) or field.field_name in SKIPPED_FIELDS:
            continue
        text = value_text(field.get_value(page))
        if text.strip():
            texts.append((None, text))
    if hasattr(page, "document_texts"):
        texts.extend(page.document_texts())
    return texts


def _matches(word, terms, decompounder):
    return _search_terms(word, decompounder) & terms


@functools.lru_cache(maxsize=100_000)
def _search_terms(word, decompounder):
    """The terms a word of a text is found by: its stem and the stems of its compound parts.
    Remembered, as a page's texts (and every result's) repeat most of their words."""
    normal = analysis.normalise(word)
    if normal in analysis.STOP_WORDS:
        return frozenset()
    return frozenset(
        {analysis.stem(normal), *(analysis.stem(part) for part in decompounder.split(normal))}
    )


def _window(sentence, first_match):
    if len(sentence) <= MAX_LENGTH:
        return sentence, "", ""
    start = max(0, first_match - MAX_LENGTH // 3)
    end = start + MAX_LENGTH
    return sentence[start:end], "… " if start else "", " …" if end < len(sentence) else ""


def highlight(text: str, terms: set[str], decompounder: analysis.Decompounder) -> str:
    """`text` HTML-escaped, with the words that match `terms` in <mark>."""
    parts, position = [], 0
    for match in WORD.finditer(text):
        parts.append(escape(text[position : match.start()]))
        word = escape(match.group())
        parts.append(
            f"<mark>{word}</mark>" if _matches(match.group(), terms, decompounder) else word
        )
        position = match.end()
    parts.append(escape(text[position:]))
    return "".join(parts)


def build_snippet(
    page: Page, terms: set[str], decompounder: analysis.Decompounder
) -> tuple[SafeString, str]:
    """(snippet HTML, file name if the best match is in an attached document, else ""); `terms`
    are the stems to look for (`AnalysedQuery.terms()`), `decompounder` the current
    vocabulary's."""
    best = None  # (score, sentence, label, first match position)
    for label, text in page_texts(page):
        for sentence_match in SENTENCE.finditer(text):
            sentence = sentence_match.group().strip()
            matched, first = set(), None
            for word in WORD.finditer(sentence):
                found = _matches(word.group(), terms, decompounder)
                if found and first is None:
                    first = word.start()
                matched |= found
            if matched and (best is None or len(matched) > best[0]):
                best = (len(matched), sentence, label, first)
    if best is None:
        intro = getattr(page, "intro", "") or getattr(page, "search_description", "")
        return escape(Truncator(intro).chars(MAX_LENGTH)), ""
    _, sentence, label, first = best
    text, before, after = _window(sentence, first)
    html = escape(before) + highlight(text, terms, decompounder) + escape(after)
    return mark_safe(html), label or ""  # noqa: S308 - every part is escaped above
