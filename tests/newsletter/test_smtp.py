"""A digest sent by `send_newsletter` through a real SMTP server, as a mail reader receives it.

The other newsletter tests use Django's in-memory mail backend; this one checks the bytes that
reach a mail server: the envelope, the headers mail providers act on (RFC 2369 / RFC 8058) and
both parts of the message, and that the one-click unsubscribe in them works.
"""

import datetime
import email
import email.policy
import socket
from io import StringIO
from urllib.parse import urlsplit

from django.core.management import call_command
from django.test import Client
from django.utils import timezone

import pytest
from aiosmtpd.controller import Controller

from newsletter import tokens
from newsletter.models import Delivery, Subscriber, SubscriptionCount
from tests import factories


class CollectingHandler:
    """Keeps every message the server accepts: envelope sender, recipients and raw bytes."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        self.messages.append(
            {
                "mail_from": envelope.mail_from,
                "rcpt_tos": list(envelope.rcpt_tos),
                "content": envelope.content,
            }
        )
        return "250 Message accepted for delivery"


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    """A local SMTP server on a free port, with Django's SMTP backend pointed at it."""
    handler = CollectingHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = controller.port
        settings.EMAIL_HOST_USER = ""
        settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_USE_SSL = False
        settings.EMAIL_TIMEOUT = 10
        yield handler
    finally:
        controller.stop()


def test_digest_over_smtp_has_list_headers_both_parts_and_a_working_one_click_unsubscribe(
    smtp_server, indexes, settings
):
    settings.NEWSLETTER_FROM_EMAIL = "Kennisplatform <nieuwsbrief@example.nl>"
    settings.NEWSLETTER_DIGEST_INTERVAL_DAYS = 7
    now = timezone.now()
    subscriber = Subscriber.objects.create(
        email="lezer@example.nl",
        status=Subscriber.Status.CONFIRMED,
        all_themes=True,
        created_at=now - datetime.timedelta(days=3),
        confirmed_at=now - datetime.timedelta(days=2),
        consent_version="2026-11",
        consent_method=Subscriber.ConsentMethod.FORM,
    )
    page = factories.NewsItemPageFactory(
        parent=indexes["news"],
        title="Scholen in Zeeland werken samen aan één aanbod",
        slug="scholen-zeeland",
        publication_date=timezone.localdate(),
        first_published_at=now - datetime.timedelta(hours=1),
    )
    page_url = "http://testserver/nieuws/scholen-zeeland/"

    out = StringIO()
    call_command("send_newsletter", stdout=out)

    assert "Done: 1 e-mails sent, 0 failed." in out.getvalue()
    assert len(smtp_server.messages) == 1
    received = smtp_server.messages[0]
    assert received["mail_from"] == "nieuwsbrief@example.nl"
    assert received["rcpt_tos"] == ["lezer@example.nl"]

    message = email.message_from_bytes(received["content"], policy=email.policy.default)
    assert message["To"] == "lezer@example.nl"
    assert message["From"] == "Kennisplatform <nieuwsbrief@example.nl>"
    assert message["Subject"] == "Test: 1 nieuw bericht"
    assert message["List-Id"] == "Test <nieuwsbrief.testserver>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # The long header arrives folded onto its own line; unfolding leaves leading whitespace.
    list_unsubscribe = str(message["List-Unsubscribe"]).strip()
    assert list_unsubscribe.startswith("<http://testserver/nieuwsbrief/afmelden/")
    assert list_unsubscribe.endswith("/>")
    unsubscribe_url = list_unsubscribe[1:-1]
    token = unsubscribe_url.removeprefix("http://testserver/nieuwsbrief/afmelden/")[:-1]
    assert "/" not in token
    assert tokens.read_token(token, tokens.MANAGE) == subscriber

    assert message.get_content_type() == "multipart/alternative"
    parts = {part.get_content_type(): part.get_content() for part in message.iter_parts()}
    assert set(parts) == {"text/plain", "text/html"}
    for content in parts.values():
        assert page.title in content
        assert page_url in content
        assert unsubscribe_url in content
    assert f'href="{page_url}"' in parts["text/html"]

    delivery = Delivery.objects.get(subscriber=subscriber)
    assert delivery.status == Delivery.Status.SENT
    assert delivery.sent_at is not None
    assert delivery.edition is None
    assert [logged.pk for logged in delivery.pages.all()] == [page.pk]

    # A mail provider's one-click unsubscribe: a bare POST, no cookies, no CSRF token.
    client = Client(enforce_csrf_checks=True)
    response = client.post(urlsplit(unsubscribe_url).path, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert not Subscriber.objects.filter(email="lezer@example.nl").exists()
    assert not Delivery.objects.exists()
    assert (
        SubscriptionCount.objects.get(
            date=timezone.localdate(), event=SubscriptionCount.Event.UNSUBSCRIBED
        ).count
        == 1
    )
