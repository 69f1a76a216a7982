"""Small helpers for page templates that the models do not (need to) provide."""

import functools

from django import template
from django.apps import apps

from wagtail.images.models import Filter
from wagtail.images.shortcuts import get_renditions_or_not_found
from wagtail.models import Page

from core import naming

register = template.Library()


@register.filter
def type_label(page):
    """The page type as readers see it: the model's verbose name, capitalised ("Nieuwsbericht")."""
    model = type(page)
    if model is Page:
        model = page.specific_class or Page
    return naming.type_label(model)


@register.filter
def subtype_label(page):
    """The kind of publication or event ("Rapport", "Webinar"): the display value of the page
    type's `subtype_field`, or an empty string."""
    field = getattr(page, "subtype_field", None)
    if field is None or not getattr(page, field, None):
        return ""
    return getattr(page, f"get_{field}_display")()


@register.filter
def field(page, name):
    """`page.<name>`, or None for a page type without it. (A template asking a page for an
    attribute it lacks costs a `dir()` of the page: 0.15 ms.)"""
    return getattr(page, name, None)


@register.filter
def card_date(page):
    """The date a card shows: an event's first day, else the publication date. (Looked up
    here: a template asking a page for an attribute it lacks costs a `dir()` of the page.)"""
    return getattr(page, "start_date", None) or getattr(page, "publication_date", None)


@register.filter
def card_place(page):
    """Where an event takes place, for a card: "Online" or its town; "" for other pages."""
    if getattr(page, "is_online", False):
        return "Online"
    return getattr(page, "city", "")


@register.filter
def card_image(page):
    """The image a card shows: the page's own listing image, else its first theme's; None if
    neither has one. Reads prefetched data only (`card_lookups` in taxonomy/querysets.py)."""
    if page.listing_image_id:
        return page.listing_image
    themes = getattr(page, "themes", None)
    for theme in themes.all() if themes is not None else ():
        if theme.listing_image_id:
            return theme.listing_image
    return None


@functools.cache
def _image_filter(spec):
    return Filter(spec=spec)  # parsed once per process: Wagtail's tags parse it for every image


@register.simple_tag
def prefetched_image(image, spec, **attributes):
    """The <img> that `{% image image <spec> attribute=… %}` writes, for an image whose
    rendition was read with the page (core/images.py: cards, the home page's theme tiles).
    `{% image %}` also stores that rendition in the cache again every time (Wagtail 8.0), a
    round trip per image of every listing drawn afresh."""
    (rendition,) = get_renditions_or_not_found(image, [_image_filter(spec)]).values()
    return rendition.img_tag(attributes)


CARD_NAMES_SHOWN = 3


@register.filter
def card_facts(page):
    """(label, names) for each relation the page's type shows on its cards (`card_relations`),
    such as ("Regio", "Groningen") or ("Organisaties", "A, B, C en 2 andere"); only the
    relations that have items. Reads prefetched data only."""
    facts = []
    for lookup in getattr(page, "card_relations", ()):
        items, model = _related(page, lookup)
        if not items:
            continue
        meta = model._meta
        label = meta.verbose_name if len(items) == 1 else meta.verbose_name_plural
        names = ", ".join(str(item) for item in items[:CARD_NAMES_SHOWN])
        if len(items) > CARD_NAMES_SHOWN:
            names += f" en {len(items) - CARD_NAMES_SHOWN} andere"
        facts.append((str(label).capitalize(), names))
    return facts


def _related(page, lookup):
    """The prefetched objects a `card_relations` lookup leads to ("regions", or through an
    ordered link model "organisation_links__organisation"), and their model."""
    first, *rest = lookup.split("__")
    items = list(getattr(page, first).all())
    model = page._meta.get_field(first).related_model
    for name in rest:
        items = [getattr(item, name) for item in items]
        model = model._meta.get_field(name).related_model
    return [item for item in items if item is not None], model


@register.simple_tag(takes_context=True)
def index_url(context, model_label):
    """The URL of the first live page of a type, such as "publications.NewsIndexPage"; one query."""
    model = apps.get_model(model_label)
    index = model.objects.live().only("url_path", "path", "depth").first()
    return index.get_url(request=context.get("request")) if index else ""
