import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import reset_queries, transaction

from importer.importer import ContentImporter, LineError

PROGRESS_EVERY = 500


class Command(BaseCommand):
    help = (
        "Import pages from a JSON Lines file (one object per line; see docs/import.md). "
        "Each line is imported and published in its own transaction; bad lines are reported "
        "and skipped, and the command exits with status 1 if any line failed."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="path to the .jsonl file")

    def handle(self, *args, file, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file}: no such file")
        counts = import_file(path, self.stdout, self.stderr, self.style)
        if counts["failed"]:
            sys.exit(1)


def import_file(path, stdout, stderr, style=None):
    """Import every line of `path`, reporting failures and progress; returns the counts."""
    importer = ContentImporter(base_dir=path.parent)
    counts = {"created": 0, "updated": 0, "unchanged": 0, "failed": 0}
    started = time.monotonic()
    line_number = 0
    try:
        handle = path.open("rb")
    except OSError as error:
        raise CommandError(f"{path}: {error}") from None
    with handle:
        for line_number, raw_line in enumerate(handle, start=1):
            try:
                line = raw_line.decode("utf-8-sig" if line_number == 1 else "utf-8")
                if line.strip():
                    with transaction.atomic():
                        counts[importer.import_line(line)] += 1
            except UnicodeDecodeError:
                counts["failed"] += 1
                stderr.write(f"line {line_number}: not valid UTF-8")
            except LineError as error:
                counts["failed"] += 1
                stderr.write(f"line {line_number}: {error}")
            reset_queries()
            if line_number % PROGRESS_EVERY == 0:
                elapsed = time.monotonic() - started
                stdout.write(f"{line_number} lines read ({line_number / elapsed:.0f} lines/s)")
    summary = ", ".join(f"{count} {name}" for name, count in counts.items())
    message = f"{path.name}: {line_number} lines: {summary}"
    if style is not None:
        message = (style.ERROR if counts["failed"] else style.SUCCESS)(message)
    stdout.write(message)
    return counts
