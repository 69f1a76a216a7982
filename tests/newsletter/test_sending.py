"""`send_newsletter`: digests per subscriber, editions, the send log, crashes and retries."""

import datetime
import smtplib
from io import StringIO

from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from wagtail.models import Page, PageViewRestriction

import pytest
from freezegun import freeze_time

from newsletter import sending
from newsletter.consent import CURRENT_VERSION
from newsletter.models import Delivery, Edition, EditionItem, Subscriber
from tests import factories

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def subscriber(email, themes=(), all_themes=False, status=Subscriber.Status.CONFIRMED, **extra):
    person = Subscriber.objects.create(
        email=email,
        status=status,
        all_themes=all_themes,
        confirmed_at=extra.pop("confirmed_at", timezone.now() - 3 * DAY),
        consent_version=CURRENT_VERSION,
        consent_method=Subscriber.ConsentMethod.FORM,
        **extra,
    )
    person.themes.set(themes)
    return person


def published(factory, parent, at=None, **fields):
    """A live page first published at `at` (default: now), dated that day."""
    at = at or timezone.now()
    fields.setdefault("publication_date", timezone.localdate(at))
    page = factory(parent=parent, **fields)
    Page.objects.filter(pk=page.pk).update(first_published_at=at)
    return page


def send(**options):
    out = StringIO()
    call_command("send_newsletter", stdout=out, **options)
    return out.getvalue()


def received(email):
    return [message for message in mail.outbox if message.to == [email]]


def html_of(message):
    [(html, mime_type)] = message.alternatives
    assert mime_type == "text/html"
    return html


@pytest.fixture
def themes(indexes):
    return {
        slug: factories.ThemePageFactory(parent=indexes["themes"], title=title, slug=slug)
        for title, slug in [("Krimp", "krimp"), ("Lerarentekort", "lerarentekort")]
    }


# Digests


def test_digest_holds_new_pages_on_followed_themes_in_html_and_text(indexes, themes):
    krimp = subscriber("krimp@voorbeeld.nl", [themes["krimp"]])
    everything = subscriber("alles@voorbeeld.nl", all_themes=True)
    news = published(
        factories.NewsItemPageFactory, indexes["news"], title="Scholen fuseren in Delfzijl",
        intro="Twee besturen gaan samen.", themes=[themes["krimp"]],
    )  # fmt: skip
    other = published(
        factories.PracticePageFactory, indexes["practices"], title="Zij-instromers in Zeeland",
        themes=[themes["lerarentekort"]],
    )  # fmt: skip
    untagged = published(factories.NewsItemPageFactory, indexes["news"], title="Jaarverslag")

    output = send()

    [to_krimp] = received(krimp.email)
    assert to_krimp.subject.endswith("1 nieuw bericht")
    assert "Scholen fuseren in Delfzijl" in to_krimp.body
    assert "Twee besturen gaan samen." in to_krimp.body
    assert f"http://testserver{news.url}" in to_krimp.body
    assert other.title not in to_krimp.body and untagged.title not in to_krimp.body
    html = html_of(to_krimp)
    assert '<html lang="nl">' in html
    assert f'href="http://testserver{news.url}"' in html
    assert "<h2" in html and "Nieuws" in html
    assert to_krimp.extra_headers["List-Unsubscribe"].startswith(
        "<http://testserver/nieuwsbrief/afmelden/"
    )
    assert to_krimp.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/nieuwsbrief/voorkeuren/" in to_krimp.body

    [to_all] = received(everything.email)
    for page in (news, other, untagged):
        assert page.title in to_all.body
    assert "2 sent" in output or "Done: 2 e-mails sent" in output
    assert Delivery.objects.filter(status=Delivery.Status.SENT).count() == 2
    assert set(Delivery.objects.get(subscriber=krimp).pages.all()) == {news.page_ptr}


