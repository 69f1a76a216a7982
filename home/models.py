from django.apps import apps
from django.db import models
from django.utils import timezone

from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BodyBlock

INTRO_MAX_LENGTH = 500


class BasePage(Page):
    """What every content page has: a date, a short intro, a body and a listing image."""

    publication_date = models.DateField("publicatiedatum", default=timezone.localdate)
    intro = models.TextField(
        "inleiding",
        max_length=INTRO_MAX_LENGTH,
        help_text=(
            "Korte samenvatting in platte tekst; verschijnt in overzichten en zoekresultaten."
        ),
    )
    body = StreamField(BodyBlock(), verbose_name="inhoud", blank=True)
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


class HomePage(Page):
    """The start page: featured items, latest news, themes and upcoming events."""

    intro = models.TextField("inleiding", max_length=INTRO_MAX_LENGTH, blank=True)
    featured_pages = StreamField(
        [("page", blocks.PageChooserBlock(label="Pagina"))],
        verbose_name="uitgelicht",
        blank=True,
        max_num=4,
        help_text="Maximaal vier pagina's die bovenaan de startpagina staan.",
    )

    content_panels = [*Page.content_panels, "intro", "featured_pages"]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "themes.ThemeIndexPage",
        "publications.NewsIndexPage",
        "publications.PublicationIndexPage",
        "publications.PracticeIndexPage",
        "events.EventIndexPage",
        "home.ContentPage",
    ]
    max_count = 1
    page_description = "De startpagina van de site."

    class Meta:
        verbose_name = "startpagina"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news_item = apps.get_model("publications", "NewsItemPage")
        theme = apps.get_model("themes", "ThemePage")
        event = apps.get_model("events", "EventPage")
        context["featured"] = [
            block.value.specific
            for block in self.featured_pages
            if block.value and block.value.live
        ]
        context["latest_news"] = news_item.objects.listing()[:4]
        context["themes"] = theme.objects.live().public().order_by("path")
        context["upcoming_events"] = event.objects.upcoming()[:3]
        return context


class ContentPage(BasePage):
    """A generic page: about us, contact, privacy and accessibility statements."""

    parent_page_types = ["home.HomePage", "home.ContentPage"]
    subpage_types = ["home.ContentPage"]
    page_description = "Een losse pagina, zoals 'Over ons', contact of de privacyverklaring."

    class Meta:
        verbose_name = "inhoudspagina"
        verbose_name_plural = "inhoudspagina's"


class Organisation(index.Indexed, models.Model):
    name = models.CharField("naam", max_length=255, unique=True)
    website = models.URLField("website", blank=True)

    panels = ["name", "website"]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = "organisatie"
        verbose_name_plural = "organisaties"

    def __str__(self):
        return self.name


class Person(index.Indexed, models.Model):
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
        index.RelatedFields("organisation", [index.SearchField("name")]),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = "persoon"
        verbose_name_plural = "personen"

    def __str__(self):
        if self.organisation_id:
            return f"{self.name} ({self.organisation})"
        return self.name


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
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
