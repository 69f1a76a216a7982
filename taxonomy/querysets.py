from collections import defaultdict

from django.db.models import Prefetch, prefetch_related_objects

from wagtail.images import get_image_model
from wagtail.models import PageManager
from wagtail.query import PageQuerySet

LISTING_IMAGE_FILTER = "fill-640x360"


class ClassifiedPageQuerySet(PageQuerySet):
    def listing(self):
        """Live, public pages, newest first, with everything a listing card shows prefetched."""
        return self.live().public().with_card_data().order_by("-publication_date", "-pk")

    def with_card_data(self):
        """Prefetch what a listing card shows, so a listing costs the same queries for any size."""
        return self.defer_streamfields().prefetch_related(
            Prefetch(
                "listing_image",
                queryset=get_image_model().objects.prefetch_renditions(LISTING_IMAGE_FILTER),
            ),
            "themes",
            *getattr(self.model, "card_relations", ()),
        )


def prefetch_card_data(pages):
    """What `with_card_data` prefetches, for pages already read one by one (editors' choices
    of featured or related pages), one query per type and relation instead of per card."""
    by_type = defaultdict(list)
    for page in pages:
        by_type[type(page)].append(page)
    for model, same_type in by_type.items():
        if getattr(model, "is_classified", False):
            prefetch_related_objects(same_type, "themes", *model.card_relations)
    return pages


ClassifiedPageManager = PageManager.from_queryset(ClassifiedPageQuerySet)
