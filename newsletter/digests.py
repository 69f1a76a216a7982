"""What goes into each subscriber's digest: the pages they have not had yet.

A page is due for a subscriber when it is live, public and in the default site, on a theme they
follow (or they follow everything), first published after they confirmed, dated within the last
MAX_ITEM_AGE (so that importing old content does not mail it out), and not in any e-mail they
were sent before (digest or edition; the send log in `Delivery.pages` decides).
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.db.models import Max, Prefetch, Q

from wagtail.models import Page, Site

from core.content_types import classified_page_models
from themes.models import ThemePage

from .models import Delivery, Subscriber, SubscriberQuerySet

MAX_ITEM_AGE = datetime.timedelta(days=30)


def digest_interval() -> datetime.timedelta:
    return datetime.timedelta(days=settings.NEWSLETTER_DIGEST_INTERVAL_DAYS)


def candidate_pages(now: datetime.datetime) -> list[Page]:
    """Recently published pages of every classified type, newest first, with `theme_ids`."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return []
    since = now - MAX_ITEM_AGE
    pages = []
    for model in classified_page_models():
        pages += (
            model.objects.live()
            .public()
            .in_site(site)
            .filter(first_published_at__gte=since, publication_date__gte=since.date())
            .defer_streamfields()
            .prefetch_related(Prefetch("themes", queryset=ThemePage.objects.only("pk")))
        )
    for page in pages:
        page.theme_ids = {theme.pk for theme in page.themes.all()}
    pages.sort(key=lambda page: (page.publication_date, page.first_published_at), reverse=True)
    return pages


def due_subscribers(now: datetime.datetime) -> SubscriberQuerySet:
    """Receiving subscribers whose last digest is at least the digest interval ago."""
    interval = digest_interval()
    threshold = now - interval + min(interval / 2, datetime.timedelta(hours=1))
    delivered = Q(deliveries__edition__isnull=True, deliveries__status__in=Delivery.DELIVERED)
    return (
        Subscriber.objects.receiving()
        .filter(Q(retry_after__isnull=True) | Q(retry_after__lte=now))
        .annotate(last_digest=Max("deliveries__created_at", filter=delivered))
        .filter(Q(last_digest__isnull=True) | Q(last_digest__lte=threshold))
        .order_by("pk")
    )


def delivered_page_ids(
    subscribers: Iterable[Subscriber], pages: Iterable[Page]
) -> dict[int, set[int]]:
    """{subscriber pk: {page pk, ...}} of the given pages already sent to each subscriber."""
    through = Delivery.pages.through
    rows = through.objects.filter(
        delivery__subscriber__in=subscribers,
        delivery__status__in=Delivery.DELIVERED,
        page_id__in=[page.pk for page in pages],
    ).values_list("delivery__subscriber_id", "page_id")
    delivered = defaultdict(set)
    for subscriber_id, page_id in rows:
        delivered[subscriber_id].add(page_id)
    return delivered


def pages_for(subscriber: Subscriber, pages: Iterable[Page], delivered_ids: set[int]) -> list[Page]:
    """The candidate pages due for one subscriber (needs its themes prefetched)."""
    theme_ids = None if subscriber.all_themes else {theme.pk for theme in subscriber.themes.all()}
    return [
        page
        for page in pages
        if page.first_published_at >= subscriber.confirmed_at
        and page.pk not in delivered_ids
        and (theme_ids is None or theme_ids & page.theme_ids)
    ]
