"""Create or update published pages from import records; the format is in docs/import.md.

`ContentImporter.import_lines()` takes a batch of lines of a JSON Lines file and says for each
what became of it, with a `LineError` giving the reason for the operator when a line cannot be
imported; `import_line()` imports one line at once and raises the `LineError`.
"""

import datetime
import decimal
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils.text import slugify

from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from agenda.enums import EventType
from agenda.models import EventSession
from core.content_types import content_page_models
from core.models import BasePage, Organisation, Person
from home.models import HomePage
from publications.enums import PublicationType
from publications.models import DOWNLOAD_EXTENSIONS, PracticeOrganisation, PublicationDocument
from taxonomy.models import Region, Sector
from themes.models import ThemeContact, ThemePage

from . import indexing, publishing
from .html import to_body_blocks, to_rich_text

COMMON_FIELDS = {
    "kind", "title", "date", "intro", "body", "source_url", "slug",
    "themes", "sectors", "regions", "tags",
}  # fmt: skip
# The fields a kind has besides the common ones, each filled in by its `_apply_<kind>` method; a
# content type that is not listed here is imported with the common fields.
KIND_FIELDS = {
    "publication": {"publication_type", "authors", "documents"},
    "practice": {"organisations", "reason", "approach", "results", "lessons", "contact"},
    "event": {
        "event_type",
        "sessions",
        "location",
        "price",
        "organiser",
        "audience",
        "speakers",
        "registration_url",
        "registration_deadline",
    },  # fmt: skip
    "theme": {"key_figures", "contacts"},
}
PERSON_FIELDS = {"name", "role", "organisation", "email", "phone"}


class LineError(ValueError):
    """Why a line cannot be imported, for the operator."""


Outcome = str | LineError


def kind_models() -> dict[str, type[BasePage]]:
    """{kind: page model} of every content type, as import files name them."""
    return {model.import_kind: model for model in content_page_models()}


class Record:
    """Typed, validated access to the fields of one import line."""

    def __init__(self, data):
        if not isinstance(data, dict):
            raise LineError("a line must be a JSON object")
        self.data = data
        self.kind = data.get("kind")
        models = kind_models()
        if self.kind not in models:
            raise LineError(f"unknown kind {self.kind!r}; expected one of {', '.join(models)}")
        self.model = models[self.kind]
        self.source_url = self.text("source_url", max_length=500)
        allowed = COMMON_FIELDS | KIND_FIELDS.get(self.kind, set())
        unknown = sorted(set(data) - allowed)
        if unknown:
            raise LineError(f"unknown field(s) for kind {self.kind!r}: {', '.join(unknown)}")
        if not self.model.is_classified:
            for name in ("themes", "sectors", "regions", "tags"):
                if data.get(name):
                    raise LineError(f"kind {self.kind!r} cannot have {name!r}")

    def text(self, name: str, *, required: bool = False, max_length: int | None = None) -> str:
        value = self.data.get(name)
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise LineError(f"{name!r} must be a string")
        value = value.strip()
        if required and not value:
            raise LineError(f"missing {name!r}")
        if max_length and len(value) > max_length:
            raise LineError(f"{name!r} is longer than {max_length} characters")
        return value

    def date(
        self, name: str, *, required: bool = False, source: Mapping[str, Any] | None = None
    ) -> datetime.date | None:
        value = (source if source is not None else self.data).get(name)
        if value in (None, ""):
            if required:
                raise LineError(f"missing {name!r}")
            return None
        try:
            return datetime.date.fromisoformat(value)
        except (TypeError, ValueError):
            raise LineError(f"bad date {value!r} in {name!r}; expected YYYY-MM-DD") from None

    def names(self, name: str) -> list[str]:
        value = self.data.get(name) or []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise LineError(f"{name!r} must be a list of strings")
        return [item.strip() for item in value if item.strip()]

    def objects(self, name: str) -> list[dict[str, Any]]:
        value = self.data.get(name) or []
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            raise LineError(f"{name!r} must be a list of objects")
        return value


@dataclass
class NewPage:
    """A validated new page, to be written below `parent` with the other new pages of a batch."""

    parent: Page
    page: BasePage
    slug: str  # what the slug is made from: the first free of slug, slug-2, slug-3 ...


