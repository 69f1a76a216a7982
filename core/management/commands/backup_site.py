import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.backup import databases
from core.backup.archive import describe_counts, media_bucket, new_manifest, plural, write


class Command(BaseCommand):
    help = (
        "Back up the whole site into one .tar.gz file: the database, the media folder (unless "
        "the media are in an S3 bucket) and a manifest. restore_site puts it back "
        "(docs/deployment.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "archive", help="the file to write, e.g. /var/backups/kennisplatform/site.tar.gz"
        )

    def handle(self, *args, archive: str, **options):
        path = Path(archive).expanduser().absolute()
        if path.exists():
            raise CommandError(f"{path} already exists: choose a new name or remove it first.")
        if not path.parent.is_dir():
            raise CommandError(f"The folder {path.parent} does not exist.")
        database = databases.for_site()
        try:
            with tempfile.TemporaryDirectory(prefix=".backup-", dir=path.parent) as workdir:
                dump = Path(workdir) / database.filename
                counts, migrations = database.dump(dump)
                manifest = new_manifest(database.engine, counts, migrations)
                media_files = write(path, manifest, dump)
        except OSError as error:
            raise CommandError(f"Could not write the backup {path}: {error}") from error
        if options["verbosity"] > 0:
            self.report(path, manifest, media_files)

    def report(self, path, manifest, media_files):
        engine = databases.ENGINE_NAMES[manifest["engine"]]
        self.stdout.write(f"Database ({engine}): {describe_counts(manifest['counts'])}.")
        if manifest["media"] == "archive":
            self.stdout.write(f"Media folder {settings.MEDIA_ROOT}: {plural(media_files, 'file')}.")
        else:
            self.stdout.write(
                self.style.WARNING(
                    f"The media are in the S3 bucket {media_bucket()!r} and not "
                    "in this backup: keep them safe with the bucket's versioning or replication."
                )
            )
        size = path.stat().st_size / 1_000_000
        self.stdout.write(self.style.SUCCESS(f"Backup written to {path} ({size:.1f} MB)."))
