from urllib.parse import urlencode

from django.http import JsonResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from wagtail.models import Site

from core import content_version
from core.json_api import json_api

from . import analysis, no_results, popular
from .fallback import with_fallback
from .query import MAX_WORDS
from .query_log import log_search
from .service import run_search, searchable_pages


@never_cache
def search(request):
    """The search page: results, facets and suggestions; works without JavaScript."""
    outcome = run_search(
        request.GET,
        Site.find_for_request(request),
        request.GET.get("pagina"),
        version=content_version.for_request(request),
    )
    if outcome.query and outcome.results is not None and outcome.results.number == 1:
        log_search(outcome.query, 0 if outcome.corrected else outcome.total)
    active = active_filters(request.GET, outcome.form)
    context = {
        "search": outcome,
        "query": outcome.query,
        "facets": facet_links(request.GET, outcome),
        "active_filters": active,
        "clear_filters_url": without_filters(request.GET) if active else "",
        "max_words": MAX_WORDS,
    }
    if outcome.query and not outcome.total:
        context["instead"] = alternatives(request, outcome, bool(active))
    return render(request, "search/search.html", context)


POPULAR_SEARCHES_SHOWN = 5


def alternatives(request, outcome, filtered):
    """What a search that found nothing offers: each with its URL, and a search with the
    number of results it has (only offered when it has some)."""
    site = Site.find_for_request(request)
    version = content_version.for_request(request)
    offers = {}
    corrected = no_results.correction(outcome, site)
    if corrected and corrected != outcome.query:
        url = changed(request.GET, q=corrected)
        if total := no_results.count(QueryDict(url[1:]), site, version):
            offers["suggestion"] = {"query": corrected, "url": url, "total": total}
    if filtered:
        url = without_filters(request.GET)
        if total := no_results.count(QueryDict(url[1:]), site, version):
            offers["unfiltered"] = {"url": url, "total": total}
    offers["themes"] = popular.themes(site, version)
    offers["searches"] = [
        {"query": text, "url": f"?{urlencode({'q': text})}"}
        for text in popular.searches(site, version)[:POPULAR_SEARCHES_SHOWN]
        if text != outcome.query.lower()
    ]
    return offers


FACET_LABELS = {"type": "Soort", "thema": "Thema", "sector": "Sector", "regio": "Regio",
                "jaar": "Jaar"}  # fmt: skip


def changed(params, **values):
    """The URL of this search on its first results page with `values` set (None: left out)."""
    query = params.copy()
    query.pop("pagina", None)
    for name, value in values.items():
        if value is None:
            query.pop(name, None)
        else:
            query[name] = value
    return f"?{query.urlencode()}"


def without_filters(params):
    """The URL of the same search (query and sort order) without any filter."""
    return changed(params, **dict.fromkeys(FACET_LABELS))


def active_filters(params, form):
    """The filters in use, each with its name, its value's label and the URL without it."""
    chips = []
    for name, value in form.filters.items():
        value_label = dict(form.fields[name].choices).get(str(value), str(value))
        chips.append({"label": FACET_LABELS[name], "value": value_label,
                      "url": changed(params, **{name: None})})  # fmt: skip
    return chips


def facet_links(params, outcome):
    """Each facet's options with their count and the URL that applies (or removes) them."""
    active = {name: str(value) for name, value in outcome.form.filters.items()}
    facets = []
    for name, label in FACET_LABELS.items():
        options = []
        for value, option_label, count in outcome.facets.get(name, []):
            is_active = active.get(name) == value
            options.append(
                {"label": option_label, "count": count, "active": is_active,
                 "url": changed(params, **{name: None if is_active else value})}
            )  # fmt: skip
        if options:
            facets.append({"name": name, "label": label, "options": options})
    return facets


@never_cache
@json_api
def search_api(request):
    """The same search as JSON: total, results in rank order, and facets with counts."""
    outcome = run_search(
        request.GET,
        Site.find_for_request(request),
        request.GET.get("pagina"),
        version=content_version.for_request(request),
    )
    results = outcome.results.object_list if outcome.results is not None else []
    return JsonResponse(
        {
            "query": outcome.query,
            "total": outcome.total,
            "page": outcome.results.number if outcome.results is not None else 1,
            "suggestion": outcome.suggestion,
            "corrected": outcome.corrected,
            "results": [
                {
                    "title": result.page.title,
                    "url": result.page.get_url(request=request),
                    "type": result.type_label,
                    "date": result.date.isoformat() if result.date else None,
                    "snippet": str(result.snippet),
                    "found_in": result.found_in,
                    "promoted": result.promoted,
                }
                for result in results
            ],
            "facets": {
                name: [{"value": v, "label": label, "count": n} for v, label, n in values]
                for name, values in outcome.facets.items()
            },
            "ignored_filters": outcome.ignored_filters,
            "ignored_words": outcome.ignored_words,
        },
        json_dumps_params={"ensure_ascii": False},
    )


MAX_SUGGESTIONS = 8
MAX_SEARCH_SUGGESTIONS = 3


@never_cache
@json_api
def suggestions(request):
    """For the search box's autocomplete: popular searches that start like the query (kind
    "search", a link that runs it), then pages whose title starts like it (kind "page", a link
    to the page)."""
    # Only letters and digits reach the index: quotes and operators mean nothing here.
    text = " ".join(analysis.words(request.GET.get("q", "")[:100]))
    if len(text) < 2:
        return JsonResponse({"suggestions": []})
    site = Site.find_for_request(request)
    searches = [
        {
            "kind": "search",
            "title": query,
            "url": f"{reverse('search:search')}?{urlencode({'q': query})}",
        }
        for query in popular.searches(site, content_version.for_request(request))
        if " ".join(analysis.words(query)).startswith(text)
    ][:MAX_SEARCH_SUGGESTIONS]
    pages = searchable_pages(site)
    found = with_fallback(lambda backend: list(backend.autocomplete(text, pages)[:MAX_SUGGESTIONS]))
    return JsonResponse(
        {
            "suggestions": [
                *searches,
                *(
                    {"kind": "page", "title": p.title, "url": p.get_url(request=request)}
                    for p in found
                ),
            ]
        },
        json_dumps_params={"ensure_ascii": False},
    )
