"""Signing up with double opt-in, the sign-up forms, preferences and one-click unsubscribe."""

import re
import uuid

from django.core import mail, signing
from django.db import OperationalError, connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest
import redis
from bs4 import BeautifulSoup
from freezegun import freeze_time

from newsletter import tokens
from newsletter.consent import CONSENT_TEXTS, CURRENT_VERSION
from newsletter.models import Subscriber, SubscriptionCount
from tests import factories
from tests.pages.test_accessibility import check_structure
from tests.services import redis_url

SIGNUP_URL = "/nieuwsbrief/"


def sign_up(client, email="lid@voorbeeld.nl", themes=(), all_themes=False, **extra):
    data = {"email": email, "consent": "on", "themes": [t.pk for t in themes], **extra}
    if all_themes:
        data["scope"] = "alle"
    return client.post(SIGNUP_URL, data, REMOTE_ADDR=extra.pop("ip", "192.0.2.1"))


def link_in(message, name):
    """The first URL of the named newsletter view in an e-mail's text."""
    match = re.search(rf"http://testserver/nieuwsbrief/{name}/[^/\s]+/", message.body)
    assert match, message.body
    return match.group(0).removeprefix("http://testserver")


@pytest.fixture
def themes(indexes):
    return [
        factories.ThemePageFactory(parent=indexes["themes"], title=title, slug=slug)
        for title, slug in [("Krimp", "krimp"), ("Lerarentekort", "lerarentekort")]
    ]


@pytest.fixture
def confirmed(themes):
    subscriber = Subscriber.objects.create(
        email="vast@voorbeeld.nl",
        status=Subscriber.Status.CONFIRMED,
        consent_version=CURRENT_VERSION,
        consent_method=Subscriber.ConsentMethod.FORM,
    )
    subscriber.themes.set(themes[:1])
    return subscriber


# The forms


