"""Build a site of 100,000 pages on PostgreSQL, to measure the site at that size.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kp100k \\
        .venv/bin/python -m bench.generate_site [--pages 100000] [--force]

Loads the demo content first (the site structure, its themes, settings and 71 pages, through
the page API), then adds the generated pages in bulk below the overviews: 60 % news items (all
under the one news overview, so that the admin's explorer shows an index with 60,000 children),
5 % publications with a small PDF each, good practices, events with their sessions and a few
more theme pages, classified by the demo's themes, sectors, regions and tags in proportions like
the demo's, with bodies of generated Dutch text (bench/dutch_text.py) as long as the demo's.

Creating pages one by one through Wagtail (`add_child`, a revision, publish) costs about 50 ms
per page: 80 minutes for 100,000. Here the page tree is written directly, as the importer
writes new pages (importer/tree.py): tree paths, depth and url paths are computed in Python, the
`wagtailcore_page` rows are inserted in batches (their ids come back from the database) and then
the rows of the page type's own table with those ids, as Django's `save()` does for one page of
a model with multi-table inheritance. Nothing is indexed for search and no signals are sent:
run `update_index` afterwards (bench/site_100k.py times it).
The generated pages have no revisions (see docs/benchmarks.md for what that changes).

Media files (the PDFs) go to MEDIA_ROOT, by default /tmp/kennisplatform-100k/media; use the same
MEDIA_ROOT when serving or indexing the site. Refuses a database that has content pages
already, unless --force is given: the pages are then added after the existing ones.
"""

import argparse
import datetime
import hashlib
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

DEFAULT_MEDIA_ROOT = str(Path(tempfile.gettempdir()) / "kennisplatform-100k" / "media")
BATCH = 1000

# Share of each type in the generated pages (the rest, after the theme pages, are practices).
NEWS_SHARE = 0.60
PUBLICATION_SHARE = 0.05
EVENT_SHARE = 0.13

# Themes added to the demo's six (the demo's are used more often, as a site's core themes are).
EXTRA_THEMES = [
    "Passend onderwijs", "Leerlingenvervoer", "Strategisch personeelsbeleid", "Verduurzaming",
    "Integrale kindcentra", "Medezeggenschap", "Techniekonderwijs", "Zij-instroom",
    "Doorlopende leerlijnen", "Bedrijfsvoering", "Burgerschap", "Digitalisering", "Nieuwkomers",
    "Vroegschoolse educatie",
]  # fmt: skip
TAG_COUNT = 150


