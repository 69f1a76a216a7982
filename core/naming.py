"""How the site and its page types are named to readers, in one place for pages, feeds, search
and e-mails."""

from django.conf import settings
from django.db.models import Model
from django.utils.text import capfirst

from wagtail.models import Site


def site_name(site: Site | None) -> str:
    """The site's name, or WAGTAIL_SITE_NAME when the site has none (or there is no site)."""
    return (site.site_name if site else "") or settings.WAGTAIL_SITE_NAME


def type_label(model: type[Model], plural: bool = False) -> str:
    """A page type as readers see it: "Nieuwsbericht", or with `plural` "Nieuws"."""
    meta = model._meta
    return capfirst(str(meta.verbose_name_plural if plural else meta.verbose_name))
