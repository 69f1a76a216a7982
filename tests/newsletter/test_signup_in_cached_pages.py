"""The sign-up forms in the footer and on theme pages are cached with the page, so they carry no
per-visitor CSRF token: the sign-up view accepts them by the browser's Origin header."""

from django.test import Client

from bs4 import BeautifulSoup

from newsletter.models import Subscriber

SIGNUP_URL = "/nieuwsbrief/"


def post_from(origin, email):
    client = Client(enforce_csrf_checks=True)
    data = {"email": email, "consent": "on", "scope": "alle"}
    headers = {"Origin": origin} if origin else {}
    return client.post(SIGNUP_URL, data, headers=headers, REMOTE_ADDR="192.0.2.7")


def test_pages_carry_no_token_and_set_no_cookie(client, theme):
    # The footer's form on most pages; a theme page has only its own.
    for url, selector in (("/", "footer form.signup"), (theme.url, "main form.signup")):
        response = client.get(url)
        form = BeautifulSoup(response.content, "html.parser").select_one(selector)
        assert form is not None and form["action"] == SIGNUP_URL, url
        assert form.select_one("[name=csrfmiddlewaretoken]") is None
        assert "csrftoken" not in response.cookies


def test_the_cached_form_signs_up_from_the_sites_own_pages(theme):
    response = post_from("http://testserver", "buur@voorbeeld.nl")
    assert response.status_code == 302
    assert Subscriber.objects.filter(email="buur@voorbeeld.nl").exists()


def test_a_post_from_another_site_or_without_origin_is_refused(theme):
    for origin in ("https://elders.example.com", "null", None):
        response = post_from(origin, "vreemd@voorbeeld.nl")
        assert response.status_code == 403, origin
        assert "Formulier niet verstuurd" in response.content.decode()
    assert not Subscriber.objects.exists()
