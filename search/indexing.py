"""Indexing many pages at once, for commands that save pages in bulk (the importer).

A page is indexed each time it is saved (modelsearch's post_save handler) and again when it is
published (search/signals.py): creating and publishing one page indexes it four times, each time
with a dozen queries for its themes, sectors, regions and tags and the Dutch analysis of every
field. Inside `deferred()` saving and publishing a page leaves the index alone; the command then
gives the pages to `index_pages()` in batches, which loads them with their relations in a few
queries (`get_indexed_objects()`), indexes each page once per backend and counts their words
in the vocabulary together.
Whoever defers indexing must make sure `index_pages()` is called for every page it saved, also
after a crash (importer/indexing.py records them).
"""

import logging
from collections.abc import Iterable
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_save

from modelsearch import index
from modelsearch.backends import get_search_backends_with_name
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import Page

from . import vocabulary

logger = logging.getLogger(__name__)
_deferring = {"depth": 0}


def is_deferred() -> bool:
    return _deferring["depth"] > 0


@contextmanager
def deferred():
    """Pages saved or published inside are not indexed. The switch is for the whole process (it
    disconnects signal handlers): use it in management commands, never while serving requests."""
    page_models = [model for model in index.get_indexed_models() if issubclass(model, Page)]
    disconnected = [
        model
        for model in page_models
        if post_save.disconnect(post_save_signal_handler, sender=model)
    ]
    _deferring["depth"] += 1
    try:
        yield
    finally:
        _deferring["depth"] -= 1
        for model in disconnected:
            post_save.connect(post_save_signal_handler, sender=model)


def index_pages(page_ids: Iterable[int]) -> list[Page]:
    """Index these pages (in every backend that is updated on save) and add the words of the
    live ones to the vocabulary; returns the pages, as their specific classes."""
    ids_by_model = {}
    for page_id, content_type_id in Page.objects.filter(pk__in=list(page_ids)).values_list(
        "pk", "content_type_id"
    ):
        ids_by_model.setdefault(content_type_id, []).append(page_id)
    pages_by_model = {}
    for content_type_id, ids in ids_by_model.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is not None and index.class_is_indexed(model):
            # get_indexed_objects() brings the related objects the search fields read.
            pages_by_model[model] = list(model.get_indexed_objects().filter(pk__in=ids))
    pages = [page for batch in pages_by_model.values() for page in batch]
    # Words first, as on publish: compounds are split into the words the vocabulary knows.
    vocabulary.add_pages(pages)
    for model, batch in pages_by_model.items():
        _add_to_backends(model, batch)
    return pages


def _add_to_backends(model, pages):
    for name, backend in get_search_backends_with_name(with_auto_update=True):
        try:
            backend.add_bulk(model, pages)
        except Exception:
            # As modelsearch does on save: an unreachable cluster is logged, not raised; a
            # database backend's error is raised, since its transaction is broken anyway.
            logger.exception("Could not index %d %s in %r", len(pages), model.__name__, name)
            if not backend.catch_indexing_errors:
                raise
