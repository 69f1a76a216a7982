import io

from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

import pytest


def run(monkeypatch, password=None):
    if password is None:
        monkeypatch.delenv("ADMIN_PASSWORD", raising=False)
    else:
        monkeypatch.setenv("ADMIN_PASSWORD", password)
    out = io.StringIO()
    call_command("ensure_admin", stdout=out)
    return out.getvalue()


def test_generated_password_is_printed_once_and_works(db, monkeypatch):
    first = run(monkeypatch)
    password = first.split("password: ")[1].split()[0]
    user = User.objects.get(username="admin")
    assert user.is_superuser and user.check_password(password)

    second = run(monkeypatch)
    assert "exists" in second and password not in second
    assert User.objects.filter(username="admin").count() == 1


def test_password_from_environment(db, monkeypatch):
    output = run(monkeypatch, "een-lang-wachtwoord")
    assert "een-lang-wachtwoord" not in output
    assert User.objects.get(username="admin").check_password("een-lang-wachtwoord")
    run(monkeypatch, "een-ander-wachtwoord")
    assert User.objects.get(username="admin").check_password("een-ander-wachtwoord")


@pytest.mark.parametrize("weak", ["1", "admin", "wachtwoord", "12345678901"])
def test_weak_password_from_environment_is_refused(db, monkeypatch, weak):
    with pytest.raises(CommandError, match="ADMIN_PASSWORD is too weak"):
        run(monkeypatch, weak)
    assert not User.objects.filter(username="admin").exists()

    run(monkeypatch, "een-lang-wachtwoord")
    with pytest.raises(CommandError, match="Nothing was changed"):
        run(monkeypatch, weak)
    assert User.objects.get(username="admin").check_password("een-lang-wachtwoord")
