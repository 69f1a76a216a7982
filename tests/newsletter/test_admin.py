"""The newsletter in the Wagtail admin: subscribers, editions, sending and the dashboard panel."""

import csv
import datetime
import io
import json
import re
import smtplib
from unittest import mock

from django.contrib.auth.models import Group, User
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.models import ModelLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

import pytest

from newsletter.consent import CONSENT_TEXTS
from newsletter.models import Delivery, Edition, EditionItem, Subscriber, SubscriptionCount
from tests import factories

SUBSCRIBERS_URL = "/admin/newsletter/subscriber/"


def subscriber(email, status=Subscriber.Status.CONFIRMED, themes=(), **fields):
    confirmed = status != Subscriber.Status.PENDING
    subscriber = Subscriber.objects.create(
        email=email,
        status=status,
        consent_version="2026-11",
        consent_method="form",
        confirmed_at=timezone.now() if confirmed else None,
        **fields,
    )
    subscriber.themes.set(themes)
    return subscriber


def edition(pages, subject="Nieuws over krimp", themes=None, **fields):
    edition = Edition(
        subject=subject,
        intro="<p>Een greep uit het nieuws.</p>",
        all_subscribers=themes is None,
        themes=themes or [],
        items=[EditionItem(page=page) for page in pages],
        **fields,
    )
    edition.save()
    return edition


def edition_url(name, edition):
    return reverse(f"wagtailsnippets_newsletter_edition:{name}", args=[edition.pk])


def edition_form(edition, **fields):
    """The edit form's POST data for `edition`, with `fields` changed."""
    items = list(edition.items.all())
    data = {
        "subject": edition.subject,
        "intro": rich_text(edition.intro),
        "items": inline_formset(
            [{"id": item.pk, "page": item.page_id} for item in items], initial=len(items)
        ),
        "themes": [theme.pk for theme in edition.themes.all()],
        **fields,
    }
    if edition.all_subscribers:
        data["all_subscribers"] = "on"
    return nested_form_data(data)


