import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import reset_queries, transaction

from importer import indexing
from importer.importer import ContentImporter, LineError

PROGRESS_EVERY = 500


class Command(BaseCommand):
    help = (
        "Import pages from a JSON Lines file (one object per line; see docs/import.md). "
        "Each line is imported and published in its own transaction; bad lines are reported "
        "and skipped, and the command exits with status 1 if any line failed. Pages are "
        "indexed for search in batches; pages an interrupted run left unindexed are indexed "
        "first."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="path to the .jsonl file")
        parser.add_argument(
            "--index-pending",
            action="store_true",
            help="only index the pages an interrupted run left unindexed, and read no file",
        )

    def handle(self, *args, file, index_pending, **options):
        if index_pending:
            indexed = indexing.index_pending()
            self.stdout.write(f"Indexed {indexed} pages an interrupted run left unindexed")
            return
        if file is None:
            raise CommandError("give the .jsonl file to import (or --index-pending)")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file}: no such file")
        counts = import_file(path, self.stdout, self.stderr, self.style)
        if counts["failed"]:
            sys.exit(1)


def import_file(path, stdout, stderr, style=None):
    """Import every line of `path`, reporting failures and progress; returns the counts."""
    try:
        handle = path.open("rb")
    except OSError as error:
        raise CommandError(f"{path}: {error}") from None
    left_over = indexing.index_pending()
    if left_over:
        stdout.write(f"Indexed {left_over} pages an earlier, interrupted run left unindexed")
    with handle, indexing.deferred():
        try:
            counts, line_number = _import_lines(path, handle, stdout, stderr)
        except KeyboardInterrupt:
            stderr.write(
                f"Interrupted: {indexing.pending_count()} imported pages are not indexed for "
                "search yet; run import_content again (or import_content --index-pending) to "
                "index them"
            )
            raise
    summary = ", ".join(f"{count} {name}" for name, count in counts.items())
    message = f"{path.name}: {line_number} lines: {summary}"
    if style is not None:
        message = (style.ERROR if counts["failed"] else style.SUCCESS)(message)
    stdout.write(message)
    return counts


def _import_lines(path, handle, stdout, stderr):
    """Import each line in its own transaction, indexing the imported pages every
    `indexing.BATCH_SIZE` pages; returns the counts and the number of lines read."""
    importer = ContentImporter(base_dir=path.parent)
    counts = {"created": 0, "updated": 0, "unchanged": 0, "failed": 0}
    started = time.monotonic()
    line_number = unindexed = 0
    for line_number, raw_line in enumerate(handle, start=1):
        try:
            line = raw_line.decode("utf-8-sig" if line_number == 1 else "utf-8")
            if line.strip():
                with transaction.atomic():
                    result = importer.import_line(line)
                counts[result] += 1
                unindexed += result != "unchanged"
        except UnicodeDecodeError:
            counts["failed"] += 1
            stderr.write(f"line {line_number}: not valid UTF-8")
        except LineError as error:
            counts["failed"] += 1
            stderr.write(f"line {line_number}: {error}")
        reset_queries()
        if unindexed >= indexing.BATCH_SIZE:
            indexing.index_pending()
            unindexed = 0
        if line_number % PROGRESS_EVERY == 0:
            elapsed = time.monotonic() - started
            stdout.write(f"{line_number} lines read ({line_number / elapsed:.0f} lines/s)")
    indexing.index_pending()
    return counts, line_number