def test_sign_up_page_shows_the_form_with_consent_and_privacy_link(client, home, themes):
    privacy = factories.ContentPageFactory(parent=home, title="Privacyverklaring", slug="privacy")
    from core.models import SiteSettings

    settings = SiteSettings.for_site(home.get_site())
    settings.privacy_page = privacy
    settings.save()

    response = client.get(SIGNUP_URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert 'type="email"' in html
    assert "Krimp" in html and "Lerarentekort" in html
    assert CONSENT_TEXTS[CURRENT_VERSION].split(".")[0] in html
    assert 'href="/privacy/">privacyverklaring</a>' in html
    assert html.count('<form class="signup') == 1  # no second form in the footer


def test_sign_up_forms_follow_new_themes_and_privacy_page_but_read_them_once(
    client, home, themes, indexes
):
    from core.models import SiteSettings

    with CaptureQueriesContext(connection) as first:
        assert "Privacyverklaring" not in client.get(SIGNUP_URL).content.decode()
    with CaptureQueriesContext(connection) as then:
        client.get(themes[0].url)  # its own content, and a form with the same choices
    for queries, expected in [(first, True), (then, False)]:
        sql = " ".join(query["sql"] for query in queries)
        assert ('FROM "home_sitesettings"' in sql) is expected  # the privacy page
        assert ('ORDER BY "wagtailcore_page"."title"' in sql) is expected  # the themes

    privacy = factories.ContentPageFactory(parent=home, title="Privacyverklaring", slug="privacy")
    settings = SiteSettings.for_site(home.get_site())
    settings.privacy_page = privacy
    settings.save()
    factories.ThemePageFactory(parent=indexes["themes"], title="Huisvesting", slug="huisvesting")
    html = client.get(SIGNUP_URL).content.decode()
    assert 'href="/privacy/">privacyverklaring</a>' in html
    assert "Huisvesting" in html

    privacy.unpublish()
    assert 'href="/privacy/"' not in client.get(SIGNUP_URL).content.decode()


def test_a_theme_page_has_one_form_with_the_theme_chosen(client, themes):
    response = client.get(themes[0].url)

    html = response.content.decode()
    assert 'id="footer-nb-email"' not in html  # the footer leaves its form to the theme's
    assert 'id="theme-nb-email"' in html
    start = html.index('id="theme-newsletter"')
    theme_form = html[start : html.index("</form>", start)]
    assert re.search(rf'value="{themes[0].pk}"[^>]*checked', theme_form)
    assert not re.search(rf'value="{themes[1].pk}"[^>]*checked', theme_form)


def test_sign_up_page_preselects_a_theme_from_the_url(client, themes):
    html = client.get(SIGNUP_URL, {"thema": "lerarentekort"}).content.decode()

    assert re.search(rf'value="{themes[1].pk}"[^>]*checked', html)
    assert re.search(r'value="gekozen"[^>]*checked', html)
    assert not re.search(r'value="alle"[^>]*checked', html)


# All themes or the ticked ones, never both


def checked_inputs(html, form_id=None):
    """The values of the ticked radio buttons and checkboxes (of one form, by its id prefix)."""
    soup = BeautifulSoup(html, "html.parser")
    return {
        (field["name"], field["value"])
        for field in soup.select("input[checked]")
        if form_id is None or field["id"].startswith(form_id)
    }


def test_nothing_is_ticked_beforehand_on_the_sign_up_page_and_in_the_footer(client, themes):
    sign_up_page = client.get(SIGNUP_URL).content.decode()
    theme_page = client.get(themes[0].url).content.decode()

    assert checked_inputs(sign_up_page) == set()
    assert checked_inputs(theme_page, "footer-nb-") == set()
    assert checked_inputs(theme_page, "theme-nb-") == {
        ("scope", "gekozen"),
        ("themes", str(themes[0].pk)),
    }


def test_ticking_only_krimp_subscribes_to_krimp_only(client, themes):
    sign_up(client, themes=themes[:1])

    subscriber = Subscriber.objects.get()
    assert subscriber.all_themes is False
    assert list(subscriber.themes.all()) == themes[:1]
    assert "U koos voor nieuws over: Krimp." in mail.outbox[0].body
    assert "alle thema's" not in mail.outbox[0].body
    client.post(link_in(mail.outbox[0], "bevestigen"))
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    page = client.get(manage_url(subscriber))
    assert checked_inputs(page.content.decode()) == {
        ("scope", "gekozen"),
        ("themes", str(themes[0].pk)),
    }


def test_choosing_only_krimp_explicitly_subscribes_to_krimp_only(client, themes):
    sign_up(client, themes=themes[:1], scope="gekozen")

    subscriber = Subscriber.objects.get()
    assert (subscriber.all_themes, list(subscriber.themes.all())) == (False, themes[:1])


def test_choosing_all_themes_says_so_in_the_confirmation(client, themes):
    sign_up(client, all_themes=True)

    subscriber = Subscriber.objects.get()
    assert subscriber.all_themes is True
    assert not subscriber.themes.exists()
    assert "U koos voor nieuws over: alle thema's." in mail.outbox[0].body


@pytest.mark.parametrize("place", ["sign-up page", "footer", "preferences"])
def test_all_themes_and_ticked_themes_at_once_is_refused(client, themes, confirmed, place):
    data = {"scope": "alle", "themes": [themes[1].pk]}
    if place == "preferences":
        url = manage_url(confirmed)
    else:
        url = SIGNUP_URL
        data |= {"email": "nieuw@voorbeeld.nl", "consent": "on"}
    headers = {"HTTP_ORIGIN": "http://testserver"} if place == "footer" else {}
    client_ = Client(enforce_csrf_checks=place == "footer")

    response = client_.post(url, data, **headers)

    html = response.content.decode()
    assert "U koos voor alle thema&#x27;s en vinkte ook thema&#x27;s aan" in html
    assert not Subscriber.objects.exclude(pk=confirmed.pk).exists()
    confirmed.refresh_from_db()
    assert (confirmed.all_themes, list(confirmed.themes.all())) == (False, themes[:1])
    assert not mail.outbox


def test_preferences_switch_between_all_and_chosen_themes(client, confirmed, themes):
    url = manage_url(confirmed)

    client.post(url, {"scope": "alle"})
    confirmed.refresh_from_db()
    assert (confirmed.all_themes, list(confirmed.themes.all())) == (True, [])
    assert checked_inputs(client.get(url).content.decode()) == {("scope", "alle")}

    client.post(url, {"scope": "gekozen", "themes": [themes[1].pk]})
    confirmed.refresh_from_db()
    assert (confirmed.all_themes, list(confirmed.themes.all())) == (False, themes[1:])


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "", "consent": "on", "scope": "alle"}, "Vul uw e-mailadres in."),
        ({"email": "geen-adres", "consent": "on", "scope": "alle"}, "geldig e-mailadres"),
        ({"email": "a@voorbeeld.nl", "scope": "alle"}, "Geef toestemming"),
        ({"email": "a@voorbeeld.nl", "consent": "on"}, "vink ten minste één thema aan"),
        ({"email": "a@voorbeeld.nl", "consent": "on", "themes": ["x"]}, "bestaat niet"),
        ({"email": "a@voorbeeld.nl", "consent": "on", "themes": ["99999"]}, "bestaat niet"),
    ],
)
def test_bad_input_gives_a_dutch_message_and_stores_nothing(client, themes, data, message):
    response = client.post(SIGNUP_URL, data)

    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Controleer het formulier" in html
    assert 'aria-invalid="true"' in html or "_error" in html
    assert not Subscriber.objects.exists()
    assert not mail.outbox


