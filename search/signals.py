"""Keep the search index right when pages are published, moved or unpublished, and when the
documents attached to publications change or get a view restriction.

Wagtail indexes a page when it is saved, but before its many-to-many values (themes, sectors,
regions) are written, so those would show up one save late. Re-indexing on publish fixes that.
A moved page changes its path (and its descendants' paths), which Elasticsearch filters on.
A publication's index entry holds the text of its public documents (publications/models.py), so
it is re-indexed when one of them is saved (a new file, another collection) and when a
collection's view restriction is added or removed.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.documents import get_document_model
from wagtail.models import CollectionViewRestriction
from wagtail.search.index import insert_or_update_object
from wagtail.signals import page_published, post_page_move

from publications.models import PublicationPage

from . import vocabulary


@receiver(page_published)
def index_published_page(sender, instance, **kwargs):
    vocabulary.add_page(instance)
    insert_or_update_object(instance)


@receiver(post_page_move)
def index_moved_pages(sender, instance, **kwargs):
    for page in instance.get_descendants(inclusive=True).specific():
        insert_or_update_object(page)


def _reindex_publications_with(documents):
    for page in PublicationPage.objects.filter(documents__document__in=documents).distinct():
        insert_or_update_object(page)


@receiver(post_save, sender=get_document_model())
def index_publications_of_document(sender, instance, raw=False, **kwargs):
    if not raw:
        _reindex_publications_with([instance.pk])


@receiver([post_save, post_delete], sender=CollectionViewRestriction)
def index_publications_of_collection(sender, instance, raw=False, **kwargs):
    if raw:
        return
    collections = instance.collection.get_descendants(inclusive=True)
    _reindex_publications_with(
        get_document_model().objects.filter(collection__in=collections).values("pk")
    )
