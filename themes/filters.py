"""The filter form of the listing pages: theme, sector, region, year and type from the URL."""

from django import forms


class ListingFilterForm(forms.Form):
    """Validates filter values from `request.GET`; an invalid value is dropped, never an error page.

    Choices are the values that occur in the listing, so the form only offers filters that give
    results.
    """

    thema = forms.ChoiceField(label="Thema", required=False)
    sector = forms.ChoiceField(label="Sector", required=False)
    regio = forms.ChoiceField(label="Regio", required=False)
    jaar = forms.TypedChoiceField(label="Jaar", required=False, coerce=int, empty_value=None)
    type = forms.ChoiceField(label="Soort", required=False)

    def __init__(self, data, *, themes, sectors, regions, years, types=None):
        super().__init__(data)
        self.fields["thema"].choices = self._with_all(
            [(theme.slug, theme.title) for theme in themes], "Alle thema's"
        )
        self.fields["sector"].choices = self._with_all(
            [(sector.slug, sector.name) for sector in sectors], "Alle sectoren"
        )
        self.fields["regio"].choices = self._with_all(
            [(region.slug, region.name) for region in regions], "Alle regio's"
        )
        self.fields["jaar"].choices = self._with_all(
            [(str(year), str(year)) for year in years], "Alle jaren"
        )
        if types is None:
            del self.fields["type"]
        else:
            self.fields["type"].choices = self._with_all(list(types), "Alle soorten")

    @staticmethod
    def _with_all(choices, label):
        return [("", label), *choices]

    def active_filters(self):
        """The valid filter values, as {field name: value}; invalid ones are left out."""
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in self.errors and value not in (None, "")
        }

    def ignored_filters(self):
        """Labels of the filters whose value was not valid and so was ignored."""
        self.is_valid()
        return [self.fields[name].label for name in self.errors]
