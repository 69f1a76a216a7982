"""The newsletter's management commands, as an operator runs them.

`newsletter_subscriber` answers privacy (AVG) requests, `delete_unconfirmed_subscribers` clears
sign-ups nobody confirmed and `send_newsletter` sends, one run at a time (`SendLock`).
"""

import datetime
import json
from io import StringIO

from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

import pytest

from newsletter.consent import CONSENT_TEXTS
from newsletter.models import Delivery, Edition, SendLock, Subscriber, SubscriptionCount
from newsletter.sending import LOCK_NAME
from tests import factories

UTC = datetime.UTC


def make_subscriber(email, status=Subscriber.Status.CONFIRMED, age=datetime.timedelta(days=3)):
    """A subscriber who signed up `age` ago and (unless pending) confirmed an hour later."""
    created_at = timezone.now() - age
    confirmed = status != Subscriber.Status.PENDING
    return Subscriber.objects.create(
        email=email,
        status=status,
        all_themes=True,
        created_at=created_at,
        confirmed_at=created_at + datetime.timedelta(hours=1) if confirmed else None,
        consent_version="2026-11",
        consent_method=Subscriber.ConsentMethod.FORM,
    )


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def day_count(event):
    row = SubscriptionCount.objects.filter(date=timezone.localdate(), event=event).first()
    return row.count if row else 0


# newsletter_subscriber export / delete


@pytest.fixture
def anna(indexes, theme):
    """A subscriber of one theme, with a digest and an edition in her send log."""
    subscriber = Subscriber.objects.create(
        email="anna.devries@example.nl",
        status=Subscriber.Status.CONFIRMED,
        all_themes=False,
        created_at=datetime.datetime(2026, 11, 2, 9, 30, tzinfo=UTC),
        confirmed_at=datetime.datetime(2026, 11, 2, 9, 45, tzinfo=UTC),
        consent_version="2026-11",
        consent_method=Subscriber.ConsentMethod.FORM,
    )
    subscriber.themes.set([theme])
    news = factories.NewsItemPageFactory(parent=indexes["news"], title="Krimp in het noorden")
    digest = Delivery.objects.create(
        subscriber=subscriber,
        status=Delivery.Status.SENT,
        created_at=datetime.datetime(2026, 11, 9, 7, 0, tzinfo=UTC),
        sent_at=datetime.datetime(2026, 11, 9, 7, 0, 1, tzinfo=UTC),
    )
    digest.pages.set([news])
    edition = Edition.objects.create(subject="Nieuwsbrief november", status=Edition.Status.SENT)
    Delivery.objects.create(
        subscriber=subscriber,
        edition=edition,
        status=Delivery.Status.FAILED,
        created_at=datetime.datetime(2026, 11, 16, 7, 0, tzinfo=UTC),
    )
    return subscriber


def test_export_prints_everything_stored_about_the_address_as_json(anna):
    make_subscriber("iemand.anders@example.nl")

    data = json.loads(run("newsletter_subscriber", "export", "anna.devries@example.nl"))

    assert data["email"] == "anna.devries@example.nl"
    assert data["status"] == "actief"
    assert data["themes"] == ["Krimp"]
    assert data["signed_up_at"] == "2026-11-02T09:30:00+00:00"
    assert data["confirmed_at"] == "2026-11-02T09:45:00+00:00"
    consent = data["consent"]
    assert consent["version"] == "2026-11"
    assert consent["text"] == CONSENT_TEXTS["2026-11"]  # word for word, as agreed to
    assert consent["method"] == "aanmeldformulier op de website"
    assert data["deliveries"] == [
        {
            "at": "2026-11-09T07:00:00+00:00",
            "kind": "digest",
            "status": "verstuurd",
            "pages": ["Krimp in het noorden"],
        },
        {
            "at": "2026-11-16T07:00:00+00:00",
            "kind": "edition: Nieuwsbrief november",
            "status": "mislukt",
            "pages": [],
        },
    ]
    assert "iemand.anders@example.nl" not in json.dumps(data)


def test_export_finds_the_address_whatever_its_case_and_surrounding_spaces(anna):
    data = json.loads(run("newsletter_subscriber", "export", "  Anna.DeVries@EXAMPLE.nl "))

    assert data["email"] == "anna.devries@example.nl"
    assert len(data["deliveries"]) == 2


def test_export_of_a_subscriber_of_all_themes_says_all(db):
    make_subscriber("alles@example.nl")

    data = json.loads(run("newsletter_subscriber", "export", "alles@example.nl"))

    assert data["themes"] == "all"
    assert data["deliveries"] == []