def test_nothing_new_means_nothing_sent_and_a_rerun_sends_nothing_twice(indexes, themes):
    person = subscriber("lid@voorbeeld.nl", all_themes=True)

    assert "no new pages" in send()
    assert not mail.outbox

    published(factories.NewsItemPageFactory, indexes["news"])
    send()
    with override_settings(NEWSLETTER_DIGEST_INTERVAL_DAYS=0):
        send()
    assert len(received(person.email)) == 1


def test_only_pages_that_are_new_live_public_and_recent_are_sent(indexes, home):
    person = subscriber("lid@voorbeeld.nl", all_themes=True, confirmed_at=timezone.now() - DAY)
    fresh = published(factories.NewsItemPageFactory, indexes["news"], title="Vers")
    published(
        factories.NewsItemPageFactory, indexes["news"], title="Van voor de aanmelding",
        at=timezone.now() - 2 * DAY,
    )  # fmt: skip
    published(  # imported today, but dated long ago: not news
        factories.NewsItemPageFactory, indexes["news"], title="Oud artikel",
        publication_date=datetime.date(2019, 5, 1),
    )  # fmt: skip
    draft = published(factories.NewsItemPageFactory, indexes["news"], title="Concept")
    draft.unpublish()
    private = published(factories.NewsItemPageFactory, indexes["news"], title="Alleen leden")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    send()

    [message] = received(person.email)
    assert "Vers" in message.body
    for title in ("Van voor de aanmelding", "Oud artikel", "Concept", "Alleen leden"):
        assert title not in message.body
    assert fresh.title in message.subject or "1 nieuw bericht" in message.subject


def test_pending_and_paused_subscribers_get_nothing(indexes):
    subscriber("wacht@voorbeeld.nl", all_themes=True, status=Subscriber.Status.PENDING)
    subscriber("pauze@voorbeeld.nl", all_themes=True, status=Subscriber.Status.PAUSED)
    published(factories.NewsItemPageFactory, indexes["news"])

    send()

    assert not mail.outbox


def test_a_digest_waits_for_the_interval_and_then_holds_only_what_is_new(indexes):
    person = subscriber("lid@voorbeeld.nl", all_themes=True)
    first = published(factories.NewsItemPageFactory, indexes["news"], title="Eerste")
    send()
    second = published(factories.NewsItemPageFactory, indexes["news"], title="Tweede")

    send()  # a day later cron runs again: too soon for the next digest
    assert len(received(person.email)) == 1

    with freeze_time(timezone.now() + 7 * DAY):
        send()
    [_, digest] = received(person.email)
    assert second.title in digest.body
    assert first.title not in digest.body


def test_dry_run_shows_who_gets_what_and_changes_nothing(indexes, themes):
    subscriber("krimp@voorbeeld.nl", [themes["krimp"]])
    subscriber("leraar@voorbeeld.nl", [themes["lerarentekort"]])
    published(
        factories.NewsItemPageFactory, indexes["news"], title="Krimpnieuws",
        themes=[themes["krimp"]],
    )  # fmt: skip

    output = send(dry_run=True)

    assert "digest to krimp@voorbeeld.nl: 1 pages: Krimpnieuws" in output
    assert "leraar@voorbeeld.nl" not in output
    assert "1 e-mails would be sent" in output
    assert not mail.outbox
    assert not Delivery.objects.exists()


class CountingBackend(EmailBackend):
    opened = 0

    def open(self):
        CountingBackend.opened += 1
        return True


@override_settings(EMAIL_BACKEND="tests.newsletter.test_sending.CountingBackend")
def test_sends_in_batches_with_progress(indexes):
    CountingBackend.opened = 0
    for number in range(5):
        subscriber(f"lid{number}@voorbeeld.nl", all_themes=True)
    published(factories.NewsItemPageFactory, indexes["news"])

    output = send(batch_size=2)

    assert len(mail.outbox) == 5
    assert CountingBackend.opened == 3
    assert "digests: 2/5 handled" in output and "digests: 5/5 handled, 5 sent" in output


# Failures, crashes and reruns