# Double opt-in


def test_sign_up_sends_a_confirmation_and_confirming_subscribes(client, themes):
    response = sign_up(client, "Lid@Voorbeeld.nl", themes=themes[:1])

    assert response.status_code == 302
    assert response["Location"] == reverse("newsletter:subscribed")
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "lid@voorbeeld.nl"
    assert subscriber.status == Subscriber.Status.PENDING
    assert list(subscriber.themes.all()) == themes[:1]
    assert subscriber.consent_version == CURRENT_VERSION
    assert subscriber.consent_method == "form"
    [message] = mail.outbox
    assert message.to == ["lid@voorbeeld.nl"]
    assert "Bevestig" in message.subject
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    confirm_url = link_in(message, "bevestigen")
    page = client.get(confirm_url)  # a link scanner's GET confirms nothing
    assert page.status_code == 200
    assert "lid@voorbeeld.nl" in page.content.decode()
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING

    done = client.post(confirm_url)
    assert done.status_code == 200
    assert "U bent aangemeld" in done.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.confirmed_at is not None
    counts = dict(SubscriptionCount.objects.values_list("event", "count"))
    assert counts == {"signed_up": 1, "confirmed": 1}


def test_confirming_twice_changes_nothing(client, themes):
    sign_up(client, all_themes=True)
    confirm_url = link_in(mail.outbox[0], "bevestigen")
    client.post(confirm_url)
    confirmed_at = Subscriber.objects.get().confirmed_at

    again = client.post(confirm_url)

    assert again.status_code == 200
    assert "al bevestigd" in again.content.decode()
    assert Subscriber.objects.get().confirmed_at == confirmed_at
    assert SubscriptionCount.objects.get(event="confirmed").count == 1


def test_confirmation_link_expires(client, themes):
    with freeze_time("2026-11-01 10:00"):
        sign_up(client, all_themes=True)
    confirm_url = link_in(mail.outbox[0], "bevestigen")

    with freeze_time("2026-11-04 10:01"):
        response = client.post(confirm_url)

    assert response.status_code == 410
    assert "verlopen" in response.content.decode()
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


@pytest.mark.parametrize(
    "mangle",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        lambda token: token[: len(token) // 2],
        lambda token: "niets",
    ],
)
def test_tampered_links_are_refused(client, themes, mangle):
    sign_up(client, all_themes=True)
    token = link_in(mail.outbox[0], "bevestigen").split("/")[-2]

    for name in ("bevestigen", "voorkeuren", "afmelden"):
        response = client.post(f"/nieuwsbrief/{name}/{mangle(token)}/")
        assert response.status_code == 400, name
        assert "Deze link klopt niet" in response.content.decode()
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_a_token_for_one_purpose_does_not_work_for_another(client, confirmed):
    confirm_token = tokens.make_token(confirmed, tokens.CONFIRM)

    response = client.post(f"/nieuwsbrief/afmelden/{confirm_token}/")

    assert response.status_code == 400
    assert Subscriber.objects.filter(pk=confirmed.pk).exists()


def test_a_token_with_an_old_secret_is_refused(client, confirmed):
    forged = signing.dumps([confirmed.pk, "geraden"], salt=tokens.MANAGE)

    response = client.post(f"/nieuwsbrief/afmelden/{forged}/")

    assert response.status_code == 200
    assert "stond al niet" in response.content.decode()
    assert Subscriber.objects.filter(pk=confirmed.pk).exists()


# No enumeration, honeypot, rate limit


