"""The classification filters that listings and search both take from the URL: theme, sector,
region, year and (where it applies) type."""

from django import forms

FILTERS = ("thema", "sector", "regio", "jaar", "type")


class ClassificationFilterForm(forms.Form):
    """Validates filter values; an invalid value is dropped with a notice, never an error page.

    Choices are (value, label) pairs; each list starts with an "all" option. Without `types` the
    type filter is left out.
    """

    thema = forms.ChoiceField(label="Thema", required=False)
    sector = forms.ChoiceField(label="Sector", required=False)
    regio = forms.ChoiceField(label="Regio", required=False)
    jaar = forms.TypedChoiceField(label="Jaar", required=False, coerce=int, empty_value=None)
    type = forms.ChoiceField(label="Soort", required=False)
    all_types_label = "Alle soorten"

    def __init__(self, data, *, themes, sectors, regions, years, types=None):
        super().__init__(data)
        years = [(str(year), str(year)) for year in years]
        for name, choices, all_label in (
            ("thema", themes, "Alle thema's"),
            ("sector", sectors, "Alle sectoren"),
            ("regio", regions, "Alle regio's"),
            ("jaar", years, "Alle jaren"),
        ):
            self.fields[name].choices = [("", all_label), *choices]
        if types is None:
            del self.fields["type"]
        else:
            self.fields["type"].choices = [("", self.all_types_label), *types]

    def active_filters(self) -> dict[str, str | int]:
        """The valid filter values, as {field name: value}; invalid ones are left out."""
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name in FILTERS and name not in self.errors and value not in (None, "")
        }

    def ignored_filters(self) -> list[str]:
        """Labels of the filters whose value was not valid and so was ignored."""
        self.is_valid()
        return [self.fields[name].label for name in self.errors if name in FILTERS]
