"""Site search: one query over every content type, with facets, ranking and snippets.

The backend (database or Elasticsearch) finds and scores candidates; everything users see on top
of that (Dutch analysis of the query, synonyms, the typo correction, filters by classification,
facet counts, the recency tie-break, promoted results and snippets) is done here, the same way on
every backend.
"""

import datetime
import functools
import hashlib
import logging
import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import QuerySet, prefetch_related_objects
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page, Site
from wagtail.query import PageQuerySet
from wagtail.search.query import Boost, Or, PlainText
from wagtail.search.utils import normalise_query_string

from core import content_version
from core.content_types import classified_page_models, content_page_models
from core.models import BasePage
from core.naming import type_label
from publications.models import PublicationPage, read_document_lists
from taxonomy.models import Region, Sector
from themes.models import ThemePage

from . import analysis, bm25, proximity, vocabulary
from . import query as query_analysis
from .backends import elasticsearch
from .fallback import cluster_down, scores_descend, with_fallback
from .forms import SearchForm
from .snippets import build_snippet
from .synonyms import synonym_groups

logger = logging.getLogger(__name__)

MAX_CANDIDATES = 500
RESULTS_PER_PAGE = 10
RECENCY_WEIGHT = 0.15  # a brand-new page scores up to 15% higher than an equal old one
RECENCY_YEARS = 3
WIDENED_WEIGHT = 0.5  # a match through a synonym or one part of a compound (search/query.py)
# The classification filters and facets: (URL parameter, relation of ClassifiedPage)
CLASSIFICATIONS = (("thema", "themes"), ("sector", "sectors"), ("regio", "regions"))
FILTERED_BY_FIELDS = (*(name for name, _ in CLASSIFICATIONS), "jaar")


@dataclass
class Hit:
    page_id: int
    score: float
    content_type_id: int
    date: datetime.date | None = None


@dataclass
class Outcome:
    form: SearchForm
    query: str = ""
    total: int = 0
    results: object = None  # a Paginator page of Result
    page_range: object = ()
    facets: dict = field(default_factory=dict)
    suggestion: str = ""
    corrected: bool = False  # the results are for the suggestion, the query found nothing
    ignored_filters: list = field(default_factory=list)
    ignored_words: list = field(default_factory=list)  # a long query's words beyond the limit
    cache_key: str | None = None  # names what the query found, for the cached result list


@dataclass
class Result:
    page: Page
    type_label: str
    date: datetime.date | None
    snippet: str
    found_in: str = ""
    promoted: bool = False


def content_types() -> dict[str, type[BasePage]]:
    """{type slug: page model} of every content type, as the type filter names them."""
    return {model.type_slug: model for model in content_page_models()}


def dated_page_models() -> list[type[BasePage]]:
    """The types with a date; theme and content pages are evergreen (no recency bonus)."""
    return classified_page_models()


def build_form(params: Mapping[str, str]) -> SearchForm:
    return SearchForm(
        params,
        types=[(slug, type_label(model)) for slug, model in content_types().items()],
        themes=ThemePage.objects.live().order_by("title").values_list("slug", "title"),
        sectors=Sector.choices(),
        regions=Region.objects.values_list("slug", "name"),
        years=range(timezone.localdate().year + 2, 1999, -1),
    )


def searchable_pages(site: Site | None) -> PageQuerySet:
    """Live, public content pages of the site; overviews and the home page have no text."""
    pages = Page.objects.live().public().type(*content_page_models())
    return pages.in_site(site) if site is not None else pages


def _filter_lookups(model, filters):
    """The classification and year filters as lookups on a classified type's own fields."""
    lookups = {
        f"{relation}__slug": filters[name] for name, relation in CLASSIFICATIONS if name in filters
    }
    if "jaar" in filters:
        year = int(filters["jaar"])
        lookups[f"{model.date_field}__gte"] = datetime.date(year, 1, 1)
        lookups[f"{model.date_field}__lt"] = datetime.date(year + 1, 1, 1)
    return lookups


def _page_ids(models, filters):
    """The ids of the pages of `models` that the classification and year filters leave, as one
    subquery."""
    first, *others = [
        model.objects.filter(**_filter_lookups(model, filters)).values("pk").order_by()
        for model in models
    ]
    return first.union(*others, all=True)


