from django.db.models import Prefetch

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
        )


ClassifiedPageManager = PageManager.from_queryset(ClassifiedPageQuerySet)
