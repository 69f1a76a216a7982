"""backup_site and restore_site, as an operator runs them (docs/deployment.md, "Backups").

pg_dump and pg_restore work in processes of their own, which see only committed data: these
tests commit (transaction=True) and start from the database `migrate` made (serialized_rollback).
"""

import io
import json
import os
import shutil
import stat
import tarfile
from io import StringIO

from django.apps import apps
from django.conf import settings as django_settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from wagtail.documents.models import Document
from wagtail.images.models import Image, Rendition
from wagtail.models import Page, Revision

import pytest

from newsletter.consent import CURRENT_VERSION
from newsletter.models import Subscriber
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
ON_POSTGRES = django_settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
OTHER_ENGINE = "sqlite" if ON_POSTGRES else "postgresql"


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def files(folder):
    """Every file under `folder` with its bytes, by relative path."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file()
    }


def site_state():
    """What an editor, a subscriber and a visitor would miss if a restore lost it."""
    return {
        "tree": list(
            Page.objects.order_by("path").values_list(
                "path", "title", "live", "has_unpublished_changes", "content_type__model"
            )
        ),
        "revisions": list(
            Revision.objects.order_by("pk").values_list("object_id", "content__title")
        ),
        "documents": list(Document.objects.values_list("title", "file", "file_hash")),
        "images": list(Image.objects.values_list("title", "file", "width", "height")),
        "renditions": list(Rendition.objects.values_list("filter_spec", "file")),
        "subscribers": [
            (s.email, s.status, s.all_themes, s.confirmed_at, [t.title for t in s.themes.all()])
            for s in Subscriber.objects.order_by("email")
        ],
    }


def rewrite_manifest(archive, **changes):
    """The same archive with other manifest values, as another site or version would write."""
    with tarfile.open(archive) as tar:
        members = [(m, tar.extractfile(m).read() if m.isfile() else None) for m in tar]
    with tarfile.open(archive, "w:gz") as tar:
        for member, data in members:
            if member.name == "manifest.json":
                data = json.dumps({**json.loads(data), **changes}).encode()
                member.size = len(data)
            tar.addfile(member, io.BytesIO(data) if data is not None else None)


@pytest.fixture(autouse=True)
def content_types_cached():
    """Before each of these tests Django reloads what `migrate` made; Wagtail's tasks look up
    their content type while they are loaded, and unless the cache has it (a restore empties the
    cache) they create it, and loading it again fails. So the cache is filled again afterwards."""
    yield
    ContentType.objects.get_for_models(*apps.get_models())


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def site(media, home, indexes, theme):
    """Pages (one with three revisions, the last a draft, and one never published), a
    document and an image with their files, a rendition, and two subscribers."""
    page = factories.ContentPageFactory(
        parent=home, title="Over ons", intro="Wij helpen besturen met hun spreidingsplan."
    )
    page.save_revision().publish()
    page.title = "Over de vereniging"
    page.save_revision().publish()
    page.title = "Over de vereniging (concept)"
    page.save_revision()
    draft = factories.NewsItemPageFactory(
        parent=indexes["news"], title="Nog niet gepubliceerd", live=False
    )
    draft.save_revision()
    factories.DocumentFactory(title="Jaarverslag 2026")
    factories.ImageFactory(title="Schoolplein").get_rendition("fill-120x80")
    confirmed = Subscriber.objects.create(
        email="anna.devries@example.nl",
        status=Subscriber.Status.CONFIRMED,
        confirmed_at=timezone.now(),
        consent_version=CURRENT_VERSION,
        consent_method=Subscriber.ConsentMethod.FORM,
    )
    confirmed.themes.set([theme])
    Subscriber.objects.create(
        email="bram.jansen@example.nl",
        all_themes=True,
        consent_version=CURRENT_VERSION,
        consent_method=Subscriber.ConsentMethod.FORM,
    )
    return page


@pytest.fixture
def archive(site, tmp_path):
    path = tmp_path / "backups" / "site.tar.gz"
    path.parent.mkdir()
    run("backup_site", str(path))
    return path


@pytest.mark.search_index
def test_a_restore_brings_back_the_whole_site(site, media, tmp_path, client):
    before, media_before = site_state(), files(media)
    assert {"documents", "original_images", "images"} <= {p.split("/")[0] for p in media_before}
    archive = tmp_path / "site.tar.gz"

    output = run("backup_site", str(archive))

    assert "10 pages, 1 document, 1 image, 2 subscribers" in output
    assert f"{len(media_before)} files." in output
    # It holds e-mail addresses and password hashes: readable by its owner only.
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600

    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(media)
    assert not Page.objects.exists()
    cache.set("kennisplatform:from-before-the-restore", "verouderd")

    output = run("restore_site", str(archive))

    assert site_state() == before
    assert files(media) == media_before  # byte for byte
    page = site.specific_class.objects.get(pk=site.pk)
    assert page.title == "Over de vereniging"
    assert page.get_latest_revision().content["title"] == "Over de vereniging (concept)"
    assert Page.objects.get(title="Nog niet gepubliceerd").live is False
    anna = Subscriber.objects.get(email="anna.devries@example.nl")
    assert anna.status == Subscriber.Status.CONFIRMED
    assert [theme.title for theme in anna.themes.all()] == ["Krimp"]
    assert "10 pages, 1 document, 1 image, 2 subscribers" in output
    assert "Restore complete." in output
    # Nothing cached before the restore (pages, synonyms, the vocabulary) outlives it.
    assert cache.get("kennisplatform:from-before-the-restore") is None
    # Visitors find the pages again: the database search index came back with the database.
    response = client.get("/zoeken/", {"q": "spreidingsplan"})
    assert "Over de vereniging" in response.content.decode()


def test_the_welcome_page_of_a_new_site_does_not_count_as_content(site, archive, media):
    """A database fresh from `migrate` has Wagtail's root and welcome page: restore into it."""
    site.get_parent().delete()
    for model in (Document, Image, Subscriber):
        model.objects.all().delete()
    assert Page.objects.count() == 2  # root and welcome page

    run("restore_site", str(archive))

    assert Page.objects.filter(pk=site.pk).exists()


