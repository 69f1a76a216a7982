import datetime

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from newsletter.models import Subscriber, SubscriptionCount

UNCONFIRMED_DAYS = 7


class Command(BaseCommand):
    help = (
        f"Delete newsletter sign-ups that were not confirmed within {UNCONFIRMED_DAYS} days "
        "(only an anonymous count remains). Run daily from cron."
    )

    def handle(self, *args, **options):
        cutoff = timezone.now() - datetime.timedelta(days=UNCONFIRMED_DAYS)
        with transaction.atomic():
            stale = list(
                Subscriber.objects.filter(
                    status=Subscriber.Status.PENDING, created_at__lt=cutoff
                ).values_list("pk", flat=True)
            )
            if stale:
                Subscriber.objects.filter(pk__in=stale).delete()
                SubscriptionCount.add(SubscriptionCount.Event.EXPIRED, len(stale))
        self.stdout.write(f"Deleted {len(stale)} unconfirmed sign-ups.")