def setup_django():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database (e.g. postgres://…/kp100k).")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    os.environ["DEBUG"] = "false"  # no query log growing with every insert
    os.environ["ELASTICSEARCH_URL"] = ""  # the index is built afterwards, on purpose
    os.environ.setdefault("MEDIA_ROOT", DEFAULT_MEDIA_ROOT)
    import django

    django.setup()


class SiteGenerator:
    def __init__(self, seed):
        from bench.dutch_text import DutchText

        self.text = DutchText(seed)
        self.random = self.text.random
        self.today = datetime.date.today()

    # Identifiers and dates

    def block_id(self):
        return str(uuid.UUID(int=self.random.getrandbits(128), version=4))

    def day_between(self, first, last):
        return first + datetime.timedelta(days=self.random.randrange((last - first).days + 1))

    def published_at(self, day):
        minutes = self.random.randrange(8 * 60, 17 * 60)
        moment = datetime.datetime.combine(day, datetime.time(minutes // 60, minutes % 60))
        return moment.replace(tzinfo=datetime.UTC)

    # Vocabularies shared by all pages

    def load_vocabularies(self):
        from taggit.models import Tag

        from bench.dutch_text import TITLE_TOPICS
        from core.models import Organisation, Person
        from taxonomy.models import Region, Sector
        from themes.models import ThemePage

        self.sectors = list(Sector.objects.values_list("pk", flat=True))
        self.national = Region.objects.get(slug="landelijk").pk
        self.provinces = list(Region.objects.exclude(pk=self.national).values_list("pk", flat=True))
        names = {*TITLE_TOPICS, *(f"{topic} {self.text.place()}" for topic in TITLE_TOPICS)}
        while len(names) < TAG_COUNT:
            names.add(f"{self.random.choice(TITLE_TOPICS)} {self.text.place()}".lower())
        Tag.objects.bulk_create(
            [Tag(name=name, slug=name.replace(" ", "-")) for name in sorted(names)],
            ignore_conflicts=True,
        )
        self.tags = list(Tag.objects.values_list("pk", flat=True))
        Organisation.objects.bulk_create(
            [Organisation(name=f"Stichting Onderwijs {place}") for place in _places()],
            ignore_conflicts=True,
        )
        self.organisations = list(Organisation.objects.values_list("pk", flat=True))
        if Person.objects.count() < 200:
            Person.objects.bulk_create(
                Person(
                    name=self.text.name(),
                    role="adviseur",
                    organisation_id=self.random.choice(self.organisations),
                )
                for _ in range(200)
            )
        self.people = list(Person.objects.values_list("pk", flat=True))
        self.core_themes = list(ThemePage.objects.values_list("pk", flat=True))

    def classification(self):
        """Themes (one or two, the demo's core themes three times as likely), sectors, regions
        (nationwide for 40 %, else one to three provinces) and tags of one page."""
        themes = self.core_themes * 3 + self.extra_themes
        chosen_themes = {self.random.choice(themes) for _ in range(self.random.randint(1, 2))}
        sectors = self.random.sample(self.sectors, self.random.randint(1, 3))
        if self.random.random() < 0.4:
            regions = [self.national]
        else:
            regions = self.random.sample(self.provinces, self.random.randint(1, 3))
        tags = self.random.sample(self.tags, self.random.randint(1, 3))
        return {"themes": chosen_themes, "sectors": sectors, "regions": regions, "tags": tags}

    # Pages of each type: (page instance, classification or None, extra rows builder or None)

    def common(self, model, day, paragraphs=(4, 7), **fields):
        title = self.text.title()
        published = self.published_at(day)
        return model(
            title=title,
            draft_title=title,
            intro=self.text.paragraph((2, 3))[:500],
            body=self.text.body_blocks(paragraphs, block_id=self.block_id),
            publication_date=day,
            first_published_at=published,
            last_published_at=published,
            # No revision is written; the admin's explorer sorts and shows "updated" by this.
            latest_revision_created_at=published,
            live=True,
            translation_key=uuid.uuid4(),  # unique across runs, also with --force
            **fields,
        )

    def news(self):
        from publications.models import NewsItemPage

        day = self.day_between(datetime.date(2008, 1, 1), self.today)
        return self.common(NewsItemPage, day), self.classification(), None

    def publication(self):
        from publications.enums import PublicationType
        from publications.models import PublicationPage

        day = self.day_between(datetime.date(2010, 1, 1), self.today)
        authors = ", ".join(self.text.name() for _ in range(self.random.randint(1, 3)))
        page = self.common(
            PublicationPage, day, authors=authors,
            publication_type=self.random.choice(PublicationType.values),
        )  # fmt: skip
        return page, self.classification(), self.publication_document

    def practice(self):
        from publications.models import PracticePage

        day = self.day_between(datetime.date(2012, 1, 1), self.today)
        # A practice tells most of its story in its four sections, next to a short body.
        page = self.common(
            PracticePage, day, paragraphs=(1, 2),
            reason=self.text.rich_text(), approach=self.text.rich_text((2, 3)),
            results=self.text.rich_text(), lessons=self.text.rich_text((1, 1)),
            contact_person_id=self.random.choice(self.people),
        )  # fmt: skip
        return page, self.classification(), self.practice_organisations

    def event(self):
        from agenda.enums import EventType
        from agenda.models import EventPage

        last = self.today + datetime.timedelta(days=240)
        start = self.day_between(datetime.date(2016, 1, 1), last)
        dates = sorted(
            {start, *(start + datetime.timedelta(days=self.random.randrange(1, 60))
                      for _ in range(self.random.randint(0, 2)))}
        )  # fmt: skip
        online = self.random.random() < 0.3
        place = "" if online else self.text.place()
        page = self.common(
            EventPage, start - datetime.timedelta(days=30),
            event_type=self.random.choice(EventType.values), is_online=online,
            location_name="" if online else f"Congrescentrum {place}", city=place,
            price=self.random.choice([None, 0, 95, 195, 450]),
            organiser_id=self.random.choice(self.organisations),
            audience="Bestuurders, schoolleiders en beleidsmedewerkers",
            registration_url="https://aanmelden.example.nl/",
            start_date=dates[0], end_date=dates[-1],
        )  # fmt: skip
        page._session_dates = dates
        return page, self.classification(), self.event_sessions

    def theme(self, title):
        from django.utils.text import slugify

        from themes.models import ThemePage

        page = self.common(ThemePage, self.today - datetime.timedelta(days=400))
        page.title = page.draft_title = title
        page.slug = slugify(title)
        return page, None, None

    # Rows that belong to a page besides its classification

    def publication_document(self, page):
        from django.core.files.base import ContentFile
        from django.core.files.storage import default_storage

        from importer.demo.pdfs import publication_pdf
        from publications.models import PublicationDocument

        document_model = _document_model()
        paragraphs = "".join(f"<p>{self.text.paragraph()}</p>" for _ in range(3))
        content = publication_pdf(
            title=page.title, authors=page.author_list, intro=page.intro, body_html=paragraphs
        )
        name = default_storage.save(f"documents/publicatie-{page.pk}.pdf", ContentFile(content))
        document = document_model.objects.create(
            title=page.title[:255], file=name, file_size=len(content),
            file_hash=hashlib.sha1(content).hexdigest(), collection_id=self.root_collection,  # noqa: S324 - Wagtail's own file hash
        )  # fmt: skip
        return [PublicationDocument(page_id=page.pk, document=document, sort_order=0)]

    def practice_organisations(self, page):
        from publications.models import PracticeOrganisation

        chosen = self.random.sample(self.organisations, self.random.randint(1, 3))
        return [
            PracticeOrganisation(page_id=page.pk, organisation_id=pk, sort_order=position)
            for position, pk in enumerate(chosen)
        ]

    def event_sessions(self, page):
        from agenda.models import EventSession

        return [
            EventSession(page_id=page.pk, date=day, sort_order=number,
                         start_time=datetime.time(10), end_time=datetime.time(16))
            for number, day in enumerate(page._session_dates)
        ]  # fmt: skip


def _places():
    from bench.dutch_text import PLACES

    return PLACES


def _document_model():
    from wagtail.documents import get_document_model

    return get_document_model()


class TreeWriter:
    """Appends pages below one parent, in bulk (importer/tree.py), with their other rows."""

    def __init__(self, parent):
        from wagtail.models import Locale

        self.parent = parent
        self.numbered = parent.numchild  # slugs are numbered on from the children there are
        self.locale = Locale.get_default().pk

    def write(self, generated):
        """Insert one batch of (page, classification, extra rows builder) in one transaction."""
        from django.db import transaction
        from django.utils.text import slugify

        from importer.tree import append_children, insert_pages

        model = type(generated[0][0])
        pages = [page for page, _, _ in generated]
        for page in pages:
            self.numbered += 1
            page.slug = page.slug or f"{slugify(page.title)[:80].rstrip('-')}-{self.numbered}"
            page.locale_id = self.locale
        with transaction.atomic():
            append_children(self.parent, pages)
            insert_pages(pages)
            if model.is_classified:
                self._classify(model, generated)
            extra = [row for page, _, build in generated if build for row in build(page)]
            for row_model in {type(row) for row in extra}:
                row_model.objects.bulk_create([row for row in extra if type(row) is row_model])

    def _classify(self, model, generated):
        tag_through = model._meta.get_field("tags").remote_field.through
        tags = []
        for relation in ("themes", "sectors", "regions"):
            through = model._meta.get_field(relation).remote_field.through
            source, target = _through_columns(through, model)
            rows = [
                through(**{source: page.pk, target: pk})
                for page, classification, _ in generated
                if classification
                for pk in classification[relation]
            ]
            through.objects.bulk_create(rows)
        for page, classification, _ in generated:
            if classification:
                tags += [
                    tag_through(content_object_id=page.pk, tag_id=pk)
                    for pk in classification["tags"]
                ]
        tag_through.objects.bulk_create(tags)


def _through_columns(through, model):
    """(column of the page, column of the other side) of an automatic m2m through model."""
    source = next(f.attname for f in through._meta.fields if f.related_model is model)
    target = next(
        f.attname for f in through._meta.fields if f.is_relation and f.related_model is not model
    )
    return source, target


def has_content():
    from core.content_types import content_page_models

    return any(model.objects.exists() for model in content_page_models())


def plan(total, themes):
    """How many pages of each type, `themes` theme pages included in the total."""
    news = round(total * NEWS_SHARE)
    publications = round(total * PUBLICATION_SHARE)
    events = round(total * EVENT_SHARE)
    practices = total - news - publications - events - themes
    return {"news": news, "publication": publications, "practice": practices, "event": events}


def generate(total, seed, force):
    from django.core.management import call_command
    from django.db import connection
    from django.utils.text import slugify

    from wagtail.models import Collection

    from agenda.models import EventIndexPage
    from publications.models import NewsIndexPage, PracticeIndexPage, PublicationIndexPage
    from themes.models import ThemeIndexPage, ThemePage

    started = time.perf_counter()

    def report(message):
        print(f"{time.perf_counter() - started:7.1f} s  {message}", flush=True)

    call_command("migrate", verbosity=0)
    if has_content() and not force:
        raise SystemExit(
            "This database has content pages already; use --force to add the generated pages "
            "to them (or create an empty database)."
        )
    call_command("load_demo_content", verbosity=0)
    report("migrated, demo content loaded")
    generator = SiteGenerator(seed)
    generator.root_collection = Collection.get_first_root_node().pk
    generator.load_vocabularies()
    theme_index = ThemeIndexPage.objects.get()
    slugs = {slugify(title): title for title in EXTRA_THEMES}
    existing = set(ThemePage.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    themes = [generator.theme(title) for slug, title in slugs.items() if slug not in existing]
    if themes:  # not when adding to a generated site (--force)
        TreeWriter(theme_index).write(themes)
    generator.extra_themes = list(
        ThemePage.objects.filter(slug__in=slugs).values_list("pk", flat=True)
    )
    report(f"{len(themes)} theme pages")
    builders = {
        "news": (NewsIndexPage, generator.news),
        "publication": (PublicationIndexPage, generator.publication),
        "practice": (PracticeIndexPage, generator.practice),
        "event": (EventIndexPage, generator.event),
    }
    for kind, count in plan(total, len(themes)).items():
        index_model, build = builders[kind]
        writer = TreeWriter(index_model.objects.get())
        for done in range(0, count, BATCH):
            writer.write([build() for _ in range(min(BATCH, count - done))])
        report(f"{count} {kind} pages")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    report(f"done: {ThemePage.objects.count()} themes; {total} pages generated")
    print("Next: update_index (bench/site_100k.py index measures it).")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=100_000, help="pages to generate")
    parser.add_argument("--seed", type=int, default=100_000)
    parser.add_argument("--force", action="store_true", help="add to a site that has content")
    options = parser.parse_args()
    setup_django()
    generate(options.pages, options.seed, options.force)


if __name__ == "__main__":
    sys.exit(main())
