"""Keep publications' search entries right when their documents change.

A publication's index entry holds the text of its public documents (`PublicationPage.
document_texts`), so it is re-indexed when one of them is saved (a new file, another collection)
and when a collection's view restriction is added or removed.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.documents import get_document_model
from wagtail.models import CollectionViewRestriction
from wagtail.search.index import insert_or_update_object

from .models import PublicationPage


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