class ContentImporter:
    """Imports lines in batches (`import_lines`), or one at a time (`import_line`)."""

    def __init__(self, base_dir):
        self.base_dir = Path(base_dir).resolve()
        self._parents = {}
        # Themes, sectors and regions by the names lines give them, looked up once per run.
        self._themes, self._sectors, self._regions = {}, {}, {}
        self._tags = {}  # {lower-case name: Tag} of the tags found in the database
        self._kinds_by_source_url = None
        self._queued = {}  # {line number: NewPage} of the batch being read

    def import_lines(self, lines: Iterable[tuple[int, bytes]]) -> list[tuple[int, Outcome]]:
        """Import a batch of (line number, line); returns the outcome of each non-empty line, in
        order: "created", "updated", "unchanged" or the LineError that says why it failed.

        Each line is read and validated in its own transaction (which also publishes a changed
        page); the new pages are then written together, in one transaction, or one at a time
        when that fails, so that the line at fault is reported and the others are kept. A new
        theme is written at once: the lines after it may refer to it."""
        outcomes = {}
        for number, line in lines:
            if not line.strip():
                continue
            try:
                record = Record(_parse(line))
                if record.source_url in self._queued_source_urls():
                    outcomes.update(self._write_queued())  # a line repeated within the batch
                with transaction.atomic():
                    result = self._import_record(record)
            except LineError as error:
                outcomes[number] = error
                continue
            if isinstance(result, NewPage):
                self._queued[number] = result
                if record.kind == "theme":
                    outcomes.update(self._write_queued())
            else:
                outcomes[number] = result
        outcomes.update(self._write_queued())
        return sorted(outcomes.items())

    def import_line(self, line: str | bytes) -> str:
        """Import one JSON line at once, in the caller's transaction. Returns "created",
        "updated" or "unchanged"; raises LineError when the line cannot be imported."""
        return self.import_record(_parse(line))

    def import_record(self, data: object) -> str:
        """`import_line()` for a line parsed already."""
        result = self._import_record(Record(data))
        if isinstance(result, NewPage):
            error = self._write([result])
            if error:
                raise error
            return "created"
        return result

    def _import_record(self, record):
        """Publish a changed page (returns "updated"), or validate a new one (returns it, as a
        NewPage, to be written by `_write`); "unchanged" when the line was imported before."""
        model = record.model
        checksum = self._checksum(record)
        page = self._existing_page(model, record.source_url) if record.source_url else None
        if page is not None and page.import_checksum == checksum and page.live:
            return "unchanged"
        created = page is None
        if created:
            page = model(source_url=record.source_url)
            parent = self._parent_for(model)
        else:
            parent = page.get_parent()
        page.import_checksum = checksum
        self._apply_common(page, record, parent)
        apply_kind_fields = getattr(self, f"_apply_{record.kind}", None)
        if apply_kind_fields:
            apply_kind_fields(page, record)
        try:
            if created:
                _validate_new_page(page, parent)
                return NewPage(parent, page, page.slug)
            publishing.publish_changes(page)
        except ValidationError as error:
            raise LineError(_describe_validation_error(error)) from None
        if indexing.is_deferred():
            indexing.mark_pending([page])
        if record.kind == "theme":
            self._themes.clear()  # a theme's title or slug may have changed
        return "updated"

    # Writing new pages

    def _write_queued(self):
        """Write the queued new pages together, or one at a time when the database refuses
        that; returns {line number: "created" or the LineError}."""
        queued, self._queued = self._queued, {}
        error = self._write(list(queued.values()))
        if error is None:
            return dict.fromkeys(queued, "created")
        if len(queued) == 1:
            return dict.fromkeys(queued, error)
        return {number: self._write([new]) or "created" for number, new in queued.items()}

    def _write(self, new_pages):
        """Write new pages in one transaction; returns a LineError if the database refused."""
        pages = [new.page for new in new_pages]
        try:
            with transaction.atomic():
                _choose_free_slugs(new_pages)
                publishing.publish_new_pages([(new.parent, new.page) for new in new_pages])
                indexing.mark_pending(pages)
                if not indexing.is_deferred():
                    indexing.index_pending()  # as saving the pages one by one would have done
        except DatabaseError as error:
            return LineError(f"could not be saved: {error}")
        for page in pages:
            if page.source_url:
                self._source_urls()[page.source_url] = type(page)
            if isinstance(page, ThemePage):
                self._themes.clear()
        return None

    def _queued_source_urls(self):
        return {new.page.source_url for new in self._queued.values()} - {""}

    # Finding pages

    def _existing_page(self, model, source_url):
        kind = self._source_urls().get(source_url)
        if kind is None:
            return None
        if kind is not model:
            raise LineError(f"source_url {source_url!r} was imported before as another kind")
        return model.objects.filter(source_url=source_url).first()

    def _source_urls(self):
        """{source_url: page model} of every imported page, read once per run and kept up to
        date by `import_record`: a new page then costs no query per content type to rule out
        that its source_url belongs to a page of another kind."""
        if self._kinds_by_source_url is None:
            self._kinds_by_source_url = {
                source_url: model
                for model in kind_models().values()
                for source_url in model.objects.exclude(source_url="")
                .values_list("source_url", flat=True)
                .iterator()
            }
        return self._kinds_by_source_url

    def _parent_for(self, model):
        """The page new pages of `model` go under: its index page, or the home page itself."""
        if model not in self._parents:
            site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
            if site is None or not isinstance(site.root_page.specific, HomePage):
                raise LineError("the default site has no home page; run load_demo_content first")
            home = site.root_page.specific
            index_model = model.allowed_parent_page_models()[0]
            if isinstance(home, index_model):
                self._parents[model] = home
            else:
                parent = index_model.objects.descendant_of(home).first()
                if parent is None:
                    raise LineError(f"there is no {index_model._meta.verbose_name} to import into")
                self._parents[model] = parent
        return self._parents[model]

    # Fields

    def _checksum(self, record):
        digest = hashlib.sha256(json.dumps(record.data, sort_keys=True).encode())
        for item in record.data.get("documents") or []:
            if isinstance(item, dict):
                path = self._resolve_file(item.get("file"))
                digest.update(_file_sha1(path).encode())
        return digest.hexdigest()

    def _apply_common(self, page, record, parent):
        page.title = record.text("title", required=True, max_length=255)
        page.intro = record.text("intro", required=True, max_length=500)
        date = record.date("date", required=record.model.is_classified)
        if date:
            page.publication_date = date
        page.body = to_body_blocks(record.text("body"))
        slug = record.text("slug", max_length=255)
        if slug or page.pk is None:
            page.slug = slugify(slug or page.title)[:255] or "pagina"
            if page.pk is not None:  # a new page's slug is made free when it is written
                page.slug = _free_slug(parent, page, page.slug)
        if record.model.is_classified:
            page.themes = [self._theme(name) for name in record.names("themes")]
            page.sectors = [self._sector(name) for name in record.names("sectors")]
            page.regions = [self._region(name) for name in record.names("regions")]
            page.tags.set(self._tags_called(record.names("tags")))

    def _apply_publication(self, page, record):
        publication_type = record.text("publication_type", required=True)
        if publication_type not in PublicationType.values:
            raise LineError(
                f"unknown publication_type {publication_type!r}; "
                f"expected one of {', '.join(PublicationType.values)}"
            )
        page.publication_type = publication_type
        page.authors = ", ".join(record.names("authors"))[:500]
        documents = record.objects("documents")
        if not documents:
            raise LineError("a publication needs at least one document")
        page.documents = [self._document(item) for item in documents]

    def _apply_practice(self, page, record):
        organisations = {}  # by id, in the line's order, each once
        for name in record.names("organisations"):
            organisation = self._organisation(name)
            organisations.setdefault(organisation.pk, organisation)
        page.organisation_links = [
            PracticeOrganisation(organisation=organisation, sort_order=position)
            for position, organisation in enumerate(organisations.values())
        ]
        page.reason = to_rich_text(record.text("reason"))
        page.approach = to_rich_text(record.text("approach"))
        page.results = to_rich_text(record.text("results"))
        page.lessons = to_rich_text(record.text("lessons"))
        contact = record.data.get("contact")
        page.contact_person = self._person(contact, "contact") if contact else None

    def _apply_event(self, page, record):
        event_type = record.text("event_type", required=True)
        if event_type not in EventType.values:
            raise LineError(
                f"unknown event_type {event_type!r}; expected one of {', '.join(EventType.values)}"
            )
        page.event_type = event_type
        sessions = record.objects("sessions")
        if not sessions:
            raise LineError("an event needs at least one session in 'sessions'")
        page.sessions = [self._session(record, item) for item in sessions]
        location = record.data.get("location") or {}
        if not isinstance(location, dict):
            raise LineError("'location' must be an object")
        page.is_online = bool(location.get("online"))
        page.location_name = _short(location.get("name"), "location.name", 255)
        page.address = _short(location.get("address"), "location.address", 255)
        page.postcode = _short(location.get("postcode"), "location.postcode", 10)
        page.city = _short(location.get("city"), "location.city", 100)
        page.price = _price(record.data.get("price"))
        organiser = record.text("organiser", max_length=255)
        page.organiser = self._organisation(organiser) if organiser else None
        page.audience = record.text("audience", max_length=500)
        page.speakers = [self._person(item, "speakers") for item in record.objects("speakers")]
        page.registration_url = record.text("registration_url", max_length=200)
        page.registration_deadline = record.date("registration_deadline")
        page.set_dates_from_sessions()  # a new page is written without its save()

    def _apply_theme(self, page, record):
        figures = []
        for item in record.objects("key_figures"):
            figures.append(
                {
                    "type": "figure",
                    "value": {
                        "value": _short(item.get("value"), "key_figures.value", 20),
                        "label": _short(item.get("label"), "key_figures.label", 150),
                    },
                }
            )
        page.key_figures = figures
        people = [self._person(item, "contacts") for item in record.objects("contacts")]
        page.contacts = [ThemeContact(person=person) for person in dict.fromkeys(people)]

    # Related objects

    def _theme(self, name):
        return self._remembered(
            self._themes, name,
            lambda: ThemePage.objects.filter(Q(title__iexact=name) | Q(slug=name)),
            f"unknown theme {name!r} (import the theme first)",
        )  # fmt: skip

    def _sector(self, name):
        return self._remembered(
            self._sectors, name,
            lambda: Sector.objects.filter(
                Q(abbreviation__iexact=name) | Q(name__iexact=name) | Q(slug=name.lower())
            ),
            f"unknown sector {name!r}",
        )  # fmt: skip

    def _region(self, name):
        return self._remembered(
            self._regions, name,
            lambda: Region.objects.filter(Q(name__iexact=name) | Q(slug=name.lower())),
            f"unknown region {name!r}",
        )  # fmt: skip

    def _tags_called(self, names):
        """For each name its tag when it is in the database (looked up once per run, ignoring
        case as taggit does), else the name itself, for taggit to create in the line's own
        transaction (which takes it back when the line fails)."""
        for name in names:
            if name.lower() not in self._tags:
                tag = Tag.objects.filter(name__iexact=name).order_by("pk").first()
                if tag is not None:
                    self._tags[name.lower()] = tag
        return [self._tags.get(name.lower(), name) for name in names]

    @staticmethod
    def _remembered(found, name, lookup, unknown):
        """The first of the queryset `lookup()` gives, built and read only when `name` is not in
        `found` yet (building it costs more than the whole lookup once remembered), or a
        LineError saying `unknown`."""
        if name not in found:
            item = lookup().first()
            if item is None:
                raise LineError(unknown)
            found[name] = item
        return found[name]

    def _organisation(self, name):
        name = name.strip()[:255]
        organisation = Organisation.objects.filter(name__iexact=name).first()
        return organisation or Organisation.objects.create(name=name)

    def _person(self, data, field):
        if not isinstance(data, dict):
            raise LineError(f"{field!r} must contain objects with at least a 'name'")
        unknown = sorted(set(data) - PERSON_FIELDS)
        if unknown:
            raise LineError(f"unknown field(s) in {field!r}: {', '.join(unknown)}")
        name = _short(data.get("name"), f"{field}.name", 255)
        if not name:
            raise LineError(f"a person in {field!r} has no name")
        person = Person.objects.filter(name=name).first() or Person(name=name)
        organisation = _short(data.get("organisation"), f"{field}.organisation", 255)
        values = {
            "role": _short(data.get("role"), f"{field}.role", 255),
            "email": _short(data.get("email"), f"{field}.email", 254),
            "phone": _short(data.get("phone"), f"{field}.phone", 40),
            "organisation": self._organisation(organisation) if organisation else None,
        }
        changed = person.pk is None
        for attribute, value in values.items():
            if value and getattr(person, attribute) != value:
                setattr(person, attribute, value)
                changed = True
        if changed:
            try:
                person.full_clean()
            except ValidationError as error:
                raise LineError(f"{field}: {_describe_validation_error(error)}") from None
            person.save()
        return person

    def _session(self, record, item):
        try:
            start = _time(item.get("start"), "sessions.start")
            end = _time(item.get("end"), "sessions.end")
        except ValueError as error:
            raise LineError(str(error)) from None
        if start and end and end <= start:
            raise LineError("a session ends before it starts")
        return EventSession(
            date=record.date("date", required=True, source=item),
            start_time=start,
            end_time=end,
            title=_short(item.get("title"), "sessions.title", 255),
        )

    def _resolve_file(self, name):
        if not isinstance(name, str) or not name.strip():
            raise LineError("every document needs a 'file'")
        path = (self.base_dir / name).resolve()
        if not path.is_relative_to(self.base_dir):
            raise LineError(f"document {name!r} lies outside the folder of the import file")
        if path.suffix.lower() not in DOWNLOAD_EXTENSIONS:
            raise LineError(f"document {name!r} is not a PDF or Word file")
        if not path.is_file():
            raise LineError(f"document {name!r} not found")
        return path

    def _document(self, item):
        path = self._resolve_file(item.get("file"))
        title = _short(item.get("title"), "documents.title", 255) or path.stem
        document_model = get_document_model()
        document = document_model.objects.filter(file_hash=_file_sha1(path)).first()
        if document is None:
            with path.open("rb") as handle:
                document = document_model(title=title, file=File(handle, name=path.name))
                document._set_document_file_metadata()
                document.save()
        return PublicationDocument(document=document, title=title)


