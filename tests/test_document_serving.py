"""Documents are downloaded only through Wagtail's serve view, which checks view restrictions.

On disk the view sends the file itself or has nginx / Apache send it (DOCUMENTS_SENDFILE); in S3
it redirects to a signed URL that expires, while images keep plain public URLs.
"""

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import Collection, CollectionViewRestriction
from wagtail.utils.sendfile import _get_sendfile

import pytest

from core.storage import MediaStorage
from publications.models import PublicationDocument
from tests.factories import DocumentFactory, PublicationPageFactory

ROOT = Path(__file__).resolve().parent.parent
PDF = b"%PDF-1.4\n% Jaarverslag van het bestuur\n%%EOF\n"
S3_OPTIONS = {
    "bucket_name": "kennisplatform-media",
    "region_name": "eu-west-1",
    "access_key": "AKIAEXAMPLEKEY",
    "secret_key": "voorbeeld-geheim",
    "custom_domain": "cdn.kennis.example.nl",
    "querystring_auth": False,
    "file_overwrite": False,
}


def make_document(name, collection=None):
    extra = {"collection": collection} if collection else {}
    return DocumentFactory(title="Jaarverslag", file=ContentFile(PDF, name=name), **extra)


def restricted_collection(restriction_type, **fields):
    collection = Collection.get_first_root_node().add_child(name="Alleen voor leden")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=restriction_type, **fields
    )
    return collection


