"""Admin reports on the search log: popular queries and queries without results (content gaps).

Both are Wagtail ``ReportView``s over ``SearchQueryDay`` rows aggregated per query for a period
(the last 7, 30 or 365 days, 30 by default), with CSV/XLSX export. They open for superusers and for
users with the ``search.view_searchqueryday`` permission (assignable to a group in the admin).
"""

import datetime

from django import forms
from django.db.models import IntegerField, Max, OuterRef, Subquery, Sum
from django.utils.functional import cached_property

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, NumberColumn
from wagtail.admin.views.reports import ReportView

import django_filters

from .models import SearchQueryDay
from .query_log import log_date

PERIOD_CHOICES = [
    ("7", "Afgelopen 7 dagen"),
    ("30", "Afgelopen 30 dagen"),
    ("365", "Afgelopen 365 dagen"),
]
DEFAULT_PERIOD = "30"
PERIOD_PARAM = "periode"


def period_start(days, today=None):
    """The first day of a period of ``days`` days that ends today (Europe/Amsterdam)."""
    return (today or log_date()) - datetime.timedelta(days=days - 1)


def csv_safe(value):
    """Keep spreadsheet programs from reading visitor-typed text in a CSV cell as a formula."""
    value = str(value)
    if value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


class PeriodFilterSet(WagtailFilterSet):
    periode = django_filters.ChoiceFilter(
        label="Periode",
        choices=PERIOD_CHOICES,
        empty_label=None,
        initial=DEFAULT_PERIOD,
        widget=forms.RadioSelect,
        method="filter_period",
    )

    class Meta:
        model = SearchQueryDay
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        # A missing or unknown period means the default one, so that the report always covers
        # a known period (an invalid filter form would otherwise disable filtering altogether).
        if data is not None and data.get(PERIOD_PARAM) not in dict(PERIOD_CHOICES):
            data = data.copy()
            data[PERIOD_PARAM] = DEFAULT_PERIOD
        super().__init__(data, *args, **kwargs)

    def filter_period(self, queryset, name, value):
        return queryset.filter(date__gte=period_start(int(value)))


class SearchQueryReportView(ReportView):
    """Shared base: the log rows of the period, summed per query."""

    model = SearchQueryDay  # also picks the permission policy: "view" = search.view_searchqueryday
    permission_required = "view"
    results_template_name = "search/reports/search_query_report_results.html"
    header_icon = "search"
    filterset_class = PeriodFilterSet
    is_searchable = True
    search_fields = ["query"]
    default_ordering = "-total_searches"
    description = ""
    no_results_message = "Er zijn geen zoekopdrachten in deze periode."
    export_headings = {
        "query": "Zoekopdracht",
        "total_searches": "Aantal zoekopdrachten",
        "total_zero_result_searches": "Aantal zonder resultaat",
        "latest_result_count": "Laatste aantal resultaten",
        "last_searched": "Laatst gezocht op",
    }
    custom_field_preprocess = {
        "query": {ReportView.FORMAT_CSV: csv_safe},
    }

    @cached_property
    def period_days(self):
        if self.filters and self.filters.is_valid():
            return int(self.filters.form.cleaned_data[PERIOD_PARAM])
        return int(DEFAULT_PERIOD)

    def get_base_queryset(self):
        latest_result_count = (
            SearchQueryDay.objects.filter(query=OuterRef("query"))
            .order_by("-date")
            .values("last_result_count")[:1]
        )
        return (
            self.filter_queryset(SearchQueryDay.objects.all())
            .values("query")
            .annotate(
                total_searches=Sum("searches"),
                total_zero_result_searches=Sum("zero_result_searches"),
                last_searched=Max("date"),
                latest_result_count=Subquery(latest_result_count, output_field=IntegerField()),
            )
        )

    def get_queryset(self):
        # The period filter applies to the log rows before they are summed per query, so it runs
        # in get_base_queryset; the search box filters the summed rows.
        return self.search_queryset(self.order_queryset(self.get_base_queryset()))

    def order_queryset(self, queryset):
        return queryset.order_by(self.ordering, "query")  # the query text breaks ties

    def get_filename(self):
        return f"{self.export_filename}-{self.period_days}-dagen-{log_date():%Y-%m-%d}"

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["description"] = self.description
        context["period_days"] = self.period_days
        context["period_start"] = period_start(self.period_days)
        context["period_end"] = log_date()
        return context


class PopularSearchQueriesView(SearchQueryReportView):
    page_title = "Populaire zoekopdrachten"
    description = (
        "Hoe vaak bezoekers op iets zochten, en hoe vaak dat niets opleverde. "
        "Zoekopdrachten worden zonder persoonsgegevens opgeslagen."
    )
    index_url_name = "search_reports:popular_queries"
    index_results_url_name = "search_reports:popular_queries_results"
    default_ordering = "-total_searches"
    export_filename = "populaire-zoekopdrachten"
    columns = [
        Column("query", label="Zoekopdracht", sort_key="query"),
        NumberColumn("total_searches", label="Aantal zoekopdrachten", sort_key="total_searches"),
        NumberColumn(
            "total_zero_result_searches",
            label="Zonder resultaat",
            sort_key="total_zero_result_searches",
        ),
        NumberColumn("latest_result_count", label="Laatste aantal resultaten"),
        Column("last_searched", label="Laatst gezocht op", sort_key="last_searched"),
    ]
    list_export = [
        "query",
        "total_searches",
        "total_zero_result_searches",
        "latest_result_count",
        "last_searched",
    ]


class ZeroResultSearchQueriesView(SearchQueryReportView):
    page_title = "Zoekopdrachten zonder resultaat"
    description = (
        "Zoekopdrachten die bij de laatste keer zoeken niets vonden, de vaakst gezochte eerst: "
        "onderwerpen waarover bezoekers informatie missen. Een zoekopdracht verdwijnt uit deze "
        "lijst zodra ze weer resultaten oplevert."
    )
    header_icon = "warning"
    index_url_name = "search_reports:zero_result_queries"
    index_results_url_name = "search_reports:zero_result_queries_results"
    default_ordering = "-total_zero_result_searches"
    export_filename = "zoekopdrachten-zonder-resultaat"
    no_results_message = "Er zijn geen zoekopdrachten zonder resultaat in deze periode."
    columns = [
        Column("query", label="Zoekopdracht", sort_key="query"),
        NumberColumn(
            "total_zero_result_searches",
            label="Aantal zonder resultaat",
            sort_key="total_zero_result_searches",
        ),
        NumberColumn("total_searches", label="Aantal zoekopdrachten", sort_key="total_searches"),
        Column("last_searched", label="Laatst gezocht op", sort_key="last_searched"),
    ]
    list_export = ["query", "total_zero_result_searches", "total_searches", "last_searched"]

    def get_base_queryset(self):
        return super().get_base_queryset().filter(latest_result_count=0)
