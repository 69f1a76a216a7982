"""What a search that found nothing offers instead: a corrected query, the same search without
its filters, the themes with the most content, and what other visitors searched for and found.

Everything offered is something every visitor may see: a correction names only words of pages
the visitor can find, and a logged search is shown only when each of its words is such a word
(so no name, address or hidden project someone typed is ever shown to others).
"""

import datetime
import hashlib
from collections import Counter
from collections.abc import Mapping

from django.core.cache import cache
from django.db.models import Count, Sum

from wagtail.models import Site

from core.content_types import classified_page_models
from themes.models import ThemePage

from . import analysis, vocabulary
from . import query as query_analysis
from .models import SearchQueryDay
from .query_log import PLACEHOLDERS, log_date
from .service import Outcome, run_search, searchable_pages, word_finder

POPULAR_THEMES = 6
POPULAR_SEARCHES = 5
POPULAR_DAYS = 30
MIN_SEARCHES = 3  # a search typed fewer times in the period is not offered to others
CANDIDATE_SEARCHES = 30  # the most frequent searches checked, at most, to find the ones shown
CACHE_SECONDS = 60 * 60


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


def _cached(name, site, version, build):
    key = f"search-no-results:{name}:{site.pk if site else 0}:{version}"
    return cache.get_or_set(hashlib.sha256(key.encode()).hexdigest(), build, CACHE_SECONDS)


def popular_themes(site: Site | None, version: str | None) -> list[tuple[str, str]]:
    """(title, URL) of the live, public themes with the most live, public pages."""

    def build():
        themes = ThemePage.objects.live().public()
        themes = list(themes.in_site(site) if site is not None else themes)
        pages_per_theme = Counter()
        for model in classified_page_models():
            pages = model.objects.live().public().filter(themes__in=themes)
            pages_per_theme.update(dict(pages.values_list("themes").annotate(n=Count("pk"))))
        themes.sort(key=lambda theme: (-pages_per_theme[theme.pk], theme.title))
        return [(theme.title, theme.get_url()) for theme in themes[:POPULAR_THEMES]]

    return _cached("themes", site, version, build)


def popular_searches(site: Site | None, version: str | None) -> list[str]:
    """The searches typed most in the last 30 days (at least three times) whose every word
    occurs in a page the visitor can see, most frequent first."""

    def build():
        since = log_date() - datetime.timedelta(days=POPULAR_DAYS)
        texts = (
            SearchQueryDay.objects.filter(date__gt=since)
            .values("query")
            .annotate(total=Sum("searches"))
            .filter(total__gte=MIN_SEARCHES)
            .order_by("-total", "query")
            .values_list("query", flat=True)[:CANDIDATE_SEARCHES]
        )
        finds = word_finder(searchable_pages(site))
        decompounder = vocabulary.current().decompounder

        def public(word):
            parts = decompounder.split(word)
            return finds(word) or bool(parts) and all(finds(part) for part in parts)

        shown = []
        for text in texts:
            words = analysis.content_words(text)
            if any(p in text for p in PLACEHOLDERS) or not words:
                continue
            if all(public(word) for word in words):
                shown.append(text)
            if len(shown) == POPULAR_SEARCHES:
                break
        return shown

    return _cached("searches", site, version, build)
