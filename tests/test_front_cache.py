"""Varnish in front of the site (deploy/varnish/kennisplatform.vcl, core/front_cache.py): visitors
get pages from Varnish, and what an editor publishes in the admin is what the next visitor sees.

Runs the shipped configuration with its backend pointed at the test server; needs `varnishd`
(Debian package `varnish`, installed by `make services`)."""

import logging
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from django.urls import reverse

import pytest

from core import content_version, warm_up
from tests import factories
from tests.admin.test_editing import news_form
from tests.conftest import build_home, build_indexes, build_theme
from tests.services import missing

# The test server and Varnish see only what is committed; each test starts from `migrate`'s data.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
VCL = Path(__file__).resolve().parent.parent / "deploy" / "varnish" / "kennisplatform.vcl"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url, **headers):
    request = urllib.request.Request(url, headers={"Host": "localhost", **headers})  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (local)
        return response.headers, response.read().decode()


@pytest.fixture
def varnish(live_server):
    varnishd = shutil.which("varnishd") or (
        "/usr/sbin/varnishd" if os.path.exists("/usr/sbin/varnishd") else None
    )
    if varnishd is None:
        missing("varnishd is not installed (apt-get install varnish)")
    # Not in pytest's own temporary folder: varnishd's workers run as their own user.
    folder = Path(tempfile.mkdtemp(prefix="kennisplatform-varnish-"))
    os.chmod(folder, 0o755)  # noqa: S103
    backend_port = live_server.url.rsplit(":", 1)[1]
    (folder / "site.vcl").write_text(
        VCL.read_text().replace('.port = "8000";', f'.port = "{backend_port}";')
    )
    port = free_port()
    process = subprocess.Popen(  # noqa: S603
        [varnishd, "-F", "-n", str(folder / "varnish"), "-a", f"127.0.0.1:{port}",
         "-f", str(folder / "site.vcl"), "-s", "malloc,32m"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail("varnishd did not start")
            time.sleep(0.1)
    yield url
    process.terminate()
    process.wait(timeout=20)
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def site_behind_varnish(settings, varnish):
    settings.PAGE_CACHE = True
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "core.front_cache.VarnishBackend", "LOCATION": varnish}
    }
    return varnish


@pytest.fixture(params=["warm-up off", "warmed up before it goes live"])
def publishing_process(request, settings):
    """The process that publishes: one that makes its changes live at once, or a web server's,
    which warms them up first (core.warm_up)."""
    settings.WARM_UP = request.param != "warm-up off"
    warm_up.start()
    yield
    content_version.warm_up_before_going_live = None


def test_an_edit_published_in_the_admin_is_what_the_next_visitor_sees_within_2_seconds(
    site_behind_varnish, publishing_process, client, admin_user
):
    indexes = build_indexes(build_home())
    news = factories.NewsItemPageFactory(parent=indexes["news"], title="Besturen gaan samen")
    page, listing = site_behind_varnish + news.url, site_behind_varnish + "/nieuws/"
    for url in (page, listing):
        get(url)
        headers, body = get(url)
        assert headers["X-Front-Cache"] == "hit"
        assert "Besturen gaan samen" in body

    client.force_login(admin_user)
    edit = reverse("wagtailadmin_pages:edit", args=(news.pk,))
    form = news_form(title="Drie besturen gaan samen", slug=news.slug, **{"action-publish": "1"})
    form["themes"] = [build_theme(indexes).pk]  # a page is published with a theme
    published = client.post(edit, form)
    assert published.status_code == 302
    seen_after = time.monotonic()

    for url in (page, listing):
        while "Drie besturen gaan samen" not in get(url)[1]:
            assert time.monotonic() - seen_after < 2, url
            time.sleep(0.05)


def test_visitors_with_a_session_and_forms_with_a_token_pass_by_varnish(
    site_behind_varnish, admin_user
):
    build_home()
    for _ in range(2):
        headers, _body = get(site_behind_varnish + "/nieuwsbrief/")
        assert headers["X-Front-Cache"] == "miss"
        headers, _body = get(site_behind_varnish + "/", Cookie="sessionid=abc")
        assert headers["X-Front-Cache"] == "miss"


def test_a_front_cache_that_is_down_leaves_publishing_working(settings, caplog):
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "core.front_cache.VarnishBackend",
            "LOCATION": f"http://127.0.0.1:{free_port()}",
        }
    }
    indexes = build_indexes(build_home())
    with caplog.at_level(logging.ERROR, logger="core.front_cache"):
        news = factories.NewsItemPageFactory(parent=indexes["news"], title="Gaat gewoon door")
    assert news.live
    assert "Could not purge the front cache" in caplog.text