def _by_type(site, types, filters):
    """The pages the classification and year filters leave, as a queryset per content type
    that has them: a cluster filters by the fields it indexed, not by lists of ids (tens of
    thousands on a large site)."""
    page_sets = []
    for model in classified_page_models():
        if types and model not in types:
            continue
        pages = model.objects.live().public().filter(**_filter_lookups(model, filters))
        page_sets.append(pages.in_site(site) if site is not None else pages)
    return page_sets


@dataclass
class Scope:
    """The pages a query searches: `base`, selected by the page table's own columns, within
    `within`, a subquery of the ids the visitor's filters leave (None: all of `base`); `pages`
    is the two as one queryset. `by_type`: the same pages as one queryset per content type, for
    a cluster, when the visitor's filters need the types' own fields."""

    pages: PageQuerySet
    base: PageQuerySet
    within: QuerySet | None = None
    by_type: list | None = None

    @classmethod
    def for_search(cls, site, filters):
        base = searchable_pages(site)
        types = [content_types()[filters["type"]]] if "type" in filters else []
        if types:
            base = base.type(*types)
        if any(name in filters for name in FILTERED_BY_FIELDS):
            within = _page_ids(classified_page_models(), filters)
            return cls(base.filter(pk__in=within), base, within, _by_type(site, types, filters))
        if types:  # a type is a part of the site: its own table lists its pages
            return cls(base, base, _page_ids(types, {}))
        return cls(base, base)


def _backend_hits(scope, weighted_queries, limit=MAX_CANDIDATES):
    """(id, score) of the best matches of the `scope`'s pages, higher scores first.
    `weighted_queries`: (query, weight) pairs; a page's score is the sum of its weighted
    scores."""
    weighted_queries = [(query, weight) for query, weight in weighted_queries if query]
    if not weighted_queries:
        return []

    def search(backend):
        if bm25.serves(backend):
            rows = bm25.rank(scope.base, weighted_queries, limit, scope.within)
            return [Hit(*row) for row in rows]
        if isinstance(backend, ElasticsearchBaseSearchBackend):
            return _cluster_hits(backend, scope, weighted_queries, limit)
        sign = 1 if scores_descend(backend) else -1
        hits = []
        for query, weight in weighted_queries:
            results = backend.search(query, scope.pages.only("content_type_id"))
            found = [
                Hit(page.pk, sign * (page._score or 0.0), page.content_type_id)
                for page in results.annotate_score("_score")[:limit]
            ]
            hits = _merge(hits, found, weight)
        widest = weighted_queries[-1][0]  # the widened query, when there is one
        if isinstance(widest, query_analysis.Units):
            _by_share_of_units(backend, widest, scope.pages, hits)
        return hits

    return with_fallback(search)


def _by_share_of_units(backend, units, pages, hits):
    """Multiply each hit's score by the share of the query's units its page matches (a unit
    matched through a synonym counts), so that pages with all of the query's words rank above
    pages with some, as search/bm25.py ranks them on PostgreSQL and a cluster in
    `_cluster_hits`. SQLite's FTS5 scores the whole query at once, a unit's score unknown: each
    unit is searched again among the hits."""
    if len(units.subqueries) < 2 or not hits:
        return
    among = pages.filter(pk__in=[hit.page_id for hit in hits]).only("pk")
    matched = Counter()
    for unit in units.subqueries:
        found = backend.search(unit, among, order_by_relevance=False)  # no scores needed
        matched.update(page.pk for page in found)
    for hit in hits:
        hit.score *= matched[hit.page_id] / len(units.subqueries)


