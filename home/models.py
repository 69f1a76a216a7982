from django.db import models
from django.utils.functional import SimpleLazyObject

from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import Page, get_page_models

from agenda.models import EventPage
from core import content_version
from core.addresses import SiteAddressMixin
from core.images import prefetch_listing_image
from core.models import INTRO_MAX_LENGTH, BasePage
from publications.models import NewsItemPage, PublicationPage
from taxonomy.querysets import prefetch_card_data
from themes.models import ThemePage

from . import page_types

THEME_TILE_IMAGE_FILTER = "fill-160x160|format-webp"  # the theme tiles' square images


class HomePage(SiteAddressMixin, Page):
    """The start page: what the site offers, featured items, themes, the latest publications
    and news, and upcoming events."""

    value_statement = models.CharField(
        "kernboodschap",
        max_length=140,
        blank=True,
        help_text=(
            "Eén zin die zegt wat bezoekers hier vinden; de grote kop bovenaan de startpagina. "
            "Leeg: de titel van de pagina."
        ),
    )
    intro = models.TextField(
        "inleiding",
        max_length=INTRO_MAX_LENGTH,
        blank=True,
        help_text="Een of twee zinnen onder de kernboodschap.",
    )
    featured_pages = StreamField(
        [("page", blocks.PageChooserBlock(label="Pagina"))],
        verbose_name="uitgelicht",
        blank=True,
        max_num=4,
        help_text="Maximaal vier pagina's die bovenaan de startpagina staan.",
    )

    content_panels = [*Page.content_panels, "value_statement", "intro", "featured_pages"]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    page_description = "De startpagina van de site."

    class Meta:
        verbose_name = "startpagina"

    @classmethod
    def clean_subpage_models(cls):
        """The page types that name the home page as a parent: the overviews (one per content
        type, through `IndexPage`) and content pages: a new type's overview needs no edit."""
        if cls._clean_subpage_models is None:
            cls._clean_subpage_models = [
                model
                for model in get_page_models()
                if getattr(model, "parent_page_types", None) is not None
                and cls in model.clean_parent_page_models()
            ]
        return cls._clean_subpage_models

    def route(self, request, path_components):
        """Find the page for a URL below the home page by its path: one query for the page
        (and one to learn its type, once per content version), instead of two per level of the
        tree. A URL that is no page's path is routed as Wagtail does."""
        if path_components:
            url_path = f"{self.url_path}{'/'.join(path_components)}/"
            found = page_types.find(self, url_path, content_version.for_request(request))
            if found is not None:
                model, pk = found
                page = model.objects.filter(pk=pk).first()
                if page is not None:
                    return page.route(request, [])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        # Built and read only when the template renders them, that is when its cached content is
        # not used (a queryset's `public()` already costs a query).
        context = super().get_context(request, *args, **kwargs)
        context["featured"] = SimpleLazyObject(lambda: self.featured(request))
        context["latest_publications"] = SimpleLazyObject(
            lambda: PublicationPage.objects.listing()[:3]
        )
        context["latest_news"] = SimpleLazyObject(lambda: NewsItemPage.objects.listing()[:3])
        context["themes"] = SimpleLazyObject(self.themes)
        context["upcoming_events"] = SimpleLazyObject(lambda: EventPage.objects.upcoming()[:3])
        return context

    @staticmethod
    def themes():
        return (
            ThemePage.objects.live()
            .public()
            .defer_streamfields()
            .prefetch_related(prefetch_listing_image(rendition=THEME_TILE_IMAGE_FILTER))
            .order_by("path")
        )

    def featured(self, request):
        return prefetch_card_data(
            [
                block.value.specific
                for block in self.featured_pages
                if block.value and block.value.live
            ],
            request,
            show_type=True,
        )


class ContentPage(BasePage):
    """A generic page: about us, contact, privacy and accessibility statements."""

    type_slug = "pagina"
    import_kind = "page"
    listing_order = 60
    parent_page_types = ["home.HomePage", "home.ContentPage"]
    subpage_types = ["home.ContentPage"]
    page_description = "Een losse pagina, zoals 'Over ons', contact of de privacyverklaring."

    class Meta:
        verbose_name = "inhoudspagina"
        verbose_name_plural = "inhoudspagina's"
