"""The backup file: a .tar.gz with manifest.json first, then the database dump, then media/."""

import gzip
import json
import os
import tarfile
import tempfile
import zlib
from pathlib import Path

import django
from django.conf import settings
from django.core.management.base import CommandError
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

import wagtail

from .databases import ENGINE_NAMES

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media"
MANIFEST_FIELDS = {
    "format": int,
    "created": str,
    "engine": str,
    "django": str,
    "wagtail": str,
    "counts": dict,
    "migrations": list,
    "media": str,  # "archive", or "s3" when the media were in a bucket and not backed up
}
DAMAGED = (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile)


def media_bucket():
    """The S3 bucket that holds the media, or "" when they are in MEDIA_ROOT."""
    return settings.MEDIA_S3_BUCKET


def new_manifest(engine, counts, migrations):
    return {
        "format": FORMAT,
        "created": timezone.localtime().isoformat(timespec="seconds"),
        "engine": engine,
        "django": django.get_version(),
        "wagtail": wagtail.__version__,
        "counts": counts,
        "migrations": migrations,
        "media": "s3" if media_bucket() else "archive",
    }


def plural(count, noun):
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def describe_counts(counts):
    """Counts as a phrase: 12 pages, 1 document, 0 images, 5 subscribers."""
    return ", ".join(plural(count, name.removesuffix("s")) for name, count in counts.items())


def write(path, manifest, dump):
    """Write the archive with `dump` (the database file) and, unless the media are in a bucket,
    MEDIA_ROOT; returns the number of media files. The archive is written to a hidden file next
    to `path`, readable by its owner only (it holds e-mail addresses and password hashes), and
    renamed to `path` once complete."""
    manifest_file = dump.with_name(MANIFEST)
    manifest_file.write_text(json.dumps(manifest, indent=2))
    media_root = Path(settings.MEDIA_ROOT)
    media_files = 0

    def count(member):
        nonlocal media_files
        media_files += member.isfile()
        return member

    handle, partial = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    os.close(handle)
    try:
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(manifest_file, arcname=MANIFEST)
            tar.add(dump, arcname=dump.name)
            if manifest["media"] == "archive" and media_root.is_dir():
                tar.add(media_root, arcname=MEDIA, filter=count)
        os.replace(partial, path)
    except BaseException:
        os.unlink(partial)
        raise
    return media_files


def read_manifest(path):
    """The manifest of the archive at `path`; a CommandError for anything that is not a
    readable archive made by backup_site."""
    try:
        with tarfile.open(path, "r:gz") as tar:
            first = tar.next()
            if first is None or first.name != MANIFEST or not first.isfile():
                raise CommandError(f"{path} is not a backup made by backup_site: no {MANIFEST}.")
            manifest = json.load(tar.extractfile(first))
    except FileNotFoundError as error:
        raise CommandError(f"{path} does not exist.") from error
    except IsADirectoryError as error:
        raise CommandError(f"{path} is a folder, not a backup archive.") from error
    except PermissionError as error:
        raise CommandError(f"{path} cannot be read: permission denied.") from error
    except (*DAMAGED, OSError) as error:
        raise CommandError(
            f"{path} is not a backup archive made by backup_site (a .tar.gz file): {error}."
        ) from error
    except ValueError as error:
        raise CommandError(f"The manifest in {path} cannot be read: {error}.") from error
    wrong = [
        name
        for name, kind in MANIFEST_FIELDS.items()
        if not isinstance(manifest, dict) or not isinstance(manifest.get(name), kind)
    ]
    if wrong:
        raise CommandError(f"The manifest in {path} lacks or garbles: {', '.join(wrong)}.")
    return manifest


def check_manifest(manifest, engine):
    """Refuse an archive this site cannot restore, before anything is changed."""
    if manifest["format"] > FORMAT:
        raise CommandError(
            f"The archive has format {manifest['format']}, from a newer version of the site; "
            f"this one reads format {FORMAT}. Restore it with the version that made it."
        )
    if manifest["engine"] != engine:
        made_on = ENGINE_NAMES.get(manifest["engine"], manifest["engine"])
        raise CommandError(
            f"The archive holds a {made_on} database, but this site runs on "
            f"{ENGINE_NAMES[engine]}: restore it on a site with the same database engine "
            "(DATABASE_URL). Nothing was changed."
        )
    unknown = unknown_migrations(manifest["migrations"])
    if unknown:
        raise CommandError(
            f"The archive was made by a newer version of the site: its database has "
            f"{len(unknown)} migrations this code does not know, such as {unknown[0]}. Restore "
            "it with the version of the site that made it. Nothing was changed."
        )


def unknown_migrations(migrations):
    """The migrations ("app.name") of apps this site has that its code does not contain."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = {f"{app}.{name}" for app, name in loader.disk_migrations}
    for migration in loader.disk_migrations.values():
        known.update(f"{app}.{name}" for app, name in migration.replaces)
    return [
        name
        for name in migrations
        if name.partition(".")[0] in loader.migrated_apps and name not in known
    ]


def extract(path, workdir):
    """Unpack the whole archive into `workdir`, and check it: its gzip checksum."""
    try:
        with tarfile.open(path, "r:gz") as tar:
            tar.extractall(workdir, filter="data")  # no paths outside workdir, no devices
            # tarfile stops at the end of the tar data; gzip checks its CRC only at the end.
            while tar.fileobj.read(1 << 20):
                pass
    except DAMAGED as error:
        raise CommandError(
            f"{path} is damaged or incomplete ({error}). Nothing was changed."
        ) from error
    except OSError as error:
        raise CommandError(
            f"Could not unpack {path} into {workdir}: {error}. Nothing was changed."
        ) from error


def put_media_in_place(staged, media_root):
    """Make the folder `staged` the media folder. A previous media folder with files in it is
    renamed, never deleted, and returned: the operator removes it once the site is checked."""
    aside = None
    if media_root.exists():
        if any(media_root.iterdir()):
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
            aside = media_root.with_name(f"{media_root.name}.before-restore-{stamp}")
            media_root.rename(aside)
        else:
            media_root.rmdir()
    try:
        staged.rename(media_root)
    except OSError:
        if aside:
            aside.rename(media_root)
        raise
    return aside
