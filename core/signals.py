"""Clear a schedule once it has been carried out (works around wagtail#13896).

Wagtail 8.0 keeps `go_live_at` and `expire_at` on a page after `publish_scheduled` has acted on
them; the page editor then shows the old schedule and refuses the next draft with "Invalid
schedule". Clearing a passed date on the page and its latest revision avoids that.
"""

from django.dispatch import receiver
from django.utils import timezone

from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished


def _clear_passed_date(page, field):
    value = getattr(page, field)
    if value is None or value > timezone.now():
        return
    Page.objects.filter(pk=page.pk).update(**{field: None})
    setattr(page, field, None)
    revision = page.latest_revision
    if revision is not None and revision.content.get(field) is not None:
        revision.content[field] = None
        revision.save(update_fields=["content"])


@receiver(page_published)
def clear_passed_go_live(sender: type[Page], instance: Page, **kwargs: object) -> None:
    _clear_passed_date(instance, "go_live_at")


@receiver(page_unpublished)
def clear_passed_expiry(sender: type[Page], instance: Page, **kwargs: object) -> None:
    _clear_passed_date(instance, "expire_at")
