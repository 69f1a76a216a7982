"""The classification filters that listings and search both take from the URL: theme, sector,
region, year and (where it applies) type."""

from django import forms

from . import widget_html

FILTERS = ("thema", "sector", "regio", "jaar", "type")


class CountedSelect(forms.Select):
    """A select whose options can show how many pages each would list ("VO (12)").

    With `counts` set ({value: pages}), an option that would list nothing says "(0)" and is
    disabled, unless it is the chosen one: a disabled option is not sent with the form, and the
    visitor's choice must not drop out unnoticed.

    Written without Django's widget templates (core.widget_html), as the filter forms of
    listings and search have no option groups.
    """

    counts = None

    def render(self, name, value, attrs=None, renderer=None):
        return widget_html.select(self.get_context(name, value, attrs))

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if self.counts is not None and value not in ("", None):
            pages = self.counts.get(str(value), 0)
            option["label"] = f"{label} ({pages})"
            if not pages and not selected:
                option["attrs"]["disabled"] = True
        return option


class ClassificationFilterForm(forms.Form):
    """Validates filter values; an invalid value is dropped with a notice, never an error page.

    Choices are (value, label) pairs; each list starts with an "all" option. Without `types` the
    type filter is left out.
    """

    thema = forms.ChoiceField(label="Thema", required=False, widget=CountedSelect)
    sector = forms.ChoiceField(label="Sector", required=False, widget=CountedSelect)
    regio = forms.ChoiceField(label="Regio", required=False, widget=CountedSelect)
    jaar = forms.TypedChoiceField(
        label="Jaar", required=False, coerce=int, empty_value=None, widget=CountedSelect
    )
    type = forms.ChoiceField(label="Soort", required=False, widget=CountedSelect)
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

    def show_counts(self, counts: dict[str, dict[str, int]]) -> None:
        """Show, per filter, how many pages each value would list: {filter: {value: pages}}."""
        for name, field in self.fields.items():
            if name in counts:
                field.widget.counts = counts[name]

    def chosen_labels(self) -> list[tuple[str, str, str]]:
        """(filter name, filter label, chosen value's label) of each valid filter set."""
        return [
            (name, self.fields[name].label, dict(self.fields[name].choices).get(value, value))
            for name, value in ((name, str(value)) for name, value in self.active_filters().items())
        ]
