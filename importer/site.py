"""The page tree the demo content (and any import) goes into: home page and index pages."""

from wagtail.models import Page, Site

from agenda.models import EventIndexPage
from home.models import HomePage, SiteSettings
from publications.models import NewsIndexPage, PracticeIndexPage, PublicationIndexPage
from themes.models import ThemeIndexPage

SITE_NAME = "Kennisplatform"

INDEX_PAGES = [
    (
        ThemeIndexPage,
        "Thema's",
        "themas",
        "De onderwerpen waar schoolbesturen nu mee bezig zijn, elk met het nieuwste nieuws, "
        "publicaties, praktijkvoorbeelden en activiteiten.",
    ),
    (
        NewsIndexPage,
        "Nieuws",
        "nieuws",
        "Actueel nieuws over krimp, regionale samenwerking en het lerarentekort.",
    ),
    (
        PublicationIndexPage,
        "Publicaties",
        "publicaties",
        "Whitepapers, rapporten, handreikingen, formats en onderzoek om te downloaden.",
    ),
    (
        PracticeIndexPage,
        "Praktijkvoorbeelden",
        "praktijkvoorbeelden",
        "Hoe besturen in andere regio's het hebben aangepakt: aanleiding, aanpak, resultaten "
        "en lessen.",
    ),
    (
        EventIndexPage,
        "Agenda",
        "agenda",
        "Bijeenkomsten, webinars en leergangen voor bestuurders en medewerkers van schoolbesturen.",
    ),
]

SETTINGS = {
    "footer_text": (
        "Kennisplatform brengt kennis en ervaringen samen van schoolbesturen die in hun regio "
        "samenwerken aan goed onderwijs, ook als het aantal leerlingen daalt."
    ),
    "contact_email": "info@kennisplatform.example.nl",
    "contact_phone": "030 123 45 67",
    "contact_address": "Postbus 1234\n3500 AB Utrecht",
    "linkedin_url": "https://www.linkedin.com/company/kennisplatform-example",
}


def ensure_site_structure():
    """Create the home page, the default site and the index pages where they are missing."""
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        welcome = root.get_children().filter(slug="home", content_type__model="page").first()
        if welcome is not None:
            welcome.delete()
        home = root.add_child(
            instance=HomePage(
                title=SITE_NAME,
                slug="home",
                intro=(
                    "Kennis en praktijkvoorbeelden voor schoolbesturen die samenwerken in hun "
                    "regio: bij krimp, bij het lerarentekort en in de onderwijsregio."
                ),
            )
        )
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True,
            site_name=SITE_NAME,
        )  # fmt: skip
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = site.site_name or SITE_NAME
        site.save()
    for model, title, slug, intro in INDEX_PAGES:
        if not model.objects.child_of(home).exists():
            page = home.add_child(
                instance=model(title=title, slug=slug, intro=intro, show_in_menus=True)
            )
            page.save_revision().publish()
    return home


def ensure_site_settings(site):
    """Fill in empty site settings; what an editor has entered is left alone."""
    settings = SiteSettings.for_site(site)
    changed = False
    for field, value in SETTINGS.items():
        if not getattr(settings, field):
            setattr(settings, field, value)
            changed = True
    if changed:
        settings.save()


def link_privacy_statement(site):
    """Point the site settings at the page with the slug `privacy`, unless an editor chose one."""
    settings = SiteSettings.for_site(site)
    if settings.privacy_page_id is None:
        page = site.root_page.get_children().filter(slug="privacy").first()
        if page is not None:
            settings.privacy_page = page
            settings.save(update_fields=["privacy_page"])
