from collections import defaultdict
from functools import cached_property
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import models

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, MultipleChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from core.blocks import RICH_TEXT_FEATURES
from core.restrictions import restricted_collection_ids
from search.documents import document_text
from taxonomy.models import ClassifiedPage, ListingPage

from .enums import PublicationType

DOWNLOAD_EXTENSIONS = {".pdf": "PDF", ".doc": "Word", ".docx": "Word", ".odt": "OpenDocument"}


class NewsIndexPage(ListingPage):
    subpage_types = ["publications.NewsItemPage"]
    page_description = "Het nieuwsoverzicht, met filters."
    template = ListingPage.template
    empty_text = "Er zijn nog geen nieuwsberichten."

    class Meta:
        verbose_name = "nieuwsoverzicht"


class NewsItemPage(ClassifiedPage):
    tags = ClusterTaggableManager("tags", through="publications.NewsItemPageTag", blank=True)

    type_slug = "nieuws"
    import_kind = "news"
    parent_page_types = ["publications.NewsIndexPage"]
    subpage_types = []
    page_description = "Een nieuwsbericht."
    listing_order = 10

    class Meta:
        verbose_name = "nieuwsbericht"
        verbose_name_plural = "nieuws"
        indexes = [ClassifiedPage.listing_order_index("news")]


class NewsItemPageTag(TaggedItemBase):
    content_object = ParentalKey(
        NewsItemPage, on_delete=models.CASCADE, related_name="tagged_items"
    )


class PublicationIndexPage(ListingPage):
    subpage_types = ["publications.PublicationPage"]
    page_description = "Het overzicht van publicaties, met filters."
    template = ListingPage.template
    empty_text = "Er zijn nog geen publicaties."

    class Meta:
        verbose_name = "publicatieoverzicht"


class PublicationPage(ClassifiedPage):
    publication_type = models.CharField(
        "soort publicatie",
        max_length=20,
        choices=PublicationType.choices,
        help_text="Staat op de kaart in overzichten; bezoekers kunnen erop filteren.",
    )
    authors = models.CharField(
        "auteurs", max_length=500, blank=True, help_text="Namen, gescheiden door komma's."
    )
    tags = ClusterTaggableManager("tags", through="publications.PublicationPageTag", blank=True)

    content_panels = ClassifiedPage.content_panels_with(
        MultiFieldPanel(["publication_type", "authors"], heading="Publicatie"),
        InlinePanel(
            "documents",
            label="Document",
            heading="Documenten",
            min_num=1,
            help_text=(
                "Ten minste één PDF- of Word-bestand. Bezoekers zien van elk document de soort "
                "en de grootte; de tekst ervan is doorzoekbaar."
            ),
        ),
    )
    search_fields = [
        *ClassifiedPage.search_fields,
        index.SearchField("authors"),
        index.SearchField("documents_search_text"),
        index.FilterField("publication_type"),
    ]
    type_slug = "publicatie"
    import_kind = "publication"
    subtype_field = "publication_type"
    parent_page_types = ["publications.PublicationIndexPage"]
    subpage_types = []
    page_description = "Een whitepaper, rapport, handreiking, format of onderzoek om te downloaden."
    listing_order = 20

    class Meta:
        verbose_name = "publicatie"
        verbose_name_plural = "publicaties"
        indexes = [ClassifiedPage.listing_order_index("publication")]

    @cached_property
    def document_list(self):
        """The attached files in order, each with `is_public`: whether anyone may download it
        (its collection has no view restriction). `read_document_lists` reads them for many
        publications at once."""
        items = list(self.documents.select_related("document"))
        return _flag_public(items, restricted_collection_ids() if items else set())

    def document_texts(self):
        """(file name, text) of each attached file that every visitor may download; each file
        version is read only once. A file in a restricted collection is never searchable: the
        index is shared by all visitors, so its words must not be found or quoted."""
        return [
            (Path(item.document.file.name).name, document_text(item.document))
            for item in self.document_list
            if item.is_public
        ]

    def documents_search_text(self):
        return " ".join(text for _, text in self.document_texts())

    @property
    def author_list(self):
        return [name.strip() for name in self.authors.split(",") if name.strip()]


def read_document_lists(publications):
    """Read the `document_list` of each of these publications, with the text of its files
    (`document_texts`), in one query for all of them and one for the view restrictions,
    instead of three or more per publication: for pages shown together, as search results."""
    items = defaultdict(list)
    for item in PublicationDocument.objects.filter(page__in=publications).select_related(
        "document__extracted_text"
    ):
        items[item.page_id].append(item)
    restricted = restricted_collection_ids() if items else set()
    for page in publications:
        page.document_list = _flag_public(items[page.pk], restricted)


def _flag_public(items, restricted_collections):
    for item in items:
        item.is_public = item.document.collection_id not in restricted_collections
    return items


class PublicationPageTag(TaggedItemBase):
    content_object = ParentalKey(
        PublicationPage, on_delete=models.CASCADE, related_name="tagged_items"
    )