def _numbered_slug(slug, number):
    return slug if number == 1 else f"{slug[:250]}-{number}"


def _free_slug(parent, page, slug):
    """`slug`, or `slug-2`, `slug-3` ...: the first that no other child of `parent` has."""
    number, candidate = 1, slug
    while (parent.path, candidate) in _taken_slugs([candidate], exclude=page):
        number += 1
        candidate = _numbered_slug(slug, number)
    return candidate


def _choose_free_slugs(new_pages):
    """Give each new page the first of its slug, slug-2, slug-3 ... that no child of its parent
    has, in the database or earlier in `new_pages`: one query for the batch, and one more per
    round of numbers while some are taken."""
    numbers = {id(new): 1 for new in new_pages}
    chosen = set()  # (parent path, slug) given to pages of the batch
    waiting = new_pages
    while waiting:
        candidates = {id(new): _numbered_slug(new.slug, numbers[id(new)]) for new in waiting}
        taken = _taken_slugs(set(candidates.values())) | chosen
        still_waiting = []
        for new in waiting:
            place = (new.parent.path, candidates[id(new)])
            if place in taken:
                numbers[id(new)] += 1
                still_waiting.append(new)
            else:
                new.page.slug = candidates[id(new)]
                chosen.add(place)
                taken.add(place)
        waiting = still_waiting


