"""Wagtail's `publish_scheduled`, whose publications and expiries go live together when it ends,
once the home page and the main navigation's pages are warm (core.warm_up)."""

from wagtail.management.commands import publish_scheduled

from core import warm_up


class Command(publish_scheduled.Command):
    def handle(self, *args, **options):
        with warm_up.before_going_live():
            super().handle(*args, **options)