class PublicationDocument(Orderable):
    page = ParentalKey(PublicationPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name="document", on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(
        "titel", max_length=255, blank=True, help_text="Laat leeg om de documenttitel te gebruiken."
    )

    panels = ["document", "title"]

    def clean(self):
        if self.document_id and self.file_type is None:
            raise ValidationError({"document": "Kies een PDF- of Word-bestand."})

    @property
    def display_title(self):
        return self.title or self.document.title

    @property
    def file_type(self):
        return DOWNLOAD_EXTENSIONS.get(Path(self.document.file.name).suffix.lower())


class PracticeIndexPage(ListingPage):
    subpage_types = ["publications.PracticePage"]
    page_description = "Het overzicht van praktijkvoorbeelden, met filters en een kaart."
    template = ListingPage.template
    shows_region_map = True
    empty_text = "Er zijn nog geen praktijkvoorbeelden."

    class Meta:
        verbose_name = "overzicht praktijkvoorbeelden"


# A practice's general body comes after its four sections, on the site too: extra material only.
PRACTICE_BODY_PANEL = FieldPanel(
    "body",
    heading="Aanvullende inhoud (optioneel)",
    help_text=(
        "Alleen voor wat niet in de vier vaste onderdelen past, zoals een video, kerncijfers "
        "of een download. Verschijnt op de site na die onderdelen."
    ),
)


class PracticePage(ClassifiedPage):
    """A good practice (praktijkvoorbeeld): how boards in a region tackled something together."""

    reason = RichTextField(
        "aanleiding",
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="Welk probleem of welke vraag was er, en waarom pakten de besturen het samen op?",
    )
    approach = RichTextField(
        "aanpak",
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="Wat deden de betrokkenen, in welke stappen en met wie?",
    )
    results = RichTextField(
        "resultaten",
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="Wat leverde het op, liefst concreet of in cijfers?",
    )
    lessons = RichTextField(
        "succesfactoren en geleerde lessen",
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="Wat zouden anderen die hetzelfde willen doen moeten weten?",
    )
    contact_person = models.ForeignKey(
        "core.Person",
        verbose_name="contactpersoon",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tags = ClusterTaggableManager("tags", through="publications.PracticePageTag", blank=True)

    content_panels = [
        PRACTICE_BODY_PANEL if panel == "body" else panel
        for panel in ClassifiedPage.content_panels_with(
            MultipleChooserPanel(
                "organisation_links",
                chooser_field_name="organisation",
                heading="Betrokken organisaties",
                label="Organisatie",
                help_text=(
                    "Kies de organisaties die meededen, in de volgorde waarin ze op de pagina "
                    "staan. Staat een organisatie er niet bij? Voeg haar toe op het tabblad "
                    "'Nieuwe organisatie' van het keuzevenster, of onder Mensen › Organisaties."
                ),
            ),
            MultiFieldPanel(
                ["reason", "approach", "results", "lessons"],
                heading="Het praktijkvoorbeeld",
                help_text=(
                    "Schrijf het verhaal in deze vier velden: elk verschijnt op de site onder een "
                    "eigen kop, in deze volgorde. Een leeg veld wordt overgeslagen."
                ),
            ),
            "contact_person",
        )
    ]
    search_fields = [
        *ClassifiedPage.search_fields,
        index.SearchField("reason"),
        index.SearchField("approach"),
        index.SearchField("results"),
        index.SearchField("lessons"),
        index.RelatedFields(
            "organisation_links", [index.RelatedFields("organisation", [index.SearchField("name")])]
        ),
        index.RelatedFields("contact_person", [index.SearchField("name")]),
    ]
    # A board member sees at a glance where, in which sector and by whom.
    card_relations = ("regions", "sectors", "organisation_links__organisation")
    type_slug = "praktijkvoorbeeld"
    import_kind = "practice"
    parent_page_types = ["publications.PracticeIndexPage"]
    subpage_types = []
    page_description = "Een praktijkvoorbeeld: hoe besturen iets samen hebben aangepakt."
    listing_order = 30

    class Meta:
        verbose_name = "praktijkvoorbeeld"
        verbose_name_plural = "praktijkvoorbeelden"
        indexes = [ClassifiedPage.listing_order_index("practice")]

    @classmethod
    def get_indexed_objects(cls):
        # The organisations' names are indexed with the page: read them for all pages at once.
        return super().get_indexed_objects().prefetch_related("organisation_links__organisation")

    @property
    def organisations(self):
        """The organisations involved, in the editors' order."""
        return [
            link.organisation
            for link in self.organisation_links.select_related("organisation")
            if link.organisation_id
        ]

    @property
    def sections(self):
        return [
            ("Aanleiding", self.reason),
            ("Aanpak", self.approach),
            ("Resultaten", self.results),
            ("Succesfactoren en geleerde lessen", self.lessons),
        ]


class PracticeOrganisation(Orderable):
    """An organisation involved in a practice; the order is the editors'."""

    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="organisation_links")
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name="organisatie",
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = ["organisation"]

    class Meta(Orderable.Meta):
        verbose_name = "betrokken organisatie"
        verbose_name_plural = "betrokken organisaties"
        constraints = [
            models.UniqueConstraint(
                fields=["page", "organisation"], name="unique_practice_organisation"
            )
        ]


class PracticePageTag(TaggedItemBase):
    content_object = ParentalKey(
        PracticePage, on_delete=models.CASCADE, related_name="tagged_items"
    )
