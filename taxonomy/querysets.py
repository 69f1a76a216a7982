from collections import defaultdict

from django.db.models import prefetch_related_objects

from wagtail.models import PageManager
from wagtail.query import PageQuerySet

from core.images import prefetch_listing_image


def card_lookups(model):
    """The prefetch lookups of what a card of `model` shows: its themes, its own listing image
    and, in its place when it has none, its themes' (`card_image`, each with its card
    rendition), and the relations its type names (`card_relations`)."""
    return [
        "themes",
        prefetch_listing_image(),
        prefetch_listing_image("themes__listing_image"),
        *model.card_relations,
    ]


class ClassifiedPageQuerySet(PageQuerySet):
    def listing(self):
        """Live, public pages, newest first, with everything a listing card shows prefetched."""
        return self.live().public().with_card_data().order_by("-publication_date", "-pk")

    def with_card_data(self):
        """Prefetch what a listing card shows, so a listing costs the same queries for any size."""
        return self.defer_streamfields().prefetch_related(*card_lookups(self.model))


def prefetch_card_data(pages):
    """What `with_card_data` prefetches, for pages already read one by one (editors' choices
    of featured or related pages), one query per type and relation instead of per card."""
    by_type = defaultdict(list)
    for page in pages:
        by_type[type(page)].append(page)
    for model, same_type in by_type.items():
        if getattr(model, "is_classified", False):
            prefetch_related_objects(same_type, *card_lookups(model))
        else:
            prefetch_related_objects(same_type, prefetch_listing_image())
    return pages


ClassifiedPageManager = PageManager.from_queryset(ClassifiedPageQuerySet)