def test_known_and_unknown_addresses_get_the_same_response(client, confirmed):
    known = sign_up(client, confirmed.email, all_themes=True)
    unknown = sign_up(client, "nieuw@voorbeeld.nl", all_themes=True)

    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    # The known address is not changed by a stranger; its owner gets the preferences link.
    confirmed.refresh_from_db()
    assert confirmed.all_themes is False
    assert confirmed.status == Subscriber.Status.CONFIRMED
    to_known = next(m for m in mail.outbox if m.to == [confirmed.email])
    assert "al aangemeld" in to_known.subject
    link_in(to_known, "voorkeuren")


def test_signing_up_again_while_pending_sends_a_new_link_and_replaces_the_choice(client, themes):
    sign_up(client, themes=themes[:1])
    sign_up(client, themes=themes[1:])

    subscriber = Subscriber.objects.get()
    assert list(subscriber.themes.all()) == themes[1:]
    assert len(mail.outbox) == 2


def test_honeypot_gets_the_normal_response_but_nothing_happens(client, themes):
    response = sign_up(client, all_themes=True, website="http://spam.example")

    assert response.status_code == 302
    assert not Subscriber.objects.exists()
    assert not mail.outbox


@override_settings(NEWSLETTER_SIGNUP_LIMITS={"per_ip": (3, 3600), "per_email": (2, 3600)})
def test_rate_limit_per_email_address(client, themes):
    for _ in range(2):
        assert sign_up(client, all_themes=True, ip="192.0.2.1").status_code == 302

    response = sign_up(client, all_themes=True, ip="198.51.100.7")

    assert response.status_code == 429
    assert "te veel aanmeldingen" in response.content.decode()
    assert len(mail.outbox) == 2


@override_settings(NEWSLETTER_SIGNUP_LIMITS={"per_ip": (3, 3600), "per_email": (5, 3600)})
def test_rate_limit_per_ip_address_and_window(client, themes):
    with freeze_time("2026-11-23 10:00"):
        for number in range(3):
            assert sign_up(client, f"a{number}@voorbeeld.nl", all_themes=True).status_code == 302
        assert sign_up(client, "b@voorbeeld.nl", all_themes=True).status_code == 429
        other_ip = sign_up(client, "c@voorbeeld.nl", all_themes=True, ip="203.0.113.9")
        assert other_ip.status_code == 302
    assert not Subscriber.objects.filter(email="b@voorbeeld.nl").exists()


