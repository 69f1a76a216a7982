"""How content is classified (sectors, regions, themes and tags), and the pages built on it:
`ClassifiedPage`, the base of every classified content type, and `ListingPage`, the filterable
index of one such type."""

import hashlib
from collections import defaultdict
from urllib.parse import urlencode

from django import forms
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import models
from django.db.models import F
from django.db.models.functions import ExtractYear
from django.utils.functional import SimpleLazyObject

from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from core import content_version
from core.filters import FILTERS, ClassificationFilterForm
from core.models import BasePage, IndexPage
from themes.models import ThemePage

from .facets import FacetIndex, IdList, as_bits, ids_of
from .forms import ClassifiedPageForm
from .querysets import ClassifiedPageManager, prefetch_card_data
from .region_map import SIZE as MAP_SIZE
from .region_map import region_map

# {slug: name} of every region in order, for the region map: read once per content version.
_map_regions = content_version.ProcessMemory()

TAGS_HELP_TEXT = (
    "Vrije trefwoorden, gescheiden door komma's; op de site linken ze naar een zoekopdracht. "
    "Gebruik ze naast, niet in plaats van, thema's, sectoren en regio's."
)


class CheckboxColumns(forms.CheckboxSelectMultiple):
    """Checkboxes in columns instead of one long list (static/taxonomy/admin.css)."""

    def __init__(self, attrs=None, choices=()):
        super().__init__(attrs, choices)
        self.attrs.setdefault("class", "checkbox-columns")


class Sector(models.Model):
    shown_on_pages = True  # its changes refresh cached fragments (core.content_version)
    name = models.CharField("naam", max_length=100, unique=True)
    abbreviation = models.CharField("afkorting", max_length=20, unique=True)
    slug = models.SlugField("slug", unique=True)
    sort_order = models.PositiveSmallIntegerField("volgorde", default=0)

    class Meta:
        db_table = "themes_sector"  # made by the themes app, which held this model before
        ordering = ["sort_order", "name"]
        verbose_name = "sector"
        verbose_name_plural = "sectoren"

    def __str__(self):
        return self.label

    @classmethod
    def choices(cls, sectors=None):
        """(slug, label) of `sectors` (default: all), for filters."""
        sectors = cls.objects.all() if sectors is None else sectors
        return [
            (sector.slug, sector.label) for sector in sectors.only("slug", "name", "abbreviation")
        ]

    @property
    def label(self):
        """The name editors and visitors see: "Voortgezet onderwijs (VO)"."""
        if not self.abbreviation or self.abbreviation.lower() == self.name.lower():
            return self.name
        return f"{self.name} ({self.abbreviation})"


class Region(models.Model):
    shown_on_pages = True  # its changes refresh cached fragments (core.content_version)
    name = models.CharField("naam", max_length=100, unique=True)
    slug = models.SlugField("slug", unique=True)
    sort_order = models.PositiveSmallIntegerField("volgorde", default=0)

    class Meta:
        db_table = "themes_region"
        ordering = ["sort_order", "name"]
        verbose_name = "regio"
        verbose_name_plural = "regio's"

    def __str__(self):
        return self.name


