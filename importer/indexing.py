"""Indexing imported pages in batches instead of on every save.

While `deferred()` is on, saving and publishing a page updates neither the search index nor
Wagtail's reference index. The importer records each page it publishes as `PendingIndexing` in
the page's own transaction, and `index_pending()` indexes what is recorded and then removes the
records. A run that stops halfway (Ctrl-C, a crash) leaves the records of the pages it did not
index, and the next `import_content` indexes them before it reads its file.
"""

from contextlib import contextmanager

from django.db import transaction
from django.db.models.signals import post_save

from wagtail.models import Page, ReferenceIndex
from wagtail.signal_handlers import update_reference_index_on_save

from core import content_version
from search import indexing as search_indexing

from .models import PendingIndexing

BATCH_SIZE = 200


@contextmanager
def deferred():
    """Pages saved or published inside are recorded for `index_pending()`, not indexed. Other
    objects (people, organisations, documents) are still indexed when they are saved."""
    page_models = [model for model in ReferenceIndex.tracked_models if issubclass(model, Page)]
    disconnected = [
        model
        for model in page_models
        if post_save.disconnect(update_reference_index_on_save, sender=model)
    ]
    try:
        with search_indexing.deferred():
            yield
    finally:
        for model in disconnected:
            post_save.connect(update_reference_index_on_save, sender=model)


def is_deferred() -> bool:
    return search_indexing.is_deferred()


def mark_pending(pages: list[Page]) -> None:
    PendingIndexing.objects.bulk_create(
        [PendingIndexing(page_id=page.pk) for page in pages], ignore_conflicts=True
    )


def pending_count() -> int:
    return PendingIndexing.objects.count()


def index_pending() -> int:
    """Index every recorded page, `BATCH_SIZE` at a time; returns how many were indexed."""
    indexed = 0
    while page_ids := list(PendingIndexing.objects.values_list("page_id", flat=True)[:BATCH_SIZE]):
        with transaction.atomic():
            for page in search_indexing.index_pages(page_ids):
                ReferenceIndex.create_or_update_for_object(page)
            PendingIndexing.objects.filter(page_id__in=page_ids).delete()
        # Search results are cached per content version, which publishing the pages changed
        # before they could be found: a search in between may have cached too few results.
        content_version.bump()
        indexed += len(page_ids)
    return indexed
