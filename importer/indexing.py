"""Indexing imported pages in batches instead of on every save.

While `deferred()` is on, saving and publishing a page updates neither the search index nor
Wagtail's reference index. The importer records each page it publishes as `PendingIndexing` in
the page's own transaction, and `index_pending()` indexes what is recorded and then removes the
records. A run that stops halfway (Ctrl-C, a crash) leaves the records of the pages it did not
index, and the next `import_content` indexes them before it reads its file.
"""

from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.db.models.signals import post_save

from modelcluster.models import get_all_child_relations
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
            index_references(search_indexing.index_pages(page_ids))
            PendingIndexing.objects.filter(page_id__in=page_ids).delete()
        # Search results are cached per content version, which publishing the pages changed
        # before they could be found: a search in between may have cached too few results.
        content_version.bump()
        indexed += len(page_ids)
    return indexed


def index_references(pages: list[Page]) -> None:
    """Record the references of these pages in Wagtail's reference index, as
    `ReferenceIndex.create_or_update_for_object()` does for each: pages with references recorded
    already one at a time (some may have to go), the others (new pages) in one insert."""
    page_type = ContentType.objects.get_for_model(Page)
    _prefetch_child_relations(pages)
    recorded = set(
        ReferenceIndex.objects.filter(
            base_content_type=page_type, object_id__in=[str(page.pk) for page in pages]
        ).values_list("object_id", flat=True)
    )
    new_references = []
    for page in pages:
        if str(page.pk) in recorded:
            ReferenceIndex.create_or_update_for_object(page)
            continue
        content_type = ContentType.objects.get_for_model(page, for_concrete_model=False)
        new_references += [
            ReferenceIndex(
                content_type=content_type,
                base_content_type=page_type,
                object_id=page.pk,
                to_content_type_id=to_content_type_id,
                to_object_id=to_object_id,
                model_path=model_path,
                content_path=content_path,
                content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
            )
            for to_content_type_id, to_object_id, model_path, content_path in set(
                ReferenceIndex._extract_references_from_object(page)
            )
        ]
    ReferenceIndex.objects.bulk_create(new_references)


def _prefetch_child_relations(pages):
    """Wagtail reads each child relation of a page (tags, comments, documents ...) for its
    references: read them for all pages of a type at once instead of once per page."""
    by_model = {}
    for page in pages:
        by_model.setdefault(type(page), []).append(page)
    for model, its_pages in by_model.items():
        names = [relation.get_accessor_name() for relation in get_all_child_relations(model)]
        prefetch_related_objects(its_pages, *names)
