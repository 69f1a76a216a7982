from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.text import slugify

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import InlinePanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from core import content_version
from core.blocks import KeyFigureBlock
from core.content_types import classified_page_models
from core.images import prefetch_listing_image
from core.models import BasePage, IndexPage

_index_pages = content_version.ProcessMemory(max_entries=100)  # content type: its overview

SECTION_SIZE = 3  # items per type on a theme page; "Meer …" leads to the rest


class ThemeIndexPage(IndexPage):
    subpage_types = ["themes.ThemePage"]
    page_description = "Het overzicht van alle thema's."

    class Meta:
        verbose_name = "themaoverzicht"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["themes"] = (
            ThemePage.objects.child_of(self)
            .live()
            .public()
            .prefetch_related(prefetch_listing_image())
            .defer_streamfields()
            .order_by("path")
        )
        return context


class ThemePage(BasePage):
    """An editorial landing page for one theme; classified content links to it."""

    key_figures = StreamField(
        [("figure", KeyFigureBlock())],
        verbose_name="kerncijfers",
        blank=True,
        max_num=6,
        help_text="Maximaal zes cijfers die bovenaan de themapagina opvallen.",
    )

    content_panels = [
        *BasePage.content_panels,
        "key_figures",
        InlinePanel(
            "contacts",
            label="Contactpersonen",
            heading="Contactpersonen",
            help_text=(
                "Wie bezoekers over dit thema kunnen benaderen; "
                "beheer de gegevens onder Mensen › Personen."
            ),
        ),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("key_figures")]
    type_slug = "thema"
    import_kind = "theme"
    listing_order = 50
    parent_page_types = ["themes.ThemeIndexPage"]
    subpage_types = []
    page_description = "Een thema, zoals krimp of onderwijsregio's, met het nieuwste daarover."

    class Meta:
        verbose_name = "thema"
        verbose_name_plural = "thema's"

    def get_context(self, request, *args, **kwargs):
        # Read only when the template renders them, that is when its cached content is not used.
        context = super().get_context(request, *args, **kwargs)
        context["contacts"] = SimpleLazyObject(self.contact_people)
        version = content_version.for_request(request)
        context["sections"] = SimpleLazyObject(lambda: self.sections(version))
        return context

    def contact_people(self):
        return [
            contact.person
            for contact in self.contacts.select_related("person__organisation", "person__photo")
        ]

    def sections(self, version):
        """The newest items of each classified type about this theme, with its overview (the
        overviews looked up once per content `version` in each process) and the section's id
        for the page's jump links ("nieuws", "praktijkvoorbeelden")."""
        indexes = _index_pages.for_version(version)
        for model in classified_page_models():
            if model not in indexes:
                indexes[model] = model.index_page()
        return [
            {
                "label": model._meta.verbose_name_plural,
                "anchor": slugify(model._meta.verbose_name_plural),
                "items": model.theme_items(self)[:SECTION_SIZE],
                "index": indexes[model],
            }
            for model in classified_page_models()
        ]


class ThemeContact(Orderable):
    page = ParentalKey(ThemePage, on_delete=models.CASCADE, related_name="contacts")
    person = models.ForeignKey(
        "core.Person", verbose_name="persoon", on_delete=models.CASCADE, related_name="+"
    )

    panels = ["person"]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["page", "person"], name="unique_theme_contact")
        ]
