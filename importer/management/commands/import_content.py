import itertools
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import reset_queries

from core import warm_up
from importer import indexing
from importer.importer import ContentImporter, LineError

BATCH_LINES = 200
PROGRESS_EVERY = 1000


class Command(BaseCommand):
    help = (
        "Import pages from a JSON Lines file (one object per line; see docs/import.md). "
        "Pages are published as their lines are read, new pages 200 lines at a time; bad lines "
        "are reported and skipped, and the command exits with status 1 if any line failed. "
        "Pages are indexed for search in batches; pages an interrupted run left unindexed are "
        "indexed first."
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
        with warm_up.before_going_live():  # the imported pages go live together, warm
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
    """Import the lines `BATCH_LINES` at a time, indexing the pages each batch imported; returns
    the counts and the number of lines read."""
    importer = ContentImporter(base_dir=path.parent)
    counts = {"created": 0, "updated": 0, "unchanged": 0, "failed": 0}
    started = time.monotonic()
    numbered_lines = enumerate(handle, start=1)
    lines_read = 0
    while batch := list(itertools.islice(numbered_lines, BATCH_LINES)):
        for line_number, outcome in importer.import_lines(batch):
            if isinstance(outcome, LineError):
                counts["failed"] += 1
                stderr.write(f"line {line_number}: {outcome}")
            else:
                counts[outcome] += 1
        reset_queries()
        indexing.index_pending()
        lines_before, lines_read = lines_read, batch[-1][0]
        if lines_read // PROGRESS_EVERY > lines_before // PROGRESS_EVERY:
            elapsed = time.monotonic() - started
            stdout.write(f"{lines_read} lines read ({lines_read / elapsed:.0f} lines/s)")
    return counts, lines_read
