from modelsearch.management.commands.rebuild_modelsearch_index import (
    Command as RebuildIndexCommand,
)

from core import content_version
from search import vocabulary


class Command(RebuildIndexCommand):
    help = (
        "Rebuild the site vocabulary (the words used for splitting compounds and correcting "
        "typos), then rebuild the search index of every backend; cached search results are "
        "dropped."
    )

    def handle(self, **options):
        words = vocabulary.rebuild()
        if options.get("verbosity", 1) > 0:
            self.stdout.write(f"Vocabulary: {words} words")
        super().handle(**options)
        content_version.bump()
