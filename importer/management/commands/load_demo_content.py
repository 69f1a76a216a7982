import json
import tempfile
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from wagtail.images import get_image_model
from wagtail.models import Site

from agenda.enums import EventType
from agenda.models import EventPage
from importer.demo.illustrations import alt_text, theme_illustration
from importer.demo.pdfs import publication_pdf
from importer.importer import ContentImporter, LineError
from importer.site import ensure_site_settings, ensure_site_structure, link_privacy_statement
from publications.models import PracticePage, PublicationPage
from themes.models import ThemePage

VALUE_STATEMENT = (
    "Kennis, praktijkvoorbeelden en publicaties voor schoolbesturen over krimp, regionale "
    "samenwerking en het lerarentekort"
)
DEMO_CONTENT = Path(__file__).resolve().parents[2] / "demo" / "content.jsonl"


class Command(BaseCommand):
    help = (
        "Create the site structure and load the demo content (themes, news, publications with "
        "PDF files, good practices, events) with an illustration per theme. Running it again "
        "changes nothing."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            home = ensure_site_structure()
            ensure_site_settings(Site.objects.get(is_default_site=True))
        records = [json.loads(line) for line in DEMO_CONTENT.open(encoding="utf-8")]
        counts = {"created": 0, "updated": 0, "unchanged": 0}
        with tempfile.TemporaryDirectory() as folder:
            write_demo_documents(records, Path(folder))
            importer = ContentImporter(base_dir=folder)
            for number, record in enumerate(records, start=1):
                try:
                    with transaction.atomic():
                        counts[importer.import_record(record)] += 1
                except LineError as error:
                    raise CommandError(f"{DEMO_CONTENT.name} line {number}: {error}") from None
        # Read again: publishing the copy read before the import would write back the number of
        # children it had then (Wagtail keeps the tree fields of the object it publishes).
        home.refresh_from_db()
        with transaction.atomic():
            complete_home(home)
            illustrate_themes()
            link_privacy_statement(Site.objects.get(is_default_site=True))
        if counts["created"] or counts["updated"]:
            call_command("update_index", verbosity=0)
        self.stdout.write(
            self.style.SUCCESS(
                "Demo content: " + ", ".join(f"{n} {name}" for name, n in counts.items())
            )
        )


def write_demo_documents(records, folder):
    """Render each demo publication's documents as PDF files made from its own text."""
    for record in records:
        for document in record.get("documents", []):
            (folder / document["file"]).write_bytes(
                publication_pdf(
                    title=document.get("title") or record["title"],
                    authors=record.get("authors", []),
                    intro=record["intro"],
                    body_html=record.get("body", ""),
                )
            )


def illustrate_themes():
    """Give each theme without a listing image its own illustration, with Dutch alt text. Cards
    of content about a theme show it when the content has no image of its own."""
    for theme in ThemePage.objects.filter(listing_image__isnull=True):
        image = get_image_model()(
            title=f"Illustratie {theme.title}",
            description=alt_text(theme.title),
            file=ContentFile(theme_illustration(theme.slug), name=f"thema-{theme.slug}.png"),
        )
        image._set_image_file_metadata()  # size and hash, as Wagtail's upload form sets them
        image.save()
        theme.listing_image = image
        theme.save_revision().publish()


def complete_home(home):
    """Give the home page its value statement and feature a publication, a good practice and
    the learning track, where editors have not chosen yet."""
    changed = False
    if not home.value_statement:
        home.value_statement = VALUE_STATEMENT
        changed = True
    if not len(home.featured_pages):
        candidates = [
            PublicationPage.objects.live().order_by("-publication_date").first(),
            PracticePage.objects.live().order_by("-publication_date").first(),
            EventPage.objects.live().filter(event_type=EventType.LEARNING_TRACK).first(),
        ]
        home.featured_pages = [("page", page) for page in candidates if page is not None]
        changed = True
    if changed:
        home.save_revision().publish()