def test_a_site_with_content_is_only_replaced_with_force(site, archive, media):
    later = factories.DocumentFactory(title="Na de back-up")
    later_file = later.file.name
    state, media_before = site_state(), files(media)

    with pytest.raises(CommandError, match=r"already holds content \(9 pages, 2 documents, "):
        run("restore_site", str(archive))
    assert (site_state(), files(media)) == (state, media_before)

    output = run("restore_site", "--force", str(archive))

    assert not Document.objects.filter(title="Na de back-up").exists()
    assert later_file not in files(media)
    # The media folder it replaced is kept beside it, not deleted.
    aside = next(media.parent.glob("media.before-restore-*"))
    assert str(aside) in output
    assert files(aside) == media_before


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"engine": OTHER_ENGINE}, "database, but this site runs on"),
        ({"format": 2}, "from a newer version of the site"),
        ({"migrations": ["home.9999_later"]}, "migrations this code does not know, such as home"),
    ],
)
def test_an_archive_this_site_cannot_restore_is_refused(site, archive, media, changes, message):
    rewrite_manifest(archive, **changes)
    state, media_before = site_state(), files(media)

    with pytest.raises(CommandError, match=message):
        run("restore_site", "--force", str(archive))

    assert (site_state(), files(media)) == (state, media_before)


def truncated(archive):
    archive.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    return archive


def one_byte_changed(archive):
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0xFF
    archive.write_bytes(bytes(data))
    return archive


def without_manifest(archive):
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(__file__, arcname="database.sqlite3")
    return archive


def plain_text(archive):
    archive.write_text("Dit is geen back-up.")
    return archive


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda archive: archive.with_name("ontbreekt.tar.gz"), "does not exist"),
        (lambda archive: archive.parent, "is a folder, not a backup archive"),
        (plain_text, "is not a backup archive made by backup_site"),
        (without_manifest, "is not a backup made by backup_site: no manifest.json"),
        (truncated, "is damaged or incomplete"),
        (one_byte_changed, "is damaged or incomplete"),
    ],
)
def test_a_bad_archive_is_refused_and_changes_nothing(site, archive, media, make, message):
    path = make(archive)
    state, media_before = site_state(), files(media)

    with pytest.raises(CommandError, match=message):
        run("restore_site", "--force", str(path))

    assert (site_state(), files(media)) == (state, media_before)
    assert sorted(p.name for p in media.parent.iterdir()) == ["backups", "media"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_archive_is_refused(archive):
    archive.chmod(0)
    with pytest.raises(CommandError, match="cannot be read: permission denied"):
        run("restore_site", str(archive))


def test_backup_never_overwrites_a_file_or_writes_into_a_missing_folder(archive, tmp_path):
    content = archive.read_bytes()
    with pytest.raises(CommandError, match="already exists"):
        run("backup_site", str(archive))
    assert archive.read_bytes() == content
    with pytest.raises(CommandError, match="does not exist"):
        run("backup_site", str(tmp_path / "ontbreekt" / "site.tar.gz"))


def test_a_backup_from_cron_prints_nothing(site, tmp_path):
    archive = tmp_path / "site.tar.gz"
    assert run("backup_site", str(archive), "--verbosity", "0") == ""
    with tarfile.open(archive) as tar:
        assert tar.getnames()[0] == "manifest.json"


def test_media_in_a_bucket_are_neither_backed_up_nor_restored(site, media, settings, tmp_path):
    settings.MEDIA_S3_BUCKET = "kennisplatform-media"
    archive = tmp_path / "site.tar.gz"

    output = run("backup_site", str(archive))

    assert "not in this backup" in output and "versioning or replication" in output
    with tarfile.open(archive) as tar:
        assert not any(name.startswith("media") for name in tar.getnames())
    media_before = files(media)
    call_command("flush", interactive=False, verbosity=0)

    output = run("restore_site", str(archive))

    assert "restore_site leaves them alone" in output
    assert files(media) == media_before
    assert Page.objects.filter(pk=site.pk).exists()


def test_restore_says_when_a_search_cluster_needs_update_index(archive, media, settings):
    call_command("flush", interactive=False, verbosity=0)
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9200"

    output = run("restore_site", str(archive))

    assert "run `manage.py update_index` now" in output


postgres_only = pytest.mark.skipif(not ON_POSTGRES, reason="pg_dump and pg_restore: PostgreSQL")


@postgres_only
def test_backup_needs_pg_dump(site, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(CommandError, match="pg_dump was not found: install the PostgreSQL"):
        run("backup_site", str(tmp_path / "site.tar.gz"))


@postgres_only
def test_backup_refuses_a_pg_dump_older_than_the_server(site, tmp_path, monkeypatch):
    # An older client on PATH, as on a server with several PostgreSQL versions installed.
    old = tmp_path / "pg_dump"
    old.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 11.22'\n")
    old.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(CommandError, match="is version 11, older than the database server"):
        run("backup_site", str(tmp_path / "site.tar.gz"))
    assert not (tmp_path / "site.tar.gz").exists()


@postgres_only
def test_restore_refuses_a_database_migrated_by_a_newer_version(site, archive, media):
    MigrationRecorder(connection).record_applied("home", "9999_later")
    with pytest.raises(CommandError, match="migrated by a newer version of the site"):
        run("restore_site", "--force", str(archive))
    assert Page.objects.filter(pk=site.pk).exists()