def test_delete_removes_the_address_and_its_send_log_and_counts_an_unsubscription(anna):
    other = make_subscriber("iemand.anders@example.nl")
    Delivery.objects.create(subscriber=other, status=Delivery.Status.SENT)
    before = day_count(SubscriptionCount.Event.UNSUBSCRIBED)

    out = run("newsletter_subscriber", "delete", "ANNA.devries@example.NL")

    assert "Deleted anna.devries@example.nl and its send log." in out
    assert not Subscriber.objects.filter(email__iexact="anna.devries@example.nl").exists()
    assert not Delivery.objects.filter(subscriber_id=anna.pk).exists()
    assert list(Subscriber.objects.values_list("email", flat=True)) == [other.email]
    assert Delivery.objects.filter(subscriber=other).count() == 1
    assert day_count(SubscriptionCount.Event.UNSUBSCRIBED) == before + 1


@pytest.mark.parametrize("action", ["export", "delete"])
def test_an_unknown_address_is_an_error_and_deletes_nothing(anna, action):
    counts = list(SubscriptionCount.objects.values_list("date", "event", "count"))

    with pytest.raises(CommandError, match="No subscriber with the address 'onbekend@example.nl'"):
        run("newsletter_subscriber", action, "onbekend@example.nl")

    assert Subscriber.objects.filter(pk=anna.pk).exists()
    assert Delivery.objects.filter(subscriber=anna).count() == 2
    assert list(SubscriptionCount.objects.values_list("date", "event", "count")) == counts


# delete_unconfirmed_subscribers


def test_unconfirmed_sign_ups_older_than_seven_days_are_deleted_and_counted_as_expired(db):
    days = datetime.timedelta(days=1)
    make_subscriber("acht.dagen@example.nl", Subscriber.Status.PENDING, age=8 * days)
    make_subscriber("een.maand@example.nl", Subscriber.Status.PENDING, age=30 * days)
    make_subscriber("zes.dagen@example.nl", Subscriber.Status.PENDING, age=6 * days)
    make_subscriber("bevestigd@example.nl", Subscriber.Status.CONFIRMED, age=60 * days)
    make_subscriber("gepauzeerd@example.nl", Subscriber.Status.PAUSED, age=60 * days)

    out = run("delete_unconfirmed_subscribers")

    assert "Deleted 2 unconfirmed sign-ups." in out
    assert sorted(Subscriber.objects.values_list("email", flat=True)) == [
        "bevestigd@example.nl",
        "gepauzeerd@example.nl",
        "zes.dagen@example.nl",
    ]
    assert day_count(SubscriptionCount.Event.EXPIRED) == 2
    assert day_count(SubscriptionCount.Event.UNSUBSCRIBED) == 0

    # A second run the same day finds nothing more and does not count anything twice.
    assert "Deleted 0 unconfirmed sign-ups." in run("delete_unconfirmed_subscribers")
    assert day_count(SubscriptionCount.Event.EXPIRED) == 2


# send_newsletter


@pytest.fixture
def due_digest(indexes, settings):
    """A confirmed subscriber of everything and a page published since: one digest is due."""
    settings.NEWSLETTER_DIGEST_INTERVAL_DAYS = 7
    subscriber = make_subscriber("lezer@example.nl")
    page = factories.NewsItemPageFactory(
        parent=indexes["news"],
        title="Nieuwe cijfers over leerlingendaling",
        publication_date=timezone.localdate(),
        first_published_at=timezone.now() - datetime.timedelta(hours=1),
    )
    return subscriber, page


def test_a_batch_size_below_one_is_refused_before_anything_is_sent(due_digest):
    with pytest.raises(CommandError, match="--batch-size must be at least 1"):
        run("send_newsletter", "--batch-size", "0")

    assert mail.outbox == []
    assert not Delivery.objects.exists()
    assert not SendLock.objects.exists()


@pytest.mark.parametrize("minutes_ago", [0, 9])
def test_a_run_stops_when_another_run_holds_a_fresh_lock(due_digest, minutes_ago):
    heartbeat = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    SendLock.objects.create(name=LOCK_NAME, holder="andere-run", heartbeat_at=heartbeat)

    out = run("send_newsletter")

    assert "Another send_newsletter run is busy" in out
    assert mail.outbox == []
    assert not Delivery.objects.exists()
    lock = SendLock.objects.get(name=LOCK_NAME)  # the other run's lock is left alone
    assert lock.holder == "andere-run"
    assert lock.heartbeat_at == heartbeat


def test_a_run_takes_over_a_stale_lock_and_sends(due_digest):
    subscriber, page = due_digest
    SendLock.objects.create(
        name=LOCK_NAME,
        holder="vastgelopen-run",
        heartbeat_at=timezone.now() - datetime.timedelta(minutes=11),
    )

    out = run("send_newsletter")

    assert "Another send_newsletter run is busy" not in out
    assert "Done: 1 e-mails sent, 0 failed." in out
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["lezer@example.nl"]
    assert page.title in mail.outbox[0].body
    delivery = Delivery.objects.get(subscriber=subscriber)
    assert delivery.status == Delivery.Status.SENT
    assert not SendLock.objects.exists()  # released when the run finished
