"""Import subscribers who gave provable consent elsewhere (docs/newsletter.md, "Importing")."""

import csv
import datetime
import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from newsletter.models import Subscriber
from themes.models import ThemePage

COLUMNS = ("email", "themes", "consented_at")


class RowError(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Import confirmed subscribers from a CSV file with the columns email, themes (theme "
        "slugs separated by ';', or 'alle') and consented_at (ISO date or date-time). Only for "
        "addresses whose consent you can prove: --source says where it was given. Known "
        "addresses are left alone; bad rows are reported and the exit status is then 1."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="path to the .csv file (UTF-8, comma-separated)")
        parser.add_argument(
            "--source",
            required=True,
            help="where and how consent was given, e.g. 'sign-up form of the old site'",
        )

    def handle(self, *args, file, source, **options):
        path = Path(file)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"{file}: cannot read as UTF-8 text ({error})") from None
        rows = csv.DictReader(text.splitlines())
        missing = [column for column in COLUMNS if column not in (rows.fieldnames or [])]
        if missing:
            raise CommandError(f"{file}: missing column(s): {', '.join(missing)}")
        themes = {page.slug: page for page in ThemePage.objects.all()}
        counts = {"imported": 0, "known": 0, "failed": 0}
        for number, row in enumerate(rows, start=2):
            try:
                with transaction.atomic():
                    counts[import_row(row, themes, source)] += 1
            except RowError as error:
                counts["failed"] += 1
                self.stderr.write(f"line {number}: {error}")
        self.stdout.write(", ".join(f"{count} {name}" for name, count in counts.items()))
        if counts["failed"]:
            sys.exit(1)


def import_row(row, themes, source):
    email = (row.get("email") or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise RowError(f"{email!r} is not a valid e-mail address") from None
    consented_at = parse_moment((row.get("consented_at") or "").strip())
    slugs = [slug.strip() for slug in (row.get("themes") or "").split(";") if slug.strip()]
    everything = slugs == ["alle"]
    unknown = [slug for slug in slugs if slug not in themes and not everything]
    if unknown:
        raise RowError(f"unknown theme(s): {', '.join(unknown)}")
    if not slugs:
        raise RowError("no themes: give theme slugs separated by ';', or 'alle'")
    if Subscriber.objects.filter(email=email).exists():
        return "known"
    subscriber = Subscriber.objects.create(
        email=email,
        status=Subscriber.Status.CONFIRMED,
        all_themes=everything,
        created_at=consented_at,
        confirmed_at=timezone.now(),
        consent_version="",  # the text they agreed to is in the source named in the note
        consent_method=Subscriber.ConsentMethod.IMPORT,
        consent_note=f"{source} (toestemming gegeven op {consented_at:%Y-%m-%d %H:%M})"[:255],
    )
    if not everything:
        subscriber.themes.set([themes[slug] for slug in slugs])
    return "imported"


def parse_moment(value):
    try:
        moment = parse_datetime(value)
        day = parse_date(value) if moment is None and value else None
    except ValueError:
        moment = day = None
    if moment is None:
        if day is None:
            raise RowError(f"consented_at {value!r} is not a date (YYYY-MM-DD)")
        moment = datetime.datetime.combine(day, datetime.time.min)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    if moment > timezone.now():
        raise RowError("consented_at lies in the future")
    return moment
