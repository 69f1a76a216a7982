"""Keep the search index right when pages are published or moved.

Wagtail indexes a page when it is saved, but before its many-to-many values (themes, sectors,
regions) are written, so those would show up one save late. Re-indexing on publish fixes that.
A moved page changes its path (and its descendants' paths), which Elasticsearch filters on.
While indexing is deferred (search/indexing.py), a published page is indexed later, in bulk.
"""

from django.dispatch import receiver

from wagtail.search.index import insert_or_update_object
from wagtail.signals import page_published, post_page_move

from . import indexing, vocabulary


@receiver(page_published)
def index_published_page(sender, instance, **kwargs):
    if indexing.is_deferred():
        return
    vocabulary.add_page(instance)
    insert_or_update_object(instance)


@receiver(post_page_move)
def index_moved_pages(sender, instance, **kwargs):
    for page in instance.get_descendants(inclusive=True).specific():
        insert_or_update_object(page)