def _taken_slugs(slugs, exclude=None):
    """{(parent path, slug)} of the pages with one of `slugs` (but `exclude`). Found by the
    slugs alone, whose index finds the few pages that have them anywhere in the tree; a query
    for a parent's children reads all pages at their depth on SQLite (its LIKE cannot use an
    index)."""
    pages = Page.objects.filter(slug__in=list(slugs))
    if exclude is not None and exclude.pk is not None:
        pages = pages.exclude(pk=exclude.pk)
    return {(path[: -Page.steplen], slug) for path, slug in pages.values_list("path", "slug")}


def _parse(line):
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise LineError("not valid UTF-8") from None
    try:
        return json.loads(line)
    except ValueError as error:
        raise LineError(f"invalid JSON: {error}") from None


def _validate_new_page(page, parent):
    """Validate a new page as `Page.save()` would before adding it below `parent`, except for
    what costs queries and the import makes sure of itself: its slug is unique among its
    siblings (`_choose_free_slugs`), its place in the tree is given when it is written, and its
    foreign keys point at rows it has just read or written."""
    page.locale_id = parent.locale_id  # a new page has its parent's locale
    page.full_clean(
        exclude=[
            "path",
            "depth",
            "url_path",
            *(field.name for field in page._meta.concrete_fields if field.is_relation),
        ],  # fmt: skip
        validate_unique=False,
        validate_constraints=False,
    )


def _short(value, field, max_length):
    if value is None:
        return ""
    if not isinstance(value, str):
        raise LineError(f"{field!r} must be a string")
    value = value.strip()
    if len(value) > max_length:
        raise LineError(f"{field!r} is longer than {max_length} characters")
    return value


def _time(value, field):
    if value in (None, ""):
        return None
    try:
        return datetime.time.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValueError(f"bad time {value!r} in {field!r}; expected HH:MM") from None


def _price(value):
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise LineError("'price' must be a number")
    try:
        price = decimal.Decimal(str(value)).quantize(decimal.Decimal("0.01"))
    except decimal.InvalidOperation:
        raise LineError(f"bad price {value!r}") from None
    if price < 0 or price >= 1_000_000:
        raise LineError(f"price {value!r} is out of range")
    return price


def _file_sha1(path):
    digest = hashlib.sha1()  # noqa: S324 - Wagtail's own document file_hash is SHA-1
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(65536), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _describe_validation_error(error):
    if hasattr(error, "message_dict"):
        return "; ".join(
            f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
        )
    return " ".join(error.messages)
