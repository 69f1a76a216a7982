"""The content types of the site, found from the page classes themselves.

A content type is a concrete page model built on `BasePage`; its class attributes (`type_slug`,
`import_kind`, `feed_slug`, `date_field`, `subtype_field`, `listing_order`, `is_classified`)
say how listings, search, feeds, the importer, theme pages and digests treat it. Adding a type
is adding its class (and its template): every one of those finds it here.
"""

import functools

from django.apps import apps

from .models import BasePage


@functools.cache
def content_page_models() -> tuple[type[BasePage], ...]:
    """Every content type, in listing order (news, publications, ... first). Found once: the
    installed models do not change while the site runs."""
    models = [model for model in apps.get_models() if issubclass(model, BasePage)]
    return tuple(sorted(models, key=lambda model: (model.listing_order, model._meta.label)))


@functools.cache
def classified_page_models() -> tuple[type[BasePage], ...]:
    """The content types classified by theme, sector and region, in listing order."""
    return tuple(model for model in content_page_models() if model.is_classified)