class RefusingBackend(EmailBackend):
    """Refuses one address, like a mail server that rejects a recipient."""

    refused = "kapot@voorbeeld.nl"

    def send_messages(self, messages):
        for message in messages:
            if self.refused in message.to:
                raise smtplib.SMTPRecipientsRefused({self.refused: (550, b"No such user")})
        return super().send_messages(messages)


def test_one_refused_address_does_not_stop_the_rest_and_is_retried_later(indexes):
    broken = subscriber("kapot@voorbeeld.nl", all_themes=True)
    fine = subscriber("goed@voorbeeld.nl", all_themes=True)
    page = published(factories.NewsItemPageFactory, indexes["news"])

    with override_settings(EMAIL_BACKEND="tests.newsletter.test_sending.RefusingBackend"):
        output = send()

    assert len(received(fine.email)) == 1
    assert "1 failed" in output
    failed = Delivery.objects.get(subscriber=broken)
    assert failed.status == Delivery.Status.FAILED
    assert "No such user" in failed.error
    broken.refresh_from_db()
    assert broken.failed_attempts == 1
    assert broken.retry_after > timezone.now()

    send()  # straight away: the address gets a pause first
    assert not received(broken.email)

    with freeze_time(timezone.now() + datetime.timedelta(minutes=20)):
        send()
    [message] = received(broken.email)
    assert page.title in message.body
    assert len(received(fine.email)) == 1
    broken.refresh_from_db()
    assert broken.failed_attempts == 0


class CrashingBackend(EmailBackend):
    """Delivers `survive` e-mails, then the process is interrupted in the middle of a send."""

    survive = 2

    def send_messages(self, messages):
        if len(mail.outbox) >= self.survive:
            raise KeyboardInterrupt
        return super().send_messages(messages)


def test_a_run_interrupted_midway_is_completed_by_the_next_without_duplicates(indexes, themes):
    people = [subscriber(f"lid{n}@voorbeeld.nl", all_themes=True) for n in range(5)]
    pages = [published(factories.NewsItemPageFactory, indexes["news"]) for _ in range(3)]

    with (
        override_settings(EMAIL_BACKEND="tests.newsletter.test_sending.CrashingBackend"),
        pytest.raises(KeyboardInterrupt),
    ):
        send(batch_size=2)
    assert len(mail.outbox) == 2
    later = published(factories.NewsItemPageFactory, indexes["news"], title="Tussendoor")

    send()

    for person in people:
        messages = received(person.email)
        assert len(messages) == 1, person.email
        for page in pages:
            assert messages[0].body.count(f"http://testserver{page.url}") == 1
    # The page published between the runs went to those who had not had their digest yet.
    assert sum("Tussendoor" in message.body for message in mail.outbox) == 3
    assert later.pk


def test_a_hard_kill_after_sending_never_leads_to_a_second_copy(indexes, monkeypatch):
    person = subscriber("lid@voorbeeld.nl", all_themes=True)
    first = published(factories.NewsItemPageFactory, indexes["news"], title="Eerste")

    def killed(self, subscriber, delivery):
        raise SystemExit("killed")  # the e-mail went out; the process died before logging it

    with monkeypatch.context() as patch:
        patch.setattr(sending.Run, "mark_sent", killed)
        with pytest.raises(SystemExit):
            send()
    assert Delivery.objects.get().status == Delivery.Status.SENDING

    output = send()

    assert "Marked 1 deliveries of an interrupted run as uncertain" in output
    assert Delivery.objects.get().status == Delivery.Status.UNCERTAIN
    assert len(received(person.email)) == 1
    # Later pages still arrive.
    published(factories.NewsItemPageFactory, indexes["news"], title="Tweede")
    with freeze_time(timezone.now() + 7 * DAY):
        send()
    assert "Tweede" in received(person.email)[-1].body
    assert "Eerste" not in received(person.email)[-1].body
    assert first.pk


