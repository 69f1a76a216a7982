"""The site's vocabulary: the words its pages use, and in how many pages.

Compounds are split only into known words, and spelling suggestions come from it. It is rebuilt
from every live, public page by `update_index` and extended whenever such a page is published.
Words of drafts, restricted pages and pages scheduled for later never get in; a page restricted or
unpublished after it was counted keeps its words until the next rebuild, which is why a spelling
suggestion is also checked against what the visitor can find (search/service.py).
"""

import functools
from collections import Counter
from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction
from django.db.models import F

from wagtail.models import Page, PageViewRestriction, get_page_models
from wagtail.search import index

from . import analysis
from .fields import value_text
from .lexicon import general_frequencies

VERSION_KEY = "search:vocabulary-version"
_loaded = {"version": None, "vocabulary": None}


TERMS_PER_QUERY = 500  # well below the parameter limits of SQLite and PostgreSQL
SITE_WEIGHT = 100  # one page of this site counts as much as 100 uses in general Dutch


class CombinedFrequencies:
    """How common a word is: in general Dutch, plus (weighted) on this site."""

    def __init__(self, site, general):
        self.site, self.general = site, general

    def get(self, word: str, default: int = 0) -> int:
        return self.general.get(word, 0) + SITE_WEIGHT * self.site.get(word, 0) or default

    def __getitem__(self, word):
        return self.get(word)


class Vocabulary:
    def __init__(self, frequencies, general):
        self.frequencies = frequencies
        self.general = general
        self.decompounder = analysis.Decompounder(CombinedFrequencies(frequencies, general))

    def __contains__(self, word):
        return word in self.frequencies

    @functools.cached_property
    def stems(self) -> set[str]:
        return {analysis.stem(word) for word in self.frequencies}


def current() -> Vocabulary:
    """The vocabulary as last saved; reloaded when another process changed it."""
    from .models import SearchTerm

    version = cache.get(VERSION_KEY, 0)
    if _loaded["vocabulary"] is None or _loaded["version"] != version:
        frequencies = dict(SearchTerm.objects.values_list("term", "frequency"))
        vocabulary = Vocabulary(frequencies, general_frequencies())
        _loaded.update(version=version, vocabulary=vocabulary)
    return _loaded["vocabulary"]


def _changed():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, timeout=None)
    _loaded["vocabulary"] = None


def raw_text(obj: index.Indexed, fields: Iterable[index.BaseField] | None = None) -> str:
    """The plain text of all of an object's search fields, related ones included."""
    texts = []
    for field in obj.get_search_fields() if fields is None else fields:
        if isinstance(field, index.SearchField):
            texts.append(value_text(field.get_value(obj)))
        elif isinstance(field, index.RelatedFields):
            related = field.get_value(obj)
            if related is None:
                continue
            related = related.all() if hasattr(related, "all") else [related]
            texts.extend(raw_text(item, field.fields) for item in related)
    return " ".join(texts)


def page_words(page: Page) -> set[str]:
    """The distinct content words of a page."""
    return set(analysis.content_words(raw_text(page)))


def rebuild() -> int:
    """Count, for every word, the live public pages that use it; save that as the vocabulary."""
    from .models import SearchTerm

    counts = Counter()
    for model in get_page_models():
        # Per type, with the relations its search fields read prefetched in bulk
        # (`get_indexed_objects`), not read again for every page.
        for page in model.get_indexed_objects().live().public().iterator(chunk_size=200):
            counts.update(page_words(page))
    with transaction.atomic():
        SearchTerm.objects.all().delete()
        SearchTerm.objects.bulk_create(
            (SearchTerm(term=term[:100], frequency=n) for term, n in counts.items()),
            batch_size=1000,
        )
    _changed()
    return len(counts)


def add_page(page: Page) -> None:
    """Count a newly published page's words (an approximation until the next rebuild); not
    when the page is scheduled to go live later or is restricted."""
    add_pages([page])


def add_pages(pages: Iterable[Page]) -> None:
    """`add_page` for many pages, with one update per distinct count instead of per page."""
    from .models import SearchTerm

    any_restrictions = PageViewRestriction.objects.exists()
    counts = Counter()
    for page in pages:
        if not page.live or (any_restrictions and page.get_view_restrictions().exists()):
            continue
        counts.update({word[:100] for word in page_words(page)})
    if not counts:
        return
    terms_by_count = {}
    for term, count in counts.items():
        terms_by_count.setdefault(count, []).append(term)
    with transaction.atomic():
        for count, terms in terms_by_count.items():
            for start in range(0, len(terms), TERMS_PER_QUERY):
                chunk = terms[start : start + TERMS_PER_QUERY]
                SearchTerm.objects.filter(term__in=chunk).update(frequency=F("frequency") + count)
                SearchTerm.objects.bulk_create(
                    [SearchTerm(term=term, frequency=count) for term in chunk],
                    ignore_conflicts=True,
                )
    _changed()