def _cluster_hits(backend, scope, weighted_queries, limit):
    """Hits from a cluster: the best of each page set, checked against the database (still
    live, public and of the types searched; the filters are the cluster's), which also gives
    each page's content type. The weighted queries go as one query whose parts the cluster
    adds up: one search per page set, and the best pages chosen by their total. As on the
    database backends, each total is multiplied by the share of the query's units the page
    matched, so that pages with all of the query's words rank above pages with some."""
    query = Or([Boost(query, weight) for query, weight in weighted_queries])
    typed = weighted_queries[0][0]
    units = len(typed.subqueries) if isinstance(typed, query_analysis.Units) else 0
    page_sets = scope.by_type if scope.by_type is not None else [scope.pages]
    found = {}
    for per_set in elasticsearch.best_scores(
        backend, [(query, pages) for pages in page_sets], limit
    ):
        for pk, (score, matched) in per_set.items():
            found[pk] = score * matched / units if units else score
    scores = dict(sorted(found.items(), key=lambda item: item[1], reverse=True)[:limit])
    if not scores:
        return []
    content_types = dict(
        scope.base.filter(pk__in=_among(scores)).values_list("pk", "content_type_id")
    )
    return [
        Hit(pk, score, content_types[pk]) for pk, score in scores.items() if pk in content_types
    ]


def word_finder(pages):
    """Whether a word (as the index holds it: stemmed) occurs in one of `pages`."""

    def finds(word):
        stem = analysis.stem(word)
        return with_fallback(
            lambda backend: (
                bm25.contains(pages, stem)
                if bm25.serves(backend)
                else bool(list(backend.search(PlainText(stem), pages)[:1]))
            )
        )

    return finds


def _find(scope, analysed, corrected=False):
    """Pages matching the query; a match through a synonym or one part of a compound counts
    for half."""
    weighted = [(analysed.backend_query(corrected=corrected, widened=False), 1.0)]
    if analysed.widens(corrected):
        weighted.append((analysed.backend_query(corrected=corrected), WIDENED_WEIGHT))
    return _backend_hits(scope, weighted)


def _merge(hits, more_hits, weight=1.0):
    """One hit per page; a page found both ways adds up its scores."""
    by_id = {hit.page_id: hit for hit in hits}
    for hit in more_hits:
        hit.score *= weight
        if hit.page_id in by_id:
            by_id[hit.page_id].score += hit.score
        else:
            by_id[hit.page_id] = hit
    return list(by_id.values())


def _among(ids):
    """A `pk__in` value for hundreds of ids: on PostgreSQL one array parameter, which costs
    far less to prepare and send than a parameter per id."""
    if connection.vendor == "postgresql":
        return RawSQL(*_sql_ids(ids))  # noqa: S611 - fixed SQL, the ids are a parameter
    return list(ids)


def _add_dates(hits):
    """Each hit's date (an event's start, else the publication date), in one query that looks
    each hit up in its own type's table only."""
    by_id = {hit.page_id: hit for hit in hits}
    ids_by_type = _ids_by_type(hits)
    selects = [
        model.objects.filter(pk__in=_among(ids))
        .values_list("pk", model.date_field, "publication_date")
        .order_by()
        for model in dated_page_models()
        if (ids := ids_by_type.get(ContentType.objects.get_for_model(model).pk))
    ]
    if not selects:
        return
    first, *others = selects
    for pk, date, published in first.union(*others, all=True):
        by_id[pk].date = date or published


def _ids_by_type(hits):
    """{content type id: [page id]} of the hits."""
    ids_by_type = {}
    for hit in hits:
        ids_by_type.setdefault(hit.content_type_id, []).append(hit.page_id)
    return ids_by_type


def _rank(hits, sort, titled=frozenset()):
    """Hits in the order shown: by date, or by score with a bonus for recent pages; pages in
    `titled` (their title is the query) first, theme pages before others."""
    if sort == "datum":
        return sorted(hits, key=lambda h: (h.date or datetime.date.min, h.page_id), reverse=True)
    today = timezone.localdate()
    theme_type = ContentType.objects.get_for_model(ThemePage).pk

    def ranked_score(hit):
        age_years = (today - hit.date).days / 365 if hit.date else RECENCY_YEARS
        freshness = max(0.0, 1 - max(age_years, 0) / RECENCY_YEARS)
        return hit.score * (1 + RECENCY_WEIGHT * freshness)

    def order(hit):
        title_is_query = hit.page_id in titled
        theme = title_is_query and hit.content_type_id == theme_type
        return (title_is_query, theme, ranked_score(hit), hit.page_id)

    return sorted(hits, key=order, reverse=True)


def _title_words(text):
    """The stems of a text's content words, for comparing a title with a query."""
    return frozenset(analysis.stem(word) for word in analysis.content_words(text))


