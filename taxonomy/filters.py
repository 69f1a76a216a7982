"""The filter form of the listing pages: theme, sector, region, year and type from the URL."""

from core.filters import ClassificationFilterForm


class ListingFilterForm(ClassificationFilterForm):
    """Choices are the values that occur in the listing, so the form only offers filters that
    give results."""

    def __init__(self, data, *, themes, sectors, regions, years, types=None):
        super().__init__(
            data,
            themes=[(theme.slug, theme.title) for theme in themes],
            sectors=[(sector.slug, sector.name) for sector in sectors],
            regions=[(region.slug, region.name) for region in regions],
            years=years,
            types=None if types is None else list(types),
        )
