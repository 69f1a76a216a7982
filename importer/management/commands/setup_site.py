from django.core.management.base import BaseCommand
from django.db import transaction

from importer.site import ensure_site_structure


class Command(BaseCommand):
    help = (
        "Create the home page, the default site and the index pages (themes, news, "
        "publications, good practices, agenda) where they are missing, without demo content."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            home = ensure_site_structure()
        self.stdout.write(
            self.style.SUCCESS(f"Site structure ready under '{home.title}' ({home.url_path}).")
        )
