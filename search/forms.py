"""The search page's parameters: the query, facet filters, sort order and page number."""

from django import forms

from core.filters import ClassificationFilterForm

SORT_CHOICES = [("relevantie", "Relevantie"), ("datum", "Datum (nieuwste eerst)")]
MAX_QUERY_LENGTH = 200


class SearchForm(ClassificationFilterForm):
    """Every parameter is optional and validated; a bad value is dropped, never an error."""

    q = forms.CharField(label="Zoeken", required=False)
    sortering = forms.ChoiceField(label="Sorteren op", required=False, choices=SORT_CHOICES)
    field_order = ["q", "type", "thema", "sector", "regio", "jaar", "sortering"]
    all_types_label = "Alles"

    def clean_q(self):
        text = self.cleaned_data["q"].replace("\x00", " ")
        text = "".join(char for char in text if char.isprintable() or char.isspace())
        return " ".join(text.split())[:MAX_QUERY_LENGTH]

    @property
    def query(self):
        self.is_valid()
        return self.cleaned_data.get("q", "")

    @property
    def filters(self):
        return self.active_filters()

    @property
    def sort(self):
        self.is_valid()
        return self.cleaned_data.get("sortering") or "relevantie"
