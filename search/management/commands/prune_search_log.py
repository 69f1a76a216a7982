"""Delete search log rows older than a number of days."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from search.models import SearchQueryDay
from search.query_log import log_date

DEFAULT_DAYS = 400


class Command(BaseCommand):
    help = (
        "Delete search log rows (search.SearchQueryDay: one row per query per day) older than "
        f"--days days, {DEFAULT_DAYS} by default, counted back from today in Europe/Amsterdam. "
        "A row dated exactly --days days ago is kept. The default keeps the 365-day reports "
        "complete with a margin. Run it daily or weekly from cron; --dry-run only counts."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=DEFAULT_DAYS,
            help=f"Keep this many days of search log (default: {DEFAULT_DAYS}; at least 1).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report how many rows would be deleted without deleting them.",
        )

    def handle(self, *args, days, dry_run, **options):
        if days < 1:
            raise CommandError("--days must be at least 1.")
        cutoff = log_date() - datetime.timedelta(days=days)
        old_rows = SearchQueryDay.objects.filter(date__lt=cutoff)
        if dry_run:
            count = old_rows.count()
            self.stdout.write(
                f"Dry run: would delete {count} search log row(s) dated before {cutoff:%Y-%m-%d} "
                f"(older than {days} days)."
            )
            return
        count, _ = old_rows.delete()
        self.stdout.write(
            self.style.SUCCESS(
                f"Deleted {count} search log row(s) dated before {cutoff:%Y-%m-%d} "
                f"(older than {days} days)."
            )
        )