def refused(response):
    """Wagtail answers a PermissionDenied with a redirect to the dashboard and a message."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


def messages_of(response):
    return [str(message).strip() for message in response.context["messages"]]


@pytest.fixture
def other_theme(indexes):
    return factories.ThemePageFactory(parent=indexes["themes"], title="Huisvesting")


@pytest.fixture
def news(indexes, theme):
    return factories.NewsItemPageFactory(
        parent=indexes["news"], themes=[theme], title="Scholen delen één gebouw"
    )


@pytest.fixture
def moderator(db):
    user = User.objects.create_user(
        "eindredacteur", email="eindredactie@example.nl", password="geheim-wachtwoord"
    )
    user.groups.add(Group.objects.get(name="Eindredacteuren"))
    return user


# --- Subscribers ---------------------------------------------------------------------------------


def test_subscriber_list_shows_search_and_filters(admin_client, theme, other_theme):
    subscriber("anna@example.nl", themes=[theme])
    subscriber("bram@example.nl", all_themes=True)
    subscriber("cees@example.nl", status=Subscriber.Status.PAUSED, themes=[other_theme])
    subscriber("dirk@example.nl", status=Subscriber.Status.PENDING, themes=[theme])

    page = admin_client.get(SUBSCRIBERS_URL).content.decode()
    assert all(f"{name}@example.nl" in page for name in ("anna", "bram", "cees", "dirk"))
    assert "Krimp" in page and "Alle thema&#x27;s" in page and "gepauzeerd" in page

    found = admin_client.get(SUBSCRIBERS_URL, {"q": "bram"}).content.decode()
    assert "bram@example.nl" in found and "anna@example.nl" not in found

    paused = admin_client.get(SUBSCRIBERS_URL, {"status": "paused"}).content.decode()
    assert "cees@example.nl" in paused and "anna@example.nl" not in paused

    # Following a theme: those who chose it and those who follow everything.
    krimp = admin_client.get(SUBSCRIBERS_URL, {"thema": theme.pk}).content.decode()
    assert "anna@example.nl" in krimp and "bram@example.nl" in krimp
    assert "dirk@example.nl" in krimp and "cees@example.nl" not in krimp

    everything = admin_client.get(SUBSCRIBERS_URL, {"thema": "alle"}).content.decode()
    assert "bram@example.nl" in everything and "anna@example.nl" not in everything


def test_subscriber_list_queries_do_not_grow_with_subscribers(admin_client, theme, other_theme):
    def queries():
        with CaptureQueriesContext(connection) as context:
            assert admin_client.get(SUBSCRIBERS_URL).status_code == 200
        return len(context)

    subscriber("anna@example.nl", themes=[theme, other_theme])
    few = queries()
    for number in range(5):
        subscriber(f"lezer{number}@example.nl", themes=[theme, other_theme])
    assert queries() == few


def test_csv_export_has_consent_proof_of_the_filtered_subscribers(admin_client, theme):
    subscriber("anna@example.nl", themes=[theme])
    subscriber("cees@example.nl", status=Subscriber.Status.PAUSED, all_themes=True)

    response = admin_client.get(SUBSCRIBERS_URL, {"status": "confirmed", "export": "csv"})
    assert response.status_code == 200
    assert "nieuwsbrief-abonnees" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))

    assert [row["E-mailadres"] for row in rows] == ["anna@example.nl"]
    row = rows[0]
    assert row["Versie toestemmingstekst"] == "2026-11"
    assert row["Toestemming via"] == "aanmeldformulier op de website"
    assert row["Aangemeld op"] and row["Bevestigd op"]
    assert row["Volgt"] == "Krimp"
    assert row["Status"] == "actief"
    assert row["Mislukte verzendpogingen op rij"] == "0"


def test_subscribers_cannot_be_added_by_hand(admin_client):
    page = admin_client.get(SUBSCRIBERS_URL).content.decode()
    assert f"{SUBSCRIBERS_URL}create/" not in page
    assert refused(admin_client.get(f"{SUBSCRIBERS_URL}create/"))


def test_inspect_shows_consent_proof_and_deliveries(admin_client, news):
    anna = subscriber("anna@example.nl", all_themes=True)
    sent = edition([news], status=Edition.Status.SENT)
    Delivery.objects.create(subscriber=anna, edition=sent, status=Delivery.Status.SENT)
    Delivery.objects.create(
        subscriber=anna, status=Delivery.Status.FAILED, error="550 mailbox unavailable"
    )

    page = admin_client.get(f"{SUBSCRIBERS_URL}inspect/{anna.pk}/").content.decode()
    assert CONSENT_TEXTS["2026-11"] in page.replace("&#x27;", "'")
    assert "aanmeldformulier op de website" in page.lower()
    assert "Editie: Nieuws over krimp" in page
    assert "550 mailbox unavailable" in page


def test_editing_changes_only_the_themes_and_logs_no_address(admin_client, theme):
    anna = subscriber("anna@example.nl", all_themes=True)
    response = admin_client.post(
        f"{SUBSCRIBERS_URL}edit/{anna.pk}/",
        {"themes": [theme.pk], "email": "ander@example.nl", "status": "paused"},
    )
    assert response.status_code == 302
    anna.refresh_from_db()
    assert not anna.all_themes and list(anna.themes.all()) == [theme]
    assert anna.email == "anna@example.nl" and anna.status == Subscriber.Status.CONFIRMED
    assert not ModelLogEntry.objects.filter(label__icontains="anna@example.nl").exists()

    # Following nothing at all is refused: that is what unsubscribing is for.
    response = admin_client.post(f"{SUBSCRIBERS_URL}edit/{anna.pk}/", {})
    assert response.status_code == 200
    assert "ten minste één thema" in response.content.decode()

    # All themes and some themes at once is refused too: what is stored is what was chosen.
    response = admin_client.post(
        f"{SUBSCRIBERS_URL}edit/{anna.pk}/", {"all_themes": "on", "themes": [theme.pk]}
    )
    assert response.status_code == 200
    assert "niet allebei" in response.content.decode()
    anna.refresh_from_db()
    assert not anna.all_themes and list(anna.themes.all()) == [theme]


def test_delete_unsubscribes_and_keeps_only_an_anonymous_count(admin_client):
    anna = subscriber("anna@example.nl", all_themes=True)
    url = f"{SUBSCRIBERS_URL}delete/{anna.pk}/"
    assert "definitief" in admin_client.get(url).content.decode()

    response = admin_client.post(url, follow=True)
    assert "anna@example.nl is afgemeld en verwijderd." in messages_of(response)
    assert not Subscriber.objects.exists()
    today = SubscriptionCount.objects.get(event=SubscriptionCount.Event.UNSUBSCRIBED)
    assert today.count == 1 and today.date == timezone.localdate()
    assert not ModelLogEntry.objects.filter(label__icontains="anna@example.nl").exists()


# --- Editions ------------------------------------------------------------------------------------


def test_edition_list_shows_status_and_delivery_counts(admin_client, news):
    sent = edition([news], subject="Oktobereditie", status=Edition.Status.SENT)
    for number in range(3):
        reader = subscriber(f"lezer{number}@example.nl", all_themes=True)
        status = Delivery.Status.FAILED if number == 2 else Delivery.Status.SENT
        Delivery.objects.create(subscriber=reader, edition=sent, status=status)
    edition([news], subject="Novembereditie")

    response = admin_client.get(reverse("wagtailsnippets_newsletter_edition:list"))
    page = response.content.decode()
    assert "Oktobereditie" in page and "Novembereditie" in page
    assert "verstuurd" in page and "concept" in page
    rows = {edition.subject: edition for edition in response.context["object_list"]}
    assert (rows["Oktobereditie"].sent_count, rows["Oktobereditie"].failed_count) == (2, 1)
    # A sent edition links to its details, not to the edit form.
    assert edition_url("edit", sent) not in page
    assert edition_url("inspect", sent) in page


def test_preview_renders_the_email_with_unsaved_changes(admin_client, news):
    draft = edition([news])
    url = edition_url("preview_on_edit", draft)
    response = admin_client.post(url, edition_form(draft, subject="Nieuw onderwerp"))
    assert json.loads(response.content) == {"is_valid": True, "is_available": True}

    page = admin_client.get(url).content.decode()
    assert "Nieuw onderwerp" in page
    assert "Scholen delen één gebouw" in page
    assert "Dit is een testversie" in page


def test_test_send_saves_and_mails_the_editor(admin_client, admin_user, news):
    draft = edition([news])
    response = admin_client.post(
        edition_url("edit", draft),
        edition_form(draft, subject="Nieuws in december", **{"action-send-test": "Test"}),
        follow=True,
    )
    assert f"als test verstuurd naar {admin_user.email}" in " ".join(messages_of(response))
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [admin_user.email]
    assert message.subject == "[Test] Nieuws in december"
    assert "Scholen delen één gebouw" in message.body
    draft.refresh_from_db()
    assert draft.subject == "Nieuws in december" and draft.is_draft


def test_test_send_explains_a_missing_address(client, editor, news):
    draft = edition([news])
    client.force_login(editor)
    response = client.post(
        edition_url("edit", draft), edition_form(draft, **{"action-send-test": "Test"}), follow=True
    )
    assert "geen e-mailadres" in " ".join(messages_of(response))
    assert mail.outbox == []


def test_test_send_explains_a_mail_server_failure(admin_client, news):
    draft = edition([news])
    with mock.patch(
        "django.core.mail.EmailMultiAlternatives.send",
        side_effect=smtplib.SMTPServerDisconnected("weg"),
    ):
        response = admin_client.post(
            edition_url("edit", draft),
            edition_form(draft, **{"action-send-test": "Test"}),
            follow=True,
        )
    assert "mailserver" in " ".join(messages_of(response))


def test_send_page_counts_every_active_subscriber(admin_client, news, theme):
    for name in ("anna", "bram", "cees"):
        subscriber(f"{name}@example.nl", themes=[theme])
    subscriber("dirk@example.nl", status=Subscriber.Status.PAUSED, all_themes=True)
    subscriber("eva@example.nl", status=Subscriber.Status.PENDING, all_themes=True)

    page = admin_client.get(edition_url("send", edition([news]))).content.decode()
    assert "Alle actieve abonnees" in page
    assert "3 abonnees" in page


def test_send_page_counts_the_followers_of_the_chosen_themes(
    admin_client, news, theme, other_theme
):
    subscriber("anna@example.nl", themes=[theme])
    subscriber("bram@example.nl", all_themes=True)
    subscriber("cees@example.nl", themes=[other_theme])

    page = admin_client.get(edition_url("send", edition([news], themes=[theme]))).content.decode()
    assert "deze thema&#x27;s: Krimp" in page
    assert "2 abonnees" in page


def test_edition_is_queued_once(admin_client, admin_user, news):
    subscriber("anna@example.nl", all_themes=True)
    draft = edition([news])
    url = edition_url("send", draft)

    response = admin_client.post(url, follow=True)
    assert "send_newsletter" in " ".join(messages_of(response))
    draft.refresh_from_db()
    assert draft.status == Edition.Status.QUEUED and draft.queued_by == admin_user
    queued_at = draft.queued_at

    response = admin_client.post(url, follow=True)
    assert "al verstuurd" in " ".join(messages_of(response))
    draft.refresh_from_db()
    assert draft.status == Edition.Status.QUEUED and draft.queued_at == queued_at
    assert mail.outbox == []  # the send_newsletter command sends, not the request


def test_empty_audience_cannot_be_queued(admin_client, news):
    draft = edition([news])
    page = admin_client.get(edition_url("send", draft)).content.decode()
    assert "geen actieve abonnees" in page
    admin_client.post(edition_url("send", draft))
    draft.refresh_from_db()
    assert draft.is_draft


def test_only_users_who_may_send_can_queue(client, editor, moderator, news):
    subscriber("anna@example.nl", all_themes=True)
    draft = edition([news])

    client.force_login(editor)
    assert "Versturen…" not in client.get(edition_url("edit", draft)).content.decode()
    assert refused(client.get(edition_url("send", draft)))
    assert refused(client.post(edition_url("send", draft)))
    draft.refresh_from_db()
    assert draft.is_draft

    client.force_login(moderator)
    assert "Versturen…" in client.get(edition_url("edit", draft)).content.decode()
    client.post(edition_url("send", draft))
    draft.refresh_from_db()
    assert draft.status == Edition.Status.QUEUED


def test_editors_write_editions(client, editor, news):
    client.force_login(editor)
    form = nested_form_data(
        {
            "subject": "Nieuwe editie",
            "intro": rich_text("<p>Welkom.</p>"),
            "items": inline_formset([{"page": news.pk}]),
            "all_subscribers": "on",
            "themes": [],
        }
    )
    response = client.post(reverse("wagtailsnippets_newsletter_edition:add"), form)
    assert response.status_code == 302
    assert Edition.objects.get().pages() == [news]


def test_sent_edition_can_no_longer_be_edited_or_deleted(admin_client, news):
    sent = edition([news], subject="Oktobereditie", status=Edition.Status.SENT)

    response = admin_client.get(edition_url("edit", sent), follow=True)
    assert response.redirect_chain[-1][0] == edition_url("inspect", sent)
    assert "niet meer wijzigen" in " ".join(messages_of(response))

    admin_client.post(edition_url("edit", sent), edition_form(sent, subject="Gewijzigd"))
    admin_client.post(edition_url("delete", sent))
    sent.refresh_from_db()
    assert sent.subject == "Oktobereditie" and sent.status == Edition.Status.SENT

    admin_client.post(edition_url("send", sent))
    sent.refresh_from_db()
    assert sent.status == Edition.Status.SENT


def test_edition_queued_while_being_edited_stays_queued(admin_client, admin_user, news):
    draft = edition([news], subject="Novembereditie")
    form = edition_form(draft, subject="Gewijzigd")
    draft.queue(admin_user)  # by someone else, while this editor still has the form open
    # Let the request get past the check on opening, as if it had loaded the edition earlier.
    with mock.patch.object(Edition, "is_draft", new_callable=mock.PropertyMock) as is_draft:
        is_draft.return_value = True
        response = admin_client.post(edition_url("edit", draft), form)
    assert response.url == edition_url("inspect", draft)
    draft.refresh_from_db()
    assert draft.subject == "Novembereditie" and draft.status == Edition.Status.QUEUED


def test_bulk_delete_keeps_sent_editions(admin_client, news):
    draft = edition([news], subject="Concept")
    sent = edition([news], subject="Oktobereditie", status=Edition.Status.SENT)
    url = reverse("wagtail_bulk_action", args=("newsletter", "edition", "delete"))
    admin_client.post(f"{url}?id={draft.pk}&id={sent.pk}")
    assert Edition.objects.filter(pk=sent.pk).exists()

    admin_client.post(f"{url}?id={draft.pk}")
    assert not Edition.objects.filter(pk=draft.pk).exists()


# --- Menu and dashboard --------------------------------------------------------------------------


def newsletter_menu(client):
    """The labels in the sidebar's "Nieuwsbrief" submenu (the sidebar is rendered from JSON)."""
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    props = re.search(r'<script id="wagtail-sidebar-props"[^>]*>(.*?)</script>', page, re.S)

    def find(node):
        if isinstance(node, dict):
            args = node.get("_args", [])
            if node.get("_type") == "wagtail.sidebar.SubMenuItem" and args[0]["label"] == (
                "Nieuwsbrief"
            ):
                return [item["_args"][0]["label"] for item in args[1]]
            node = list(node.values())
        if isinstance(node, list):
            for child in node:
                if (found := find(child)) is not None:
                    return found
        return None

    return find(json.loads(props.group(1)))


