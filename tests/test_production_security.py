"""Production settings pass Django's deploy checks and send the security headers.

Each test starts Python with `config.settings.production` and only the given environment, as a
server would; the requests go through production's whole middleware stack.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# The environment docs/deployment.md asks for, nothing more.
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "kennis.example.nl",
    "CSRF_TRUSTED_ORIGINS": "https://kennis.example.nl",
    "BASE_URL": "https://kennis.example.nl",
    "DATABASE_URL": "postgres://kennis@db.example.nl:5432/kennis",  # not connected to here
}

# Every middleware of the production settings around a view that needs no database.
REQUESTS = """
import json, sys
import django
django.setup()
from django.conf import settings
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils.module_loading import import_string

handler = lambda request: HttpResponse("ok")
for path in reversed(settings.MIDDLEWARE):
    handler = import_string(path)(handler)
answers = {}
for path in sys.argv[1:]:
    for secure in (True, False):
        request = RequestFactory().get(path, secure=secure, HTTP_HOST="kennis.example.nl")
        response = handler(request)
        answers[f"{'https' if secure else 'http'} {path}"] = {
            "status": response.status_code, **response.headers
        }
print(json.dumps(answers))
"""


def run(args, **env):
    keep = {name: os.environ[name] for name in ("PATH", "HOME") if name in os.environ}
    return subprocess.run(  # noqa: S603
        [sys.executable, *args],
        cwd=ROOT,
        env={**keep, **PRODUCTION_ENV, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def responses(**env):
    result = run(["-c", REQUESTS, "/", "/admin/pages/"], PYTHONPATH=str(ROOT), **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def directives(policy):
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


def test_deploy_checks_give_no_warnings():
    result = run(["manage.py", "check", "--deploy"])
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


@pytest.fixture(scope="module")
def default_answers():
    return responses()


def test_plain_http_is_redirected_to_https(default_answers):
    answer = default_answers["http /"]
    assert answer["status"] == 301
    assert answer["Location"] == "https://kennis.example.nl/"


def test_https_answers_carry_hsts_csp_and_permissions_policy(default_answers):
    public = default_answers["https /"]
    assert public["status"] == 200
    assert public["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    policy = directives(public["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert "script-src" not in policy and "style-src" not in policy  # only 'self', no inline
    assert "https://www.youtube-nocookie.com" in policy["frame-src"]
    assert policy["frame-ancestors"] == ["'none'"]
    for feature in ["camera", "microphone", "geolocation", "payment", "usb", "interest-cohort"]:
        assert f"{feature}=()" in public["Permissions-Policy"]

    admin = directives(default_answers["https /admin/pages/"]["Content-Security-Policy"])
    assert admin["script-src"] == admin["style-src"] == ["'self'", "'unsafe-inline'"]
    assert admin["frame-ancestors"] == ["'self'"]


def test_hsts_options_from_the_environment():
    answers = responses(SECURE_HSTS_PRELOAD="true", SECURE_HSTS_INCLUDE_SUBDOMAINS="false")
    assert answers["https /"]["Strict-Transport-Security"] == "max-age=31536000; preload"
    # TLS ends at a proxy that redirects itself: no redirect, and HSTS only when asked for.
    answers = responses(SECURE_SSL_REDIRECT="false")
    assert answers["http /"]["status"] == 200
    assert "Strict-Transport-Security" not in answers["https /"]
    answers = responses(SECURE_SSL_REDIRECT="false", SECURE_HSTS_SECONDS="600")
    assert answers["https /"]["Strict-Transport-Security"] == "max-age=600; includeSubDomains"


def test_policy_allows_the_media_bucket_and_extra_embed_providers():
    answers = responses(
        MEDIA_S3_BUCKET="kennis-media",
        MEDIA_S3_CUSTOM_DOMAIN="media.kennis.example.nl",
        CSP_FRAME_SRC="https://www.youtube-nocookie.com,https://embed.example.nl",
    )
    for path in ["/", "/admin/pages/"]:
        policy = directives(answers[f"https {path}"]["Content-Security-Policy"])
        assert "https://media.kennis.example.nl" in policy["img-src"]
        assert "https://embed.example.nl" in policy["frame-src"]
        assert "https://player.vimeo.com" not in policy["frame-src"]
