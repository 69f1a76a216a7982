import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from core.backup import databases
from core.backup.archive import (
    MEDIA,
    check_manifest,
    describe_counts,
    extract,
    media_bucket,
    plural,
    put_media_in_place,
    read_manifest,
)


class Command(BaseCommand):
    help = (
        "Restore a backup made by backup_site: the database and the media folder. The database "
        "must be empty (only what `migrate` creates) unless --force is given; stop the site "
        "first (docs/deployment.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="a file written by backup_site")
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace the database and media even when the site already has content",
        )

    def handle(self, *args, archive: str, force: bool, **options):
        path = Path(archive).expanduser().absolute()
        manifest = read_manifest(path)
        database = databases.for_site()
        check_manifest(manifest, database.engine)
        content = databases.content_beyond_new_site()
        if content and not force:
            raise CommandError(
                f"The database already holds content ({describe_counts(content)}) and "
                "restore_site replaces everything in it. Restore into an empty database, or "
                "pass --force to replace this content. Nothing was changed."
            )
        database.check_target(manifest["migrations"])
        self.stdout.write(
            f"Backup of {manifest['created']}, made with Django {manifest['django']} and Wagtail "
            f"{manifest['wagtail']}: {describe_counts(manifest['counts'])}."
        )

        media_root = Path(settings.MEDIA_ROOT)
        restore_media = not media_bucket() and manifest["media"] == "archive"
        workdir = self.make_workdir(media_root.parent if restore_media else None)
        try:
            extract(path, workdir)
            dump = workdir / database.filename
            if not dump.is_file():
                raise CommandError(f"{path} has no {database.filename}. Nothing was changed.")
            database.check_dump(dump)
            database.restore(dump)
        except BaseException:
            shutil.rmtree(workdir)
            raise
        ContentType.objects.clear_cache()
        cache.clear()
        self.stdout.write("Database restored; the cache was cleared.")

        if restore_media:
            self.restore_media(workdir / MEDIA, media_root)
        else:
            self.explain_media(manifest)
        shutil.rmtree(workdir)
        self.advise()
        self.check_counts(manifest)
        self.stdout.write(self.style.SUCCESS("Restore complete."))

    def make_workdir(self, parent):
        """A working folder; beside MEDIA_ROOT when the media are restored, so that the
        restored media folder can be renamed into place."""
        try:
            if parent is not None:
                parent.mkdir(parents=True, exist_ok=True)
            return Path(tempfile.mkdtemp(prefix=".restore-", dir=parent))
        except OSError as error:
            raise CommandError(f"Could not create a working folder: {error}") from error

    def restore_media(self, staged, media_root):
        staged.mkdir(exist_ok=True)
        files = sum(1 for item in staged.rglob("*") if item.is_file())
        try:
            aside = put_media_in_place(staged, media_root)
        except OSError as error:
            raise CommandError(
                f"The database was restored, but the media could not be moved into {media_root}:"
                f" {error}. The restored media are in {staged}: move them there yourself."
            ) from error
        self.stdout.write(f"Media folder {media_root}: {plural(files, 'file')} restored.")
        if aside:
            self.stdout.write(
                f"The previous media folder is now {aside}: remove it once the site is checked."
            )

    def explain_media(self, manifest):
        if media_bucket():
            note = (
                f"The media are in the S3 bucket {media_bucket()!r}: restore_site leaves them "
                "alone (the bucket's versioning or replication keeps them safe)."
            )
            if manifest["media"] == "archive":
                note += f" The archive's {MEDIA}/ folder was not restored."
        else:
            note = (
                "The archive holds no media (they were in an S3 bucket when it was made): the "
                "media folder was left as it is."
            )
        self.stdout.write(self.style.WARNING(note))

    def check_counts(self, manifest):
        counts, _ = databases.site_facts()
        if counts != manifest["counts"]:
            raise CommandError(
                f"The restored database holds {describe_counts(counts)}, but the backup had "
                f"{describe_counts(manifest['counts'])}: check the site before opening it."
            )

    def advise(self):
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if pending:
            self.stdout.write(
                self.style.WARNING(
                    f"The backup was made by an older version of the site: run `manage.py "
                    f"migrate` ({len(pending)} migrations) before anything else."
                )
            )
        if settings.ELASTICSEARCH_URL:
            self.stdout.write(
                self.style.WARNING(
                    "Search runs on a cluster, which still holds the index from before the "
                    "restore: run `manage.py update_index` now."
                )
            )
        else:
            self.stdout.write("The search index was restored with the database.")