class ClassifiedPage(BasePage):
    """A content page classified by themes, sectors, regions and tags.

    The classification drives the listings, the theme pages and search. Concrete subclasses add
    `tags = ClusterTaggableManager(through=...)` with their own through model.
    """

    # A theme is required in the editor (ClassifiedPageForm); imported pages may lack one.
    themes = ParentalManyToManyField(
        ThemePage,
        verbose_name="thema's",
        related_name="+",
        help_text=(
            "Verplicht: kies ten minste één thema. De pagina verschijnt op de gekozen "
            "themapagina's en wordt gevonden met de themafilters."
        ),
    )
    sectors = ParentalManyToManyField(
        Sector,
        verbose_name="sectoren",
        blank=True,
        related_name="+",
        help_text=(
            "De onderwijssectoren waarover de pagina gaat; bezoekers filteren overzichten "
            "hierop. Laat leeg als de pagina voor alle sectoren geldt."
        ),
    )
    regions = ParentalManyToManyField(
        Region,
        verbose_name="regio's",
        blank=True,
        related_name="+",
        help_text=(
            "De regio's waarover de pagina gaat, zodat besturen voorbeelden uit hun eigen regio "
            "vinden. Laat leeg als de pagina landelijk is."
        ),
    )
    related_pages = StreamField(
        [("page", blocks.PageChooserBlock(label="Pagina"))],
        verbose_name="gerelateerde pagina's",
        blank=True,
        max_num=6,
        help_text=(
            "Maximaal zes pagina's onder 'Lees ook'. Kiest u er minder dan drie, dan vult de "
            "site aan met de nieuwste pagina's van hetzelfde soort over hetzelfde thema."
        ),
    )

    objects = ClassifiedPageManager()

    is_classified = True
    # Many-to-many fields that a card of this type shows under its title ("Regio: Groningen"),
    # prefetched with the card data (`with_card_data`).
    card_relations = ()

    base_form_class = ClassifiedPageForm
    classification_panel = MultiFieldPanel(
        [
            # A draft may be saved without a theme; publishing needs one.
            FieldPanel("themes", widget=CheckboxColumns, required_on_save=False),
            FieldPanel("sectors", widget=CheckboxColumns),
            FieldPanel("regions", widget=CheckboxColumns),
            FieldPanel("tags", help_text=TAGS_HELP_TEXT),
        ],
        heading="Classificatie",
        help_text=(
            "Thema's, sectoren en regio's bepalen waar de pagina verschijnt: op themapagina's, "
            "in de filters van de overzichten, in de zoekfilters en in de nieuwsbrief."
        ),
    )
    content_panels = [*BasePage.content_panels, classification_panel, "related_pages"]
    search_fields = [
        *BasePage.search_fields,
        # The slugs are filters on a search cluster (search/service.py, `Scope`).
        index.RelatedFields("themes", [index.SearchField("title"), index.FilterField("slug")]),
        index.RelatedFields(
            "sectors",
            [
                index.SearchField("name"),
                index.SearchField("abbreviation"),
                index.FilterField("slug"),
            ],
        ),
        index.RelatedFields("regions", [index.SearchField("name"), index.FilterField("slug")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    class Meta:
        abstract = True

    @staticmethod
    def listing_order_index(name):
        """The index of the listing order (newest first): a listing, a theme page's section and
        the feeds read the first rows of it instead of sorting every page of the type. Each
        type names it in its Meta (`indexes = [ClassifiedPage.listing_order_index("video")]`),
        as an index name must be unique."""
        return models.Index(fields=["-publication_date", "-page_ptr"], name=f"{name}_listing_order")

    @classmethod
    def get_indexed_objects(cls):
        """The pages to index, with the objects of their related search fields. modelsearch
        prefetches those itself, except through a ParentalManyToManyField (themes, sectors,
        regions, an event's speakers): without this, indexing costs a query per page and
        field, most of `update_index` on a large site."""
        parental = [
            field.field_name
            for field in cls.get_search_fields()
            if isinstance(field, index.RelatedFields)
            and isinstance(cls._meta.get_field(field.field_name), ParentalManyToManyField)
        ]
        return super().get_indexed_objects().prefetch_related(*parental)

    @classmethod
    def theme_items(cls, theme):
        """The pages of this type a theme page lists, most relevant first."""
        return cls.objects.listing().filter(themes=theme)

    @classmethod
    def index_page(cls):
        """The live index page that lists this type, or None."""
        index_model = cls.allowed_parent_page_models()[0]
        return index_model.objects.live().first()

    def related_content(self, limit=3):
        """Editors' chosen pages first, then the newest of this type sharing a theme."""
        chosen = [
            block.value.specific
            for block in self.related_pages
            if block.value and block.value.live and block.value.pk != self.pk
        ]
        prefetch_card_data(chosen)
        missing = limit - len(chosen)
        if missing > 0:
            theme_ids = [theme.pk for theme in self.themes.all()]
            if theme_ids:
                chosen += list(
                    type(self)
                    .objects.listing()
                    .filter(themes__in=theme_ids)
                    .exclude(pk__in=[self.pk, *(page.pk for page in chosen)])
                    .distinct()[:missing]
                )
        return chosen[:limit]


# The filters whose values a classified page has through a relation: (relation, model).
RELATION_FILTERS = {
    "thema": ("themes", ThemePage),
    "sector": ("sectors", Sector),
    "regio": ("regions", Region),
}


class ListingPage(IndexPage):
    """An index of one classified page type, filterable by theme, sector, region, year and type.

    Filters come from the URL (`?thema=krimp&regio=groningen&jaar=2026&pagina=2`), combine, and
    are validated by `ClassificationFilterForm`: a value that is not valid is ignored with a notice.
    """

    per_page = 12
    # A filtered listing of at most this many pages is read by the ids its facet index gives.
    few_listed = 1000
    template = "taxonomy/listing_page.html"
    shows_region_map = False  # a map of the provinces with the number of pages in each
    empty_text = ""  # shown when the listing has nothing at all, e.g. "Er zijn nog geen …"

    class Meta:
        abstract = True

    @property
    def listing_model(self):
        return self.allowed_subpage_models()[0]

    @property
    def date_field(self):
        return self.listing_model.date_field

    @property
    def type_field(self):
        return self.listing_model.subtype_field

    def get_listing_queryset(self, request):
        """The pages this index lists before filtering; subclasses may narrow it.

        When this index is the only place its type's pages can be (their only parent type,
        which allows one page), every page of the type is its child, and the query says so
        without the tree condition: PostgreSQL underestimates how many pages a condition on
        the tree path and a join to the type's table leave, and on a large site then sorts
        every page instead of reading the first ones in listing order (docs/benchmarks.md)."""
        pages = self.listing_model.objects.live().public()
        only_place = self.listing_model.allowed_parent_page_models() == [type(self)]
        if only_place and type(self).max_count == 1:
            return pages
        return pages.child_of(self)

    def order_listing(self, queryset, request):
        return queryset.order_by("-publication_date", "-pk")

    def listing_variant(self, request):
        """What, besides the filters, decides which pages the listing holds (the agenda's
        archive); part of the cache keys of its filter choices and results."""
        return ""

    def get_filter_choices(self, index):
        """The filter values that occur in the listing, as (value, label) pairs, read from its
        facet index: on a large site, asking the database which values its pages have took
        30–120 ms after every publish."""
        themes = (
            ThemePage.objects.live()
            .filter(slug__in=index.present("thema"))
            .order_by("title")
            .values_list("slug", "title")
        )
        types = None
        if self.type_field is not None:
            field = self.listing_model._meta.get_field(self.type_field)
            present = index.present("type")
            types = [(value, label) for value, label in field.choices if value in present]
        return {
            "themes": list(themes),
            "sectors": Sector.choices(Sector.objects.filter(slug__in=index.present("sector"))),
            "regions": list(
                Region.objects.filter(slug__in=index.present("regio")).values_list("slug", "name")
            ),
            "years": sorted(map(int, index.present("jaar")), reverse=True),
            "types": types,
        }

    def get_filter_form(self, request, index):
        """The filter form; its choices are read once per content version (three queries)."""
        choices = self._per_version(request, "choices", lambda: self.get_filter_choices(index))
        return ClassificationFilterForm(request.GET, **choices)

    def facet_slugs(self, request):
        """{filter: {id: slug}} of the filters the listed pages have through a relation, read
        once per content version."""

        def read():
            return {
                name: dict(model.objects.values_list("pk", "slug"))
                for name, (_, model) in RELATION_FILTERS.items()
            }

        return self._per_version(request, "slugs", read)

    def build_facet_index(self, queryset, slugs):
        """Which listed pages have each filter value (`taxonomy.facets`), from the ids the
        database groups by value. Themes, sectors and regions are grouped in their relation
        tables alone and then kept for the listed pages: joining each relation to the pages to
        check they are listed cost 30 ms at 100,000 pages."""
        columns = {"jaar": ExtractYear(self.date_field)}
        if self.type_field is not None:
            columns["type"] = F(self.type_field)
        pages = {name: defaultdict(int) for name in [*columns, *RELATION_FILTERS]}
        listed = 0
        aliased = {f"facet_{name}": column for name, column in columns.items()}  # no field clash
        for group in queryset.order_by().values(**aliased).annotate(ids=IdList("pk")):
            bits = as_bits(group["ids"])
            listed |= bits
            for name in columns:
                if (value := group[f"facet_{name}"]) is not None:
                    pages[name][str(value)] |= bits
        for name, names in slugs.items():
            field = self.listing_model._meta.get_field(RELATION_FILTERS[name][0])
            groups = (
                field.remote_field.through.objects.values_list(field.m2m_reverse_field_name())
                .annotate(ids=IdList(field.m2m_field_name()))
                .order_by()
            )
            for value, ids in groups:
                if value in names:  # slugs may repeat: their pages are one value
                    pages[name][names[value]] |= as_bits(ids) & listed
        return FacetIndex({name: dict(values) for name, values in pages.items()})

    def facet_index(self, request, queryset):
        """The listing's facet index, built once per content version, read when first used."""

        def build():
            return self.build_facet_index(queryset, self.facet_slugs(request))

        return SimpleLazyObject(lambda: self._per_version(request, "facet-index", build))

    def count_facets(self, request, index, filters):
        """{filter: {value: pages}}: how many pages each value of a filter would list with the
        other filters as they are set; kept per content version and combination of filters."""
        return self._per_version(
            request, "facets", lambda: index.counts(filters), sorted(filters.items())
        )

    def _per_version(self, request, name, compute, *values):
        """`compute()`, kept in the cache for this listing, its variant, `values` and the
        content version."""
        digest = hashlib.md5(repr(values).encode(), usedforsecurity=False).hexdigest()
        key = (
            f"listing-{name}:{self.pk}:{self.listing_variant(request)}:{digest}:"
            f"{content_version.for_request(request)}"
        )
        return cache.get_or_set(key, compute, content_version.FRAGMENT_SECONDS)

    def apply_filters(self, queryset, filters, slugs):
        """`queryset` narrowed to `filters`, for a combination that lists more than
        `few_listed` pages: a rarer one is read by its pages' ids, as PostgreSQL otherwise reads
        the listing in order until it has found a page's worth (10-20 ms for a rare theme in
        one region among the news at 100,000 pages).

        A theme, sector or region is filtered on by its ids (`slugs`: `facet_slugs()`): with a
        join on the slug PostgreSQL cannot estimate how many pages it leaves, and read every
        page of a theme to show twelve (34 ms instead of 0.8 for the news about "krimp" at
        100,000 pages)."""
        for name, (relation, _) in RELATION_FILTERS.items():
            if name in filters:
                ids = [pk for pk, slug in slugs[name].items() if slug == filters[name]]
                queryset = queryset.filter(**{f"{relation}__in": ids})
        if "jaar" in filters:
            queryset = queryset.filter(**{f"{self.date_field}__year": filters["jaar"]})
        if "type" in filters:
            queryset = queryset.filter(**{self.type_field: filters["type"]})
        return queryset

    @staticmethod
    def listed_count(counts, filters):
        """How many pages the filtered listing holds, from the year counts: each listed page has
        a date (an event without one is neither upcoming nor past), so it is in one year's
        count. Counting tens of thousands of pages again would be the costliest query of a
        listing on a large site (docs/benchmarks.md)."""
        years = counts["jaar"]
        return years.get(str(filters["jaar"]), 0) if "jaar" in filters else sum(years.values())

    def chosen_filters(self, request, form):
        """Each valid filter set, with the query string of the listing without it: the way out
        of a combination that lists nothing."""
        active = form.active_filters()
        kept = {
            key: value
            for key, value in request.GET.items()
            if key in active or (key not in FILTERS and key != "pagina")
        }
        return [
            {
                "label": label,
                "value": value,
                "without": urlencode({key: v for key, v in kept.items() if key != name}),
            }
            for name, label, value in form.chosen_labels()
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        queryset = self.get_listing_queryset(request)
        index = self.facet_index(request, queryset)
        form = self.get_filter_form(request, index)
        filters = form.active_filters()
        counts = self.count_facets(request, index, filters)
        form.show_counts(counts)
        listed = self.listed_count(counts, filters)
        if filters and listed <= self.few_listed:
            filtered = queryset.filter(pk__in=ids_of(index.listed(filters)))
        else:
            slugs = SimpleLazyObject(lambda: self.facet_slugs(request))  # read when filtered
            filtered = self.apply_filters(queryset, filters, slugs)
        items = self.order_listing(filtered.defer_streamfields(), request)
        paginator = Paginator(items, self.per_page)
        paginator.count = listed
        page = paginator.get_page(request.GET.get("pagina"))
        # Read when the results are rendered, not when they come from the cache; card data only
        # for the cards not in the cache.
        rows = page.object_list
        page.object_list = SimpleLazyObject(lambda: prefetch_card_data(list(rows), request))
        context.update(
            filter_form=form,
            active_filters=filters,
            ignored_filters=form.ignored_filters(),
            chosen_filters=self.chosen_filters(request, form),
            items=page,
            page_range=paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            noindex=len(filters) > 1,
        )
        if self.shows_region_map:
            context["region_map"] = SimpleLazyObject(
                lambda: self.build_region_map(request, filters, counts["regio"])
            )
        return context

    def build_region_map(self, request, filters, counts):
        """The tiles of the region map (taxonomy.region_map) and the regions without a tile,
        counted with the other filters as they are set. The regions are read once per content
        version in each process: the map is drawn for every combination of filters."""
        regions = _map_regions.for_version(content_version.for_request(request))
        if not regions:
            regions.update(Region.objects.values_list("slug", "name"))
        others = {name: value for name, value in filters.items() if name != "regio"}
        tiles, rest = region_map(
            regions.items(),
            counts,
            listing_url=self.get_url(request),
            query=others,
            current=filters.get("regio", ""),
        )
        return {"tiles": tiles, "others": rest, "size": MAP_SIZE, "filtered": bool(others)}
