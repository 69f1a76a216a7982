"""What many visitors look for: the themes with the most content, and the searches typed most.

A logged search is offered to others (on a search that found nothing, in the search box's
suggestions) only when each of its words occurs in a page every visitor can see: no name,
address or hidden project someone typed is ever shown to others.
"""

import datetime
import functools
import hashlib
from collections import Counter

from django.core.cache import cache
from django.db.models import Count, Sum

from wagtail.models import Site

from core.content_types import classified_page_models
from themes.models import ThemePage

from . import analysis, vocabulary
from .models import SearchQueryDay
from .query_log import PLACEHOLDERS, log_date
from .service import searchable_pages, word_finder

THEMES = 6
SEARCHES = 20  # the popular searches kept; a search that found nothing shows the first five
DAYS = 30
MIN_SEARCHES = 3  # a search typed fewer times in the period is not offered to others
CANDIDATE_SEARCHES = 60  # the most frequent searches checked, at most, to find those kept
CACHE_SECONDS = 60 * 60


def _cached(name, site, version, build):
    key = f"search-popular:{name}:{site.pk if site else 0}:{version}"
    return cache.get_or_set(hashlib.sha256(key.encode()).hexdigest(), build, CACHE_SECONDS)


def themes(site: Site | None, version: str | None) -> list[tuple[str, str]]:
    """(title, URL) of the live, public themes with the most live, public pages."""

    def build():
        pages = ThemePage.objects.live().public()
        found = list(pages.in_site(site) if site is not None else pages)
        pages_per_theme = Counter()
        for model in classified_page_models():
            classified = model.objects.live().public().filter(themes__in=found).order_by()
            pages_per_theme.update(dict(classified.values_list("themes").annotate(n=Count("pk"))))
        found.sort(key=lambda theme: (-pages_per_theme[theme.pk], theme.title))
        return [(theme.title, theme.get_url()) for theme in found[:THEMES]]

    return _cached("themes", site, version, build)


def searches(site: Site | None, version: str | None) -> list[str]:
    """The searches typed most in the last 30 days (at least three times) whose every word
    occurs in a page the visitor can see, most frequent first."""

    def build():
        since = log_date() - datetime.timedelta(days=DAYS)
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

        @functools.cache  # the most typed searches share their words: each is looked up once
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
            if len(shown) == SEARCHES:
                break
        return shown

    return _cached("searches", site, version, build)
