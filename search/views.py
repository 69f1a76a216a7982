from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page, Site

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


@never_cache
def search(request):
    """Search every live, public page of the current site."""
    query = " ".join(request.GET.get("q", "").replace("\x00", " ").split())[:MAX_QUERY_LENGTH]
    results = page_range = None
    if query:
        pages = Page.objects.live().public()
        site = Site.find_for_request(request)
        if site is not None:
            pages = pages.in_site(site)
        pages = pages.specific().search(query)
        paginator = Paginator(pages, RESULTS_PER_PAGE)
        results = paginator.get_page(request.GET.get("pagina"))
        page_range = paginator.get_elided_page_range(results.number, on_each_side=2, on_ends=1)
        if results.number == 1:
            Query.get(query).add_hit()
    return render(
        request,
        "search/search.html",
        {"query": query, "results": results, "page_range": page_range},
    )