@override_settings(
    NUM_PROXIES=1, NEWSLETTER_SIGNUP_LIMITS={"per_ip": (1, 3600), "per_email": (5, 3600)}
)
def test_rate_limit_uses_the_address_the_proxy_recorded(client, themes):
    def post(email, forwarded):
        return client.post(
            SIGNUP_URL,
            {"email": email, "consent": "on", "scope": "alle"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=forwarded,
        )

    assert post("a@voorbeeld.nl", "192.0.2.1").status_code == 302
    assert post("b@voorbeeld.nl", "192.0.2.2").status_code == 302
    assert post("c@voorbeeld.nl", "1.2.3.4, 192.0.2.1").status_code == 429


def test_a_mail_server_failure_gives_a_message_not_an_error_page(client, themes, monkeypatch):
    def fail(*args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", fail)

    response = sign_up(client, all_themes=True)

    assert response.status_code == 503
    assert "niet gelukt" in response.content.decode()


def test_a_busy_database_is_not_reported_as_a_mail_failure(client, themes, mailoutbox):
    def locked(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith("INSERT") and "newsletter_subscriber" in sql:
            raise OperationalError("database is locked")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(locked):
        response = sign_up(client, all_themes=True)

    assert response.status_code == 503
    content = response.content.decode()
    assert "kon even niet worden opgeslagen" in content
    assert "niet gelukt" not in content
    assert mailoutbox == []


# Preferences and leaving


def manage_url(subscriber, name="voorkeuren"):
    return f"/nieuwsbrief/{name}/{tokens.make_token(subscriber, tokens.MANAGE)}/"


def test_preferences_change_themes_and_pause(client, confirmed, themes):
    url = manage_url(confirmed)
    page = client.get(url)
    assert page.status_code == 200
    assert re.search(rf'value="{themes[0].pk}"[^>]*checked', page.content.decode())

    response = client.post(url, {"themes": [themes[1].pk], "paused": "on"})

    assert "Uw voorkeuren zijn opgeslagen" in response.content.decode()
    confirmed.refresh_from_db()
    assert list(confirmed.themes.all()) == themes[1:]
    assert confirmed.status == Subscriber.Status.PAUSED

    client.post(url, {"scope": "alle"})
    confirmed.refresh_from_db()
    assert confirmed.status == Subscriber.Status.CONFIRMED
    assert confirmed.all_themes is True
    assert not confirmed.themes.exists()


def test_preferences_need_a_theme(client, confirmed, themes):
    response = client.post(manage_url(confirmed), {})

    assert "vink ten minste één thema aan" in response.content.decode()
    assert list(confirmed.themes.all()) == themes[:1]


def test_unsubscribe_asks_first_then_deletes_the_address(client, confirmed):
    url = manage_url(confirmed, "afmelden")
    assert client.get(url).status_code == 200
    assert Subscriber.objects.filter(pk=confirmed.pk).exists()

    response = client.post(url)

    assert "U bent afgemeld" in response.content.decode()
    assert not Subscriber.objects.filter(email=confirmed.email).exists()
    assert SubscriptionCount.objects.get(event="unsubscribed").count == 1
    # The link keeps answering politely, and the preferences link now says the address is gone.
    assert "stond al niet" in client.post(url).content.decode()
    assert client.get(manage_url(confirmed)).status_code == 410


def test_one_click_unsubscribe_works_without_a_csrf_token(confirmed):
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        manage_url(confirmed, "afmelden"),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert not Subscriber.objects.exists()


def test_signing_up_again_after_unsubscribing_starts_over(client, confirmed):
    client.post(manage_url(confirmed, "afmelden"))

    sign_up(client, confirmed.email, all_themes=True)

    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.secret != confirmed.secret
    assert "Bevestig" in mail.outbox[-1].subject


# Accessibility


def test_newsletter_pages_have_an_accessible_structure(client, confirmed, themes):
    pending = Subscriber.objects.create(email="nieuw@voorbeeld.nl", consent_method="form")
    pages = [
        client.get(SIGNUP_URL),
        client.post(SIGNUP_URL, {"email": "fout", "themes": ["x"]}),  # with errors
        client.get(reverse("newsletter:subscribed")),
        client.get(f"/nieuwsbrief/bevestigen/{tokens.make_token(pending, tokens.CONFIRM)}/"),
        client.get(manage_url(confirmed)),
        client.post(manage_url(confirmed), {}),  # with errors
        client.get(manage_url(confirmed, "afmelden")),
        client.get("/nieuwsbrief/bevestigen/kapot/"),
        client.get(themes[0].url),
    ]
    for response in pages:
        soup = BeautifulSoup(response.content, "html.parser")
        assert check_structure(soup) == [], response.request["PATH_INFO"]
    # The honeypot is out of sight and out of the keyboard order, and says what to do with it.
    trap = BeautifulSoup(pages[0].content, "html.parser").find("input", attrs={"name": "website"})
    assert trap["tabindex"] == "-1"
    assert trap.find_parent(attrs={"aria-hidden": "true"}) is not None


def test_rate_limit_counts_in_redis_so_all_workers_share_it(client, themes):
    url = redis_url()
    prefix = f"ratelimit-test-{uuid.uuid4().hex}"
    redis_cache = {
        "default": {
            "BACKEND": "core.cache.FailOpenRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
        }
    }
    limits = {"per_ip": (2, 3600), "per_email": (5, 3600)}
    server = redis.Redis.from_url(url)
    try:
        with override_settings(CACHES=redis_cache, NEWSLETTER_SIGNUP_LIMITS=limits):
            for number in range(2):
                response = sign_up(client, f"r{number}@voorbeeld.nl", all_themes=True)
                assert response.status_code == 302
            assert sign_up(client, "r9@voorbeeld.nl", all_themes=True).status_code == 429
        keys = server.keys(f"{prefix}:*ratelimit:signup-ip:*")
        assert len(keys) == 1
        assert 0 < server.ttl(keys[0]) <= 3600  # the window expires by itself
    finally:
        for key in server.keys(f"{prefix}:*"):
            server.delete(key)


def test_a_form_without_a_valid_csrf_token_gets_a_dutch_explanation(themes):
    client = Client(enforce_csrf_checks=True)

    response = client.post(SIGNUP_URL, {"email": "a@voorbeeld.nl", "consent": "on"})

    assert response.status_code == 403
    assert "Formulier niet verstuurd" in response.content.decode()
    assert check_structure(BeautifulSoup(response.content, "html.parser")) == []
    assert not Subscriber.objects.exists()
