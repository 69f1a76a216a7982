"""The page tree the demo content (and any import) goes into: home page and index pages."""

from django.utils.text import capfirst, slugify

from wagtail.models import Page, Site

from core.content_types import classified_page_models
from core.models import SiteSettings
from home.models import HomePage
from themes.models import ThemePage

SITE_NAME = "Kennisplatform"

# The introduction of each overview page the site starts with, by slug; an overview that is not
# listed here starts without one.
INDEX_INTROS = {
    "themas": (
        "De onderwerpen waar schoolbesturen nu mee bezig zijn, elk met het nieuwste nieuws, "
        "publicaties, praktijkvoorbeelden en activiteiten."
    ),
    "nieuws": "Actueel nieuws over krimp, regionale samenwerking en het lerarentekort.",
    "publicaties": "Whitepapers, rapporten, handreikingen, formats en onderzoek om te downloaden.",
    "praktijkvoorbeelden": (
        "Hoe besturen in andere regio's het hebben aangepakt: aanleiding, aanpak, resultaten "
        "en lessen."
    ),
    "agenda": (
        "Bijeenkomsten, webinars en leergangen voor bestuurders en medewerkers van schoolbesturen."
    ),
}


def index_pages():
    """(index page model, title, slug) of the overviews below the home page: the themes first,
    then one per classified content type, titled after the type ("Publicaties")."""
    overviews = []
    for model in [ThemePage, *classified_page_models()]:
        title = capfirst(str(model._meta.verbose_name_plural))
        overviews.append((model.allowed_parent_page_models()[0], title, slugify(title)))
    return overviews


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
                    "Van leerlingprognoses tot een gezamenlijke invalpool: leer van besturen die "
                    "het al doen, en vind de handreikingen en formats om zelf aan de slag te gaan."
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
    for model, title, slug in index_pages():
        if not model.objects.child_of(home).exists():
            intro = INDEX_INTROS.get(slug, "")
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
