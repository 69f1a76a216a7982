from django.core.exceptions import ValidationError
from django.db import models

# --- Extracted document text ---------------------------------------------------------------------


class DocumentText(models.Model):
    """The text of a document's file, kept so that a file is read once per version (its hash)."""

    document = models.OneToOneField(
        "wagtaildocs.Document",
        verbose_name="document",
        on_delete=models.CASCADE,
        related_name="extracted_text",
    )
    file_hash = models.CharField("bestandshash", max_length=40)
    text = models.TextField("tekst", blank=True)
    extracted_at = models.DateTimeField("uitgelezen op", auto_now=True)
    error = models.CharField(
        "fout", max_length=255, blank=True, help_text="Waarom er geen tekst uit het bestand kwam."
    )

    class Meta:
        verbose_name = "documenttekst"
        verbose_name_plural = "documentteksten"

    def __str__(self):
        return str(self.document)


# --- Vocabulary and synonyms ---------------------------------------------------------------------


class SearchTerm(models.Model):
    """A word used on the site, with the number of live pages that use it (see vocabulary.py)."""

    term = models.CharField("woord", max_length=100, unique=True)
    frequency = models.PositiveIntegerField("aantal pagina's", default=0)

    class Meta:
        verbose_name = "zoekwoord"
        verbose_name_plural = "zoekwoorden"

    def __str__(self):
        return self.term


class SynonymGroup(models.Model):
    """Words and phrases that mean the same to a searcher: searching one also finds the others."""

    shown_on_pages = True  # its changes refresh cached search results (core.content_version)

    terms = models.TextField(
        "woorden",
        help_text=(
            "Woorden of woordgroepen met dezelfde betekenis, gescheiden door komma's, "
            "bijvoorbeeld: po, primair onderwijs, basisonderwijs"
        ),
    )

    panels = ["terms"]

    class Meta:
        verbose_name = "synoniemen"
        verbose_name_plural = "synoniemen"

    def __str__(self):
        return ", ".join(self.term_list)

    @property
    def term_list(self):
        return [term.strip() for term in self.terms.split(",") if term.strip()]

    def clean(self):
        if len(self.term_list) < 2:
            raise ValidationError(
                {"terms": "Vul minstens twee woorden in, gescheiden door komma's."}
            )


# --- Search log (no personal data: see query_log.py) -----------------------------------------

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