def test_a_run_stops_cleanly_when_asked(indexes):
    for number in range(3):
        subscriber(f"lid{number}@voorbeeld.nl", all_themes=True)
    published(factories.NewsItemPageFactory, indexes["news"])
    calls = []

    def stop_after_one():
        calls.append(1)
        return len(calls) > 1

    run = sending.Run(should_stop=stop_after_one)
    with pytest.raises(sending.StopRequested):
        run.run()

    assert len(mail.outbox) == 1
    assert not Delivery.objects.exclude(status=Delivery.Status.SENT).exists()
    send()
    assert len(mail.outbox) == 3


def test_an_unreachable_mail_server_stops_the_run_with_a_message(indexes):
    subscriber("lid@voorbeeld.nl", all_themes=True)
    published(factories.NewsItemPageFactory, indexes["news"])

    with (
        override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=9,  # discard: nothing listens here
            EMAIL_TIMEOUT=2,
        ),
        pytest.raises(Exception, match="Cannot reach the mail server"),
    ):
        send()

    assert not Delivery.objects.exists()


# Editions


@pytest.fixture
def edition(indexes, themes, admin_user):
    page = published(
        factories.PublicationPageFactory, indexes["publications"], title="Handreiking krimp",
        themes=[themes["krimp"]],
    )  # fmt: skip
    edition = Edition.objects.create(subject="Nieuwsbrief november", intro="<p>Welkom.</p>")
    EditionItem.objects.create(edition=edition, page=page)
    return edition


def test_a_queued_edition_goes_to_its_audience_once(edition, themes, admin_user):
    krimp = subscriber("krimp@voorbeeld.nl", [themes["krimp"]])
    teacher = subscriber("leraar@voorbeeld.nl", [themes["lerarentekort"]])
    everything = subscriber("alles@voorbeeld.nl", all_themes=True)
    subscriber("pauze@voorbeeld.nl", all_themes=True, status=Subscriber.Status.PAUSED)
    edition.all_subscribers = False
    edition.themes.set([themes["krimp"]])
    edition.save()

    send()
    assert not any(m.subject == edition.subject for m in mail.outbox)  # not queued yet

    assert edition.queue(admin_user)
    assert not edition.queue(admin_user)
    send()
    send()

    subjects = {email: [m.subject for m in received(email)] for email in
                (krimp.email, teacher.email, everything.email, "pauze@voorbeeld.nl")}  # fmt: skip
    assert subjects[krimp.email].count(edition.subject) == 1
    assert subjects[everything.email].count(edition.subject) == 1
    assert edition.subject not in subjects[teacher.email]
    assert edition.subject not in subjects["pauze@voorbeeld.nl"]
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SENT
    message = next(m for m in received(krimp.email) if m.subject == edition.subject)
    assert "Welkom." in message.body and "Handreiking krimp" in message.body
    assert "Handreiking krimp" in html_of(message)
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_pages_in_an_edition_are_not_repeated_in_the_digest(edition, admin_user, indexes):
    person = subscriber("lid@voorbeeld.nl", all_themes=True)
    edition.queue(admin_user)
    send()  # the edition, then a digest that leaves out what the edition held
    news = published(factories.NewsItemPageFactory, indexes["news"], title="Los bericht")

    with freeze_time(timezone.now() + 7 * DAY):
        send()

    messages = received(person.email)
    assert [m.subject for m in messages][0] == edition.subject
    digests = messages[1:]
    assert all("Handreiking krimp" not in m.body for m in digests)
    assert any(news.title in m.body for m in digests)


def test_a_failed_edition_e_mail_is_retried_once_without_resending_to_others(edition, admin_user):
    broken = subscriber("kapot@voorbeeld.nl", all_themes=True)
    fine = subscriber("goed@voorbeeld.nl", all_themes=True)
    edition.queue(admin_user)

    with override_settings(EMAIL_BACKEND="tests.newsletter.test_sending.RefusingBackend"):
        send()
    with freeze_time(timezone.now() + datetime.timedelta(hours=1)):
        send()
        send()

    def edition_copies(email):
        return [m for m in received(email) if m.subject == edition.subject]

    assert len(edition_copies(broken.email)) == 1
    assert len(edition_copies(fine.email)) == 1
