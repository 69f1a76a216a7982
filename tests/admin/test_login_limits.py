"""The admin login and password reset cannot be used to guess passwords or to flood mailboxes."""

import datetime
import io

from django.core import mail
from django.core.management import call_command
from django.test import Client

import pytest
from freezegun import freeze_time

LOGIN = "/admin/login/"
RESET = "/admin/password_reset/"
PASSWORD = "geheim-wachtwoord"  # the `editor` fixture's


def log_in(client, password, username="redacteur"):
    return client.post(LOGIN, {"username": username, "password": password})


def fail_until_locked(client, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = log_in(client, "verkeerd")
        assert response.status_code == 200  # the login form again, with its message
        assert "Inloggen tijdelijk geblokkeerd" not in response.content.decode()
    return log_in(client, "verkeerd")


def assert_locked_out(response):
    assert response.status_code == 429
    content = response.content.decode()
    assert "Inloggen tijdelijk geblokkeerd" in content
    assert "Wacht 15 minuten" in content


def test_wrong_passwords_lock_out_even_the_right_one(client, editor, settings):
    assert_locked_out(fail_until_locked(client, settings))
    response = log_in(client, PASSWORD)
    assert_locked_out(response)
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302  # still sent to the login page


def test_lockout_ends_after_the_cool_off(client, editor, settings):
    start = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
    with freeze_time(start):
        assert_locked_out(fail_until_locked(client, settings))
    with freeze_time(start + datetime.timedelta(minutes=14)):
        assert_locked_out(log_in(client, PASSWORD))
    with freeze_time(start + datetime.timedelta(minutes=14 + 16)):
        assert log_in(client, PASSWORD).status_code == 302


def test_operator_unlocks_a_user_with_a_management_command(client, editor, settings):
    assert_locked_out(fail_until_locked(client, settings))
    call_command("axes_reset_username", "redacteur", stdout=io.StringIO())
    assert log_in(client, PASSWORD).status_code == 302


def test_a_successful_login_before_the_limit_resets_the_count(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "verkeerd")
    assert log_in(client, PASSWORD).status_code == 302
    client.logout()
    # Counting starts again from zero: locked at the limit, not before.
    assert_locked_out(fail_until_locked(client, settings))


def test_lockout_is_per_user_name_and_address(client, editor, admin_user, settings):
    assert_locked_out(fail_until_locked(client, settings))
    # The same user from another address, and another user from the same address, still can.
    assert log_in(Client(REMOTE_ADDR="192.0.2.7"), PASSWORD).status_code == 302
    assert log_in(client, "password", username="admin").status_code == 302


def test_behind_a_proxy_the_visitor_address_counts(client, editor, settings):
    settings.NUM_PROXIES = 1
    attacker = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert_locked_out(fail_until_locked(attacker, settings))
    # Same proxy, another visitor: not locked out.
    colleague = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.4")
    assert log_in(colleague, PASSWORD).status_code == 302
    # A visitor cannot escape the lock by adding an address of their own choosing in front.
    spoofed = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9")
    assert_locked_out(log_in(spoofed, PASSWORD))


@pytest.fixture
def editor_with_email(editor):
    editor.email = "redacteur@example.nl"
    editor.save()
    return editor


def test_password_reset_is_limited_per_email_address(client, editor_with_email, settings):
    settings.PASSWORD_RESET_LIMITS = {"per_ip": (100, 3600), "per_email": (3, 3600)}
    for number in range(3):
        visitor = Client(REMOTE_ADDR=f"192.0.2.{number + 1}")
        assert visitor.post(RESET, {"email": "redacteur@example.nl"}).status_code == 302
    assert len(mail.outbox) == 3

    response = client.post(RESET, {"email": " Redacteur@Example.nl"})
    assert response.status_code == 429
    assert "Te veel aanvragen" in response.content.decode()
    assert "er is geen e-mail verstuurd" in response.content.decode()
    assert len(mail.outbox) == 3


def test_password_reset_is_limited_per_address(client, editor_with_email, settings):
    settings.PASSWORD_RESET_LIMITS = {"per_ip": (2, 3600), "per_email": (100, 3600)}
    assert client.post(RESET, {"email": "iemand@example.nl"}).status_code == 302
    assert client.post(RESET, {"email": "anders@example.nl"}).status_code == 302
    response = client.post(RESET, {"email": "redacteur@example.nl"})
    assert response.status_code == 429
    assert "Te veel aanvragen" in response.content.decode()
    assert mail.outbox == []
    # Another address is not affected, and the form itself can still be opened.
    other = Client(REMOTE_ADDR="192.0.2.99")
    assert other.post(RESET, {"email": "redacteur@example.nl"}).status_code == 302
    assert len(mail.outbox) == 1
    assert client.get(RESET).status_code == 200
