"""The images listing cards show, and how to read them without a query per card."""

import functools

from django.db.models import Prefetch

from wagtail.images import get_image_model

# The rendition a card shows (site/templates/includes/card.html): WebP, 640 × 360 pixels, sharp
# on a phone's full width and in a three-column grid on a desktop.
LISTING_IMAGE_FILTER = "fill-640x360|format-webp"


@functools.cache
def _images_with(rendition):
    """Images with one rendition prefetched: built once per process, as every listing asks for
    it; never evaluated itself, only copied."""
    return get_image_model().objects.prefetch_renditions(rendition)


def prefetch_listing_image(lookup="listing_image", rendition=LISTING_IMAGE_FILTER):
    """A prefetch of the image at `lookup` with one rendition (by default the card's)."""
    return Prefetch(lookup, queryset=_images_with(rendition).all())
