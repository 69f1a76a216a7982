"""What a search that found nothing offers instead: a corrected query, the same search without
its filters, and (from search/popular.py) popular themes and searches.

A correction names only words of pages the visitor can find.
"""

from collections.abc import Mapping

from wagtail.models import Site

from . import analysis, vocabulary
from . import query as query_analysis
from .service import Outcome, run_search, searchable_pages, word_finder


def correction(outcome: Outcome, site: Site | None) -> str:
    """The query with its misspelt words corrected, or "": the correction the search made, or
    else a closer look, which also corrects a word that looks like a compound ("invalpoel") to a
    word only one page uses."""
    if outcome.suggestion:
        return outcome.suggestion
    vocab = vocabulary.current()
    finds = word_finder(searchable_pages(site))
    corrections = {
        word: query_analysis.correct(word, vocab, finds, common_on_site=1)
        for word in analysis.content_words(outcome.query)
    }
    if not any(corrections.values()):
        return ""
    return " ".join(corrections.get(word) or word for word in analysis.words(outcome.query))


def count(params: Mapping[str, str], site: Site | None, version: str | None) -> int:
    """How many results a search with `params` has."""
    return run_search(params, site, version=version).total
