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
