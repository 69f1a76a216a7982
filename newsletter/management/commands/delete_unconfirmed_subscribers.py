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
        stale = Subscriber.objects.filter(status=Subscriber.Status.PENDING, created_at__lt=cutoff)
        with transaction.atomic():
            _, per_model = stale.delete()
            deleted = per_model.get(Subscriber._meta.label, 0)
            if deleted:
                SubscriptionCount.add(SubscriptionCount.Event.EXPIRED, deleted)
        self.stdout.write(f"Deleted {deleted} unconfirmed sign-ups.")
