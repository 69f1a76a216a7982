"""The search log: one row per normalised query per day, without any personal data.

Imported from ``search/models.py`` so that Django registers the model. The logic that writes rows
lives in ``search/query_log.py``; the admin reports in ``search/views_reports.py``.
"""

from django.db import models

QUERY_MAX_LENGTH = 200


class SearchQueryDay(models.Model):
    """How often a normalised query was searched on one (Europe/Amsterdam) day.

    Holds no IP address, user, session or time of day: only the scrubbed query text, the date and
    counts. ``view_searchqueryday`` is the permission that opens the search reports in the admin.
    """

    query = models.CharField("zoekopdracht", max_length=QUERY_MAX_LENGTH)
    # Lookups by query use the (query, date) unique index; this one serves the reports' period
    # filter and pruning.
    date = models.DateField("datum", db_index=True)
    searches = models.PositiveIntegerField("aantal zoekopdrachten", default=0)
    zero_result_searches = models.PositiveIntegerField("aantal zonder resultaat", default=0)
    last_result_count = models.PositiveIntegerField(
        "laatste aantal resultaten",
        default=0,
        help_text="Het aantal resultaten bij de laatste zoekopdracht van die dag.",
    )

    class Meta:
        verbose_name = "zoekopdracht per dag"
        verbose_name_plural = "zoekopdrachten per dag"
        constraints = [
            models.UniqueConstraint(fields=["query", "date"], name="search_query_day_unique"),
        ]

    def __str__(self):
        return f"{self.query} ({self.date:%d-%m-%Y})"
