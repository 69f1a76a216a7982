"""Admin wiring for the search log reports (search/views_reports.py).

Two items in the "Rapporten" menu, their URLs, and the ``search.view_searchqueryday`` permission
offered on the group edit screen so that editors can be given access to the reports.
"""

from django.contrib.auth.models import Permission
from django.urls import include, path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SynonymGroup
from .views_reports import PopularSearchQueriesView, ZeroResultSearchQueriesView

REPORT_PERMISSION = "search.view_searchqueryday"

report_urlpatterns = [
    path("popular/", PopularSearchQueriesView.as_view(), name="popular_queries"),
    path(
        "popular/results/",
        PopularSearchQueriesView.as_view(results_only=True),
        name="popular_queries_results",
    ),
    path("zero-results/", ZeroResultSearchQueriesView.as_view(), name="zero_result_queries"),
    path(
        "zero-results/results/",
        ZeroResultSearchQueriesView.as_view(results_only=True),
        name="zero_result_queries_results",
    ),
]


class SearchReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(REPORT_PERMISSION)


@hooks.register("register_admin_urls")
def register_search_report_urls():
    return [
        path(
            "reports/search-queries/",
            include((report_urlpatterns, "search_reports"), namespace="search_reports"),
        )
    ]


@hooks.register("register_reports_menu_item")
def register_popular_search_queries_menu_item():
    return SearchReportMenuItem(
        "Populaire zoekopdrachten",
        reverse("search_reports:popular_queries"),
        name="popular-search-queries",
        icon_name="search",
        order=1310,
    )


@hooks.register("register_reports_menu_item")
def register_zero_result_search_queries_menu_item():
    return SearchReportMenuItem(
        "Zoekopdrachten zonder resultaat",
        reverse("search_reports:zero_result_queries"),
        name="zero-result-search-queries",
        icon_name="warning",
        order=1320,
    )


@hooks.register("register_permissions")
def register_search_report_permission():
    app_label, codename = REPORT_PERMISSION.split(".")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename)


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "list-ul"
    menu_label = "Synoniemen"
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["__str__"]
    search_fields = ["terms"]


register_snippet(SynonymGroupViewSet)


@hooks.register("construct_reports_menu")
def hide_wagtails_search_terms_report(request, menu_items):
    """Wagtail's own "Search terms" report counts queries only where code calls
    `Query.add_hit()`; the site's search log (the two reports above) replaces it."""
    menu_items[:] = [item for item in menu_items if item.name != "search-terms"]