def test_one_newsletter_menu_holds_editions_and_subscribers(admin_client, client, editor):
    assert newsletter_menu(admin_client) == ["Edities", "Abonnees"]

    client.force_login(editor)
    assert newsletter_menu(client) == ["Edities"]
    assert refused(client.get(SUBSCRIBERS_URL))


def test_dashboard_shows_subscriber_counts(admin_client, client, editor):
    subscriber("anna@example.nl", all_themes=True)
    subscriber("bram@example.nl", all_themes=True)
    subscriber("cees@example.nl", status=Subscriber.Status.PAUSED, all_themes=True)
    subscriber("dirk@example.nl", status=Subscriber.Status.PENDING, all_themes=True)
    month_start = timezone.localdate().replace(day=1)
    last_month = month_start - datetime.timedelta(days=1)
    for date, event, count in [
        (month_start, SubscriptionCount.Event.CONFIRMED, 4),
        (last_month, SubscriptionCount.Event.CONFIRMED, 9),
        (month_start, SubscriptionCount.Event.UNSUBSCRIBED, 3),
        (last_month, SubscriptionCount.Event.UNSUBSCRIBED, 8),
    ]:
        SubscriptionCount.objects.create(date=date, event=event, count=count)

    response = admin_client.get(reverse("wagtailadmin_home"))
    page = " ".join(response.content.decode().split())
    assert '<th scope="row">Actieve abonnees</th> <td>2</td>' in page
    assert '<th scope="row">Gepauzeerd</th> <td>1</td>' in page
    assert '<th scope="row">Wachten op bevestiging</th> <td>1</td>' in page
    assert "Nieuw bevestigd sinds 1 " in page and "<td>4</td>" in page
    assert "Afgemeld sinds 1 " in page and "<td>3</td>" in page

    client.force_login(editor)
    assert "Actieve abonnees" not in client.get(reverse("wagtailadmin_home")).content.decode()