def _says(title, wanted, stem):
    """Whether the stems of the title's content words are `wanted`; most titles of a search's
    hits are told apart by their first word or two, so the rest is not stemmed."""
    found = set()
    for word in analysis.content_words(title):
        stemmed = stem(word)
        if stemmed not in wanted:
            return False
        found.add(stemmed)
    return found == wanted


def _titled(hits, query_text):
    """Ids of the hits whose title says what the query says ("onderwijsregio" and the theme
    "Onderwijsregio's"), word order and inflection aside."""
    wanted = _title_words(query_text)
    if not wanted or not hits:
        return frozenset()
    titles = Page.objects.filter(pk__in=_among(hit.page_id for hit in hits)).values_list(
        "pk", "title"
    )
    stem = analysis.stemmer()
    return frozenset(pk for pk, title in titles if _says(title, wanted, stem))


def _facets(hits, form):
    content_type_counts = Counter(hit.content_type_id for hit in hits)
    facets = {
        "type": [
            (slug, type_label(model), count)
            for slug, model in content_types().items()
            if (count := content_type_counts[ContentType.objects.get_for_model(model).pk])
        ]
    }
    counts = _classification_counts(hits)
    for name, _ in CLASSIFICATIONS:
        labels = dict(form.fields[name].choices)
        facets[name] = [
            (slug, label, counts[name][slug])
            for slug, label in labels.items()
            if counts[name][slug]
        ]
    years = Counter(hit.date.year for hit in hits if hit.date)
    facets["jaar"] = [(str(year), str(year), years[year]) for year in sorted(years, reverse=True)]
    return facets


def _classification_counts(hits):
    """{facet: Counter(slug: pages)} of the hits' themes, sectors and regions, in one query: a
    count per type and classification, read from the relation's own table, over the ids of
    that type's hits only."""
    ids_by_type = _ids_by_type(hits)
    parts, params = [], []
    for model in classified_page_models():
        ids = ids_by_type.get(ContentType.objects.get_for_model(model).pk)
        if not ids:
            continue
        ids_sql, ids_params = _sql_ids(ids)
        for name, relation in CLASSIFICATIONS:
            parts.append(_count_by_slug(model._meta.get_field(relation)).format(ids=ids_sql))
            params += [name, *ids_params]
    counts = {name: Counter() for name, _ in CLASSIFICATIONS}
    if parts:
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), params)
            for name, slug, pages in cursor.fetchall():
                counts[name][slug] += pages
    return counts


@functools.cache
def _count_by_slug(relation):
    """SQL counting, per slug of the related items, the pages among `{ids}` that have it; its
    parameters: the facet's name, then those of the ids."""
    through = relation.remote_field.through._meta.db_table
    slug = relation.related_model._meta.get_field("slug")
    slugs = slug.model._meta  # where the slug is stored (`wagtailcore_page` for a theme)
    return (
        f"SELECT %s, s.{slug.column}, count(*) FROM {through} m"  # noqa: S608 - model names
        f" JOIN {slugs.db_table} s ON s.{slugs.pk.column} = m.{relation.m2m_reverse_name()}"
        f" WHERE m.{relation.m2m_column_name()} IN ({{ids}}) GROUP BY s.{slug.column}"
    )


def _sql_ids(ids):
    """(SQL, parameters) listing `ids` in raw SQL: on PostgreSQL one array parameter."""
    if connection.vendor == "postgresql":
        return "SELECT unnest(%s::integer[])", [list(ids)]
    return ", ".join(["%s"] * len(ids)), list(ids)


def _results(page_of_hits, terms, promoted_ids):
    pages = list(Page.objects.filter(pk__in=[hit.page_id for hit in page_of_hits]).specific())
    for model in classified_page_models():
        prefetch_related_objects([p for p in pages if isinstance(p, model)], "themes")
    read_document_lists([page for page in pages if isinstance(page, PublicationPage)])
    by_id = {page.pk: page for page in pages}
    decompounder = vocabulary.current().decompounder
    results = []
    for hit in page_of_hits:
        page = by_id.get(hit.page_id)
        if page is None:
            continue
        snippet, found_in = build_snippet(page, terms, decompounder)
        results.append(
            Result(
                page=page,
                type_label=type_label(type(page)),
                date=hit.date,
                snippet=snippet,
                found_in=found_in,
                promoted=hit.page_id in promoted_ids,
            )
        )
    return results


