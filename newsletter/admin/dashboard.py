"""The newsletter's dashboard panel: subscriber counts, wired up in wagtail_hooks.py."""

from django.db.models import Count
from django.utils import timezone

from wagtail.admin.ui.components import Component

from ..models import Subscriber, SubscriptionCount


def subscription_summary():
    """Subscriber counts now, and confirmations and departures since the 1st of this month."""
    # SubscriptionCount rows are dated in the default time zone (Europe/Amsterdam).
    month_start = timezone.localdate(timezone=timezone.get_default_timezone()).replace(day=1)
    by_status = dict(
        Subscriber.objects.order_by().values_list("status").annotate(count=Count("pk"))
    )
    return {
        "confirmed": by_status.get(Subscriber.Status.CONFIRMED, 0),
        "paused": by_status.get(Subscriber.Status.PAUSED, 0),
        "pending": by_status.get(Subscriber.Status.PENDING, 0),
        "confirmed_this_month": SubscriptionCount.total_since(
            SubscriptionCount.Event.CONFIRMED, month_start
        ),
        "unsubscribed_this_month": SubscriptionCount.total_since(
            SubscriptionCount.Event.UNSUBSCRIBED, month_start
        ),
        "month_start": month_start,
    }


class NewsletterSummaryPanel(Component):
    name = "newsletter_summary"
    order = 150
    template_name = "newsletter/admin/summary_panel.html"

    def __init__(self, subscribers_url):
        self.subscribers_url = subscribers_url

    def get_context_data(self, parent_context):
        return {"summary": subscription_summary(), "subscribers_url": self.subscribers_url}
