"""The search page's parameters: the query, facet filters, sort order and page number."""

from django import forms

SORT_CHOICES = [("relevantie", "Relevantie"), ("datum", "Datum (nieuwste eerst)")]
MAX_QUERY_LENGTH = 200


class SearchForm(forms.Form):
    """Every parameter is optional and validated; a bad value is dropped, never an error."""

    q = forms.CharField(label="Zoeken", required=False)
    type = forms.ChoiceField(label="Soort", required=False)
    thema = forms.ChoiceField(label="Thema", required=False)
    sector = forms.ChoiceField(label="Sector", required=False)
    regio = forms.ChoiceField(label="Regio", required=False)
    jaar = forms.TypedChoiceField(label="Jaar", required=False, coerce=int, empty_value=None)
    sortering = forms.ChoiceField(label="Sorteren op", required=False, choices=SORT_CHOICES)

    def __init__(self, data, *, types, themes, sectors, regions, years):
        super().__init__(data)
        self.fields["type"].choices = [("", "Alles"), *types]
        self.fields["thema"].choices = [("", "Alle thema's"), *themes]
        self.fields["sector"].choices = [("", "Alle sectoren"), *sectors]
        self.fields["regio"].choices = [("", "Alle regio's"), *regions]
        self.fields["jaar"].choices = [("", "Alle jaren"), *((str(y), str(y)) for y in years)]

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
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in ("q", "sortering") and value not in (None, "")
        }

    @property
    def sort(self):
        self.is_valid()
        return self.cleaned_data.get("sortering") or "relevantie"