def _promotions(query_text, pages):
    """{page id: content type id} of the pages editors pinned for this query, in their order, if
    they are searchable."""
    if not query_text:
        return {}
    picks = (
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(query_text))
        .order_by("sort_order")
        .values_list("page_id", flat=True)
    )
    allowed = dict(pages.filter(pk__in=list(picks)).values_list("pk", "content_type_id"))
    return {pk: allowed[pk] for pk in picks if pk in allowed}


@dataclass
class Found:
    """What a query finds, before a page of it is shown; the same for every visitor."""

    ranked: list  # of Hit, promoted pages first
    promoted: set
    facets: dict
    terms: set  # the stems to highlight in snippets
    suggestion: str = ""
    corrected: bool = False
    ignored_words: list = field(default_factory=list)


def _found_key(form, site, version):
    """The cache key of a query's Found: its normalised text, valid filters and sort."""
    parts = [normalise_query_string(form.query), sorted(form.filters.items()), form.sort]
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    return f"search-found:{site.pk if site else 0}:{version}:{digest}"


def find(form: SearchForm, site: Site | None, version: str | None) -> tuple[Found, str | None]:
    """What the query of a valid form finds, and the key it is cached under (None: not
    cached). With a content `version` it is remembered, so that a query asked again (a popular
    one, the next results page) is not searched again; what the database index answers while
    the cluster is down is not remembered."""
    if version is None:
        return _search(form, site), None
    key = _found_key(form, site, version)
    found = cache.get(key)
    if found is None:
        found = _search(form, site)
        if cluster_down():
            return found, None
        cache.set(key, found, content_version.FRAGMENT_SECONDS)
    return found, key


def _search(form, site):
    pages = searchable_pages(site)
    analysed = query_analysis.analyse(
        form.query, vocabulary.current(), synonym_groups(), visible=word_finder(pages)
    )
    scope = Scope.for_search(site, form.filters)
    hits = _find(scope, analysed)
    corrected = False
    if analysed.suggestion:
        # A misspelled word is unknown to the site, so it matched nothing: the corrected query's
        # results are shown too, or instead when the query as typed found nothing at all.
        corrected_hits = _find(scope, analysed, corrected=True)
        corrected = bool(corrected_hits) and not hits
        hits = _merge(hits, corrected_hits)
    if form.sort != "datum":
        proximity.rescore(hits, analysed, corrected=bool(analysed.suggestion))
    _add_dates(hits)
    promoted = _promotions(form.query, scope.pages)
    titled = _titled(hits, form.query)
    organic = [hit for hit in _rank(hits, form.sort, titled) if hit.page_id not in promoted]
    pinned = [Hit(pk, math.inf, content_type) for pk, content_type in promoted.items()]
    _add_dates(pinned)
    ranked = pinned + organic
    return Found(
        ranked=ranked,
        promoted=set(promoted),
        facets=_facets(hits, form),
        terms=analysed.terms(),
        suggestion=analysed.suggestion,
        corrected=corrected,
        ignored_words=analysed.ignored_words,
    )


def run_search(
    params: Mapping[str, str],
    site: Site | None,
    page_number: int | str | None = None,
    version: str | None = None,
) -> Outcome:
    """The search page's outcome for `params`; `version` (core.content_version) lets repeated
    queries come from the cache."""
    form = build_form(params)
    outcome = Outcome(form=form, query=form.query)
    outcome.ignored_filters = [form.fields[name].label for name in form.errors if name != "q"]
    if not outcome.query:
        return outcome
    found, outcome.cache_key = find(form, site, version)
    outcome.ignored_words = found.ignored_words
    outcome.suggestion = found.suggestion
    outcome.corrected = found.corrected
    outcome.total = len(found.ranked)
    outcome.facets = found.facets
    paginator = Paginator(found.ranked, RESULTS_PER_PAGE)
    page = paginator.get_page(page_number)
    hits = page.object_list
    # Built when the list is shown: the search page shows it from the cache when it can.
    page.object_list = SimpleLazyObject(lambda: _results(hits, found.terms, found.promoted))
    outcome.results = page
    outcome.page_range = paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    return outcome