@pytest.fixture(autouse=True)
def empty_media_folder(settings, tmp_path):
    """Each test uploads into an empty folder, so that files keep the names the tests expect
    (storage renames a file whose name is taken)."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def members_only(db):
    return make_document("ledenverslag.pdf", restricted_collection(CollectionViewRestriction.LOGIN))


@pytest.fixture
def member(django_user_model):
    return django_user_model.objects.create_user("lid", password="lid-wachtwoord")


def assert_sent_to_login(response, document):
    assert response.status_code == 302
    login = urlsplit(response["Location"])
    assert login.path == reverse("wagtailcore_login")
    assert parse_qs(login.query)["next"] == [document.url]


def assert_document_headers(response, filename):
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="{filename}"'  # PDF: inline
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"


# --- Served by the site itself (no DOCUMENTS_SENDFILE) ----------------------------------------


def test_public_document_downloads_through_the_serve_view(client, db):
    document = make_document("jaarverslag.pdf")
    assert document.url == f"/documenten/{document.id}/jaarverslag.pdf"

    response = client.get(document.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert_document_headers(response, "jaarverslag.pdf")


def test_login_restricted_document_needs_a_login(client, members_only, member):
    assert_sent_to_login(client.get(members_only.url), members_only)

    client.force_login(member)
    response = client.get(members_only.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


def test_password_restricted_document_needs_the_password(client, db):
    collection = restricted_collection(CollectionViewRestriction.PASSWORD, password="bestuur2024")
    document = make_document("notulen.pdf", collection)

    response = client.get(document.url)
    assert response.status_code == 200
    assert not response.streaming
    assert PDF not in response.content
    assert b'name="password"' in response.content

    restriction = collection.view_restrictions.get()
    form_url = reverse("wagtaildocs_authenticate_with_password", args=[restriction.id])
    client.post(form_url, {"password": "bestuur2024", "return_url": document.url})
    response = client.get(document.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


# --- Sent by the web server in front (DOCUMENTS_SENDFILE=nginx / apache) ----------------------


@pytest.fixture
def sendfile_backend(settings):
    """Switch SENDFILE_BACKEND; Wagtail keeps the first backend it loads, so forget it."""

    def use(backend):
        settings.SENDFILE_BACKEND = backend
        _get_sendfile.clear()

    yield use
    _get_sendfile.clear()


def test_nginx_gets_the_internal_path_and_no_body(client, db, settings, sendfile_backend):
    sendfile_backend("core.sendfile.nginx")
    settings.DOCUMENTS_NGINX_LOCATION = "/protected-media/"
    document = make_document("begroting café.pdf")

    response = client.get(document.url)

    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/protected-media/documents/begroting_caf%C3%A9.pdf"
    assert response.content == b""
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "inline; filename=\"begroting_cafe.pdf\"; filename*=UTF-8''begroting_caf%C3%A9.pdf"
    )
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_nginx_location_without_trailing_slash(client, db, settings, sendfile_backend):
    sendfile_backend("core.sendfile.nginx")
    settings.DOCUMENTS_NGINX_LOCATION = "/beveiligd"
    document = make_document("verslag.pdf")

    response = client.get(document.url)

    assert response["X-Accel-Redirect"] == "/beveiligd/documents/verslag.pdf"


def test_nginx_is_only_told_after_the_login(client, members_only, member, sendfile_backend):
    sendfile_backend("core.sendfile.nginx")

    response = client.get(members_only.url)
    assert_sent_to_login(response, members_only)
    assert "X-Accel-Redirect" not in response

    client.force_login(member)
    response = client.get(members_only.url)

    assert response["X-Accel-Redirect"] == f"/protected-media/{members_only.file.name}"
    assert response.content == b""


def test_apache_gets_the_absolute_path_and_no_body(client, db, settings, sendfile_backend):
    sendfile_backend("core.sendfile.apache")
    document = make_document("notulen café.pdf")

    response = client.get(document.url)

    assert response.status_code == 200
    assert response["X-Sendfile"] == f"{settings.MEDIA_ROOT}/documents/notulen_caf%C3%A9.pdf"
    assert response.content == b""
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"


# --- Media in S3 ------------------------------------------------------------------------------


def test_s3_document_urls_are_signed_and_expire():
    storage = MediaStorage(**S3_OPTIONS, document_url_expire=120)

    url = urlsplit(storage.url("documents/ledenverslag.pdf"))
    query = parse_qs(url.query)

    assert url.hostname == "kennisplatform-media.s3.amazonaws.com"  # not the CDN domain
    assert url.path == "/documents/ledenverslag.pdf"
    assert query["X-Amz-Expires"] == ["120"]
    assert query["X-Amz-Algorithm"] == ["AWS4-HMAC-SHA256"]
    assert len(query["X-Amz-Signature"][0]) == 64
    default = urlsplit(MediaStorage(**S3_OPTIONS).url("documents/ledenverslag.pdf"))
    assert parse_qs(default.query)["X-Amz-Expires"] == ["300"]


def test_s3_image_urls_stay_public():
    assert (
        MediaStorage(**S3_OPTIONS).url("images/schoolplein.width-800.jpg")
        == "https://cdn.kennis.example.nl/images/schoolplein.width-800.jpg"
    )
    without_cdn = MediaStorage(**{**S3_OPTIONS, "custom_domain": None})
    url = without_cdn.url("original_images/schoolplein.jpg")
    assert url.endswith("/original_images/schoolplein.jpg")
    assert "?" not in url


@pytest.fixture
def use_s3(settings):
    """Switch to the storage and serve method that MEDIA_S3_BUCKET selects.

    Call it after the documents are made: they are stored on disk, as tests upload nothing.
    """

    def use():
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {"BACKEND": "core.storage.MediaStorage", "OPTIONS": S3_OPTIONS},
        }
        settings.WAGTAILDOCS_SERVE_METHOD = "redirect"

    return use


def assert_signed_redirect(response, document):
    assert response.status_code == 302
    url = urlsplit(response["Location"])
    assert url.hostname == "kennisplatform-media.s3.amazonaws.com"
    assert url.path == f"/{document.file.name}"
    assert "X-Amz-Signature" in parse_qs(url.query)


def test_s3_restricted_document_redirects_only_after_login(client, members_only, member, use_s3):
    use_s3()
    response = client.get(members_only.url)
    assert_sent_to_login(response, members_only)

    client.force_login(member)
    assert_signed_redirect(client.get(members_only.url), members_only)


def test_s3_public_document_redirects_anyone_to_a_signed_url(client, db, use_s3):
    document = make_document("openbaar.pdf")
    use_s3()

    assert_signed_redirect(client.get(document.url), document)


# --- Settings from the environment ------------------------------------------------------------


def settings_with(**env):
    """Run config/settings/base.py with exactly these variables; print what documents use."""
    keep = {name: os.environ[name] for name in ("PATH", "HOME") if name in os.environ}
    script = (
        "import json; from config.settings import base as s; print(json.dumps(["
        "s.WAGTAILDOCS_SERVE_METHOD, getattr(s, 'SENDFILE_BACKEND', None), "
        "s.STORAGES['default']['BACKEND']]))"
    )
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**keep, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


DISK = "django.core.files.storage.FileSystemStorage"
S3 = "core.storage.MediaStorage"


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, ["serve_view", None, DISK]),
        ({"DOCUMENTS_SENDFILE": "nginx"}, ["serve_view", "core.sendfile.nginx", DISK]),
        ({"DOCUMENTS_SENDFILE": "Apache"}, ["serve_view", "core.sendfile.apache", DISK]),
        ({"MEDIA_S3_BUCKET": "kennisplatform-media"}, ["redirect", None, S3]),
    ],
)
def test_environment_selects_how_documents_are_sent(env, expected):
    result = settings_with(**env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == expected


def test_unknown_sendfile_server_is_refused():
    result = settings_with(DOCUMENTS_SENDFILE="lighttpd")
    assert result.returncode != 0
    assert "Unknown DOCUMENTS_SENDFILE 'lighttpd': use nginx, apache or leave it empty" in (
        result.stderr
    )


def test_checking_which_files_are_restricted_costs_the_same_for_one_file_or_many(client, indexes):
    """The publication page marks restricted files; that check is not a query per file."""
    restricted = restricted_collection(CollectionViewRestriction.LOGIN)
    page = PublicationPageFactory(
        parent=indexes["publications"], documents=[make_document("een.pdf", restricted)]
    )
    client.get(page.url)  # the first request fills the site's caches
    counts = []
    for more in ([], [make_document(f"{n}.pdf", restricted if n % 2 else None) for n in range(3)]):
        page.documents = [*page.documents.all(), *(PublicationDocument(document=d) for d in more)]
        page.save()
        with CaptureQueriesContext(connection) as queries:
            content = client.get(page.url).content.decode()
        assert content.count("afgeschermd: inloggen of wachtwoord nodig") == 1 + len(more) // 2
        counts.append(len(queries))
    assert counts[0] == counts[1]
