from django.db import models

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase

from taxonomy.models import ClassifiedPage, ListingPage


class VideoIndexPage(ListingPage):
    subpage_types = ["videos.VideoPage"]
    template = ListingPage.template
    empty_text = "Er zijn nog geen video's."

    class Meta:
        verbose_name = "video-overzicht"


class VideoPage(ClassifiedPage):
    length = models.CharField("speelduur", max_length=20, blank=True)
    tags = ClusterTaggableManager("tags", through="videos.VideoPageTag", blank=True)

    type_slug = "video"
    import_kind = "video"
    parent_page_types = ["videos.VideoIndexPage"]
    subpage_types = []
    listing_order = 50

    class Meta:
        verbose_name = "video"
        verbose_name_plural = "video's"


class VideoPageTag(TaggedItemBase):
    content_object = ParentalKey(VideoPage, on_delete=models.CASCADE, related_name="tagged_items")
