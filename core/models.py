from django.db import models
from django.utils import timezone

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .addresses import SiteAddressMixin
from .blocks import BodyBlock

INTRO_MAX_LENGTH = 500


class BasePage(SiteAddressMixin, Page):
    """What every content page has: a date, a short intro, a body and a listing image.

    Each concrete subclass is a content type. Its class attributes tell the rest of the site how
    to treat it (core/content_types.py finds them), so that adding a type needs no other edits:
    `type_slug` names it in search URLs (`?type=nieuws`), `import_kind` in import files, and
    optionally `feed_slug` in feed URLs, `date_field` (the date it is listed and searched by),
    `subtype_field` (a choice field such as the kind of publication) and `listing_order`.
    """

    type_slug = ""
    import_kind = ""
    date_field = "publication_date"
    subtype_field = None
    listing_order = 100
    is_classified = False  # True for pages classified by theme, sector and region (taxonomy)

    publication_date = models.DateField(
        "publicatiedatum",
        default=timezone.localdate,
        help_text=(
            "Staat op de pagina en bepaalt de volgorde in overzichten. Wanneer de pagina online "
            "komt, stelt u in met 'Stel schema in' in het zijpaneel Status."
        ),
    )
    intro = models.TextField(
        "inleiding",
        max_length=INTRO_MAX_LENGTH,
        help_text=(
            "Korte samenvatting in platte tekst; verschijnt in overzichten en zoekresultaten."
        ),
    )
    body = StreamField(
        BodyBlock(),
        verbose_name="inhoud",
        blank=True,
        help_text=(
            "De tekst van de pagina, opgebouwd uit blokken: alinea, tussenkop, afbeelding, "
            "citaat, download, oproep tot actie, video, kerncijfers of contactpersoon."
        ),
    )
    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="overzichtsafbeelding",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Getoond in overzichten en bij delen op sociale media.",
    )
    source_url = models.CharField(
        "bronadres",
        max_length=500,
        blank=True,
        db_index=True,
        editable=False,
        help_text="Adres op de oude site; gebruikt bij importeren om dubbelingen te voorkomen.",
    )
    import_checksum = models.CharField(max_length=64, blank=True, editable=False)

    content_panels = [*Page.content_panels, "publication_date", "intro", "body"]
    promote_panels = [
        *Page.promote_panels,
        MultiFieldPanel([FieldPanel("listing_image")], heading="Overzichten"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro", boost=2),
        index.SearchField("body"),
        index.FilterField("publication_date"),
    ]

    class Meta:
        abstract = True

    @classmethod
    def content_panels_with(cls, *own):
        """`content_panels` with a page type's own panels after the intro, before the body."""
        position = cls.content_panels.index("intro") + 1
        return [*cls.content_panels[:position], *own, *cls.content_panels[position:]]

    @property
    def meta_description(self):
        return self.search_description or self.intro


class IndexPage(SiteAddressMixin, Page):
    """A page that lists its children; it has an optional intro and no body of its own."""

    intro = models.TextField(
        "inleiding",
        max_length=INTRO_MAX_LENGTH,
        blank=True,
        help_text="Optioneel: een korte tekst boven het overzicht.",
    )

    content_panels = [*Page.content_panels, "intro"]
    parent_page_types = ["home.HomePage"]
    max_count = 1

    class Meta:
        abstract = True


class Organisation(index.Indexed, models.Model):
    shown_on_pages = True  # its changes refresh cached fragments (core.content_version)
    name = models.CharField("naam", max_length=255, unique=True)
    website = models.URLField("website", blank=True)

    panels = ["name", "website"]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        db_table = "home_organisation"  # made by the home app, which held this model before
        ordering = ["name"]
        verbose_name = "organisatie"
        verbose_name_plural = "organisaties"

    def __str__(self):
        return self.name


class Person(index.Indexed, models.Model):
    shown_on_pages = True  # its changes refresh cached fragments (core.content_version)
    name = models.CharField("naam", max_length=255)
    role = models.CharField("functie", max_length=255, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="organisatie",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    email = models.EmailField("e-mailadres", blank=True)
    phone = models.CharField("telefoonnummer", max_length=40, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="foto",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = ["name", "role", "organisation", "email", "phone", "photo"]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("role"),
        index.AutocompleteField("name"),
        index.AutocompleteField("role"),  # the admin's list and chooser search by autocomplete
        index.RelatedFields("organisation", [index.SearchField("name")]),
    ]

    class Meta:
        db_table = "home_person"
        ordering = ["name"]
        verbose_name = "persoon"
        verbose_name_plural = "personen"

    def __str__(self):
        if self.organisation_id:
            return f"{self.name} ({self.organisation})"
        return self.name


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    shown_on_pages = True  # its changes refresh cached fragments (core.content_version)
    footer_text = models.TextField("tekst in de voettekst", blank=True)
    contact_email = models.EmailField("e-mailadres", blank=True)
    contact_phone = models.CharField("telefoonnummer", max_length=40, blank=True)
    contact_address = models.TextField("adres", blank=True)
    linkedin_url = models.URLField("LinkedIn", blank=True)
    youtube_url = models.URLField("YouTube", blank=True)
    bluesky_url = models.URLField("Bluesky", blank=True)
    mastodon_url = models.URLField("Mastodon", blank=True)
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="privacyverklaring",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Gelinkt bij het aanmeldformulier van de nieuwsbrief.",
    )

    panels = [
        "footer_text",
        "privacy_page",
        MultiFieldPanel(
            ["contact_email", "contact_phone", "contact_address"], heading="Contactgegevens"
        ),
        MultiFieldPanel(
            ["linkedin_url", "youtube_url", "bluesky_url", "mastodon_url"],
            heading="Sociale media",
        ),
    ]

    class Meta:
        db_table = "home_sitesettings"
        verbose_name = "site-instellingen"

    @property
    def social_links(self):
        links = [
            ("LinkedIn", self.linkedin_url),
            ("YouTube", self.youtube_url),
            ("Bluesky", self.bluesky_url),
            ("Mastodon", self.mastodon_url),
        ]
        return [(name, url) for name, url in links if url]
