"""`import_subscribers`: bringing over addresses with provable consent from another system."""

from django.core.management import CommandError, call_command
from django.utils import timezone

import pytest

from newsletter.models import Subscriber


def run(tmp_path, text, source="aanmeldformulier oude site"):
    path = tmp_path / "abonnees.csv"
    path.write_text(text, encoding="utf-8")
    call_command("import_subscribers", str(path), source=source)


def test_imports_confirmed_subscribers_with_the_source_of_their_consent(tmp_path, theme):
    run(
        tmp_path,
        "email,themes,consented_at\n"
        "Bestuur@Voorbeeld.nl,krimp,2024-03-01\n"
        "alles@voorbeeld.nl,alle,2025-01-15T09:30:00\n",
    )

    themed = Subscriber.objects.get(email="bestuur@voorbeeld.nl")
    assert themed.status == Subscriber.Status.CONFIRMED
    assert list(themed.themes.all()) == [theme]
    assert themed.consent_method == Subscriber.ConsentMethod.IMPORT
    assert timezone.localtime(themed.created_at).date().isoformat() == "2024-03-01"
    assert "aanmeldformulier oude site" in themed.consent_note
    assert "2024-03-01" in themed.consent_note
    assert Subscriber.objects.get(email="alles@voorbeeld.nl").all_themes


def test_bad_rows_are_reported_with_their_line_and_the_rest_is_imported(tmp_path, theme, capsys):
    with pytest.raises(SystemExit) as exit_status:
        run(
            tmp_path,
            "email,themes,consented_at\n"
            "geen-adres,krimp,2024-03-01\n"
            "a@voorbeeld.nl,bestaat-niet,2024-03-01\n"
            "b@voorbeeld.nl,krimp,2024-13-45\n"
            "c@voorbeeld.nl,,2024-03-01\n"
            "d@voorbeeld.nl,krimp,2999-01-01\n"
            "goed@voorbeeld.nl,krimp,2024-03-01\n",
        )

    assert exit_status.value.code == 1
    errors = capsys.readouterr().err
    assert "line 2: 'geen-adres' is not a valid e-mail address" in errors
    assert "line 3: unknown theme(s): bestaat-niet" in errors
    assert "line 4: consented_at '2024-13-45' is not a date" in errors
    assert "line 5: no themes" in errors
    assert "line 6: consented_at lies in the future" in errors
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["goed@voorbeeld.nl"]


def test_known_addresses_are_left_alone(tmp_path, theme):
    existing = Subscriber.objects.create(
        email="lid@voorbeeld.nl", status=Subscriber.Status.PAUSED, consent_method="form"
    )

    run(tmp_path, "email,themes,consented_at\nlid@voorbeeld.nl,alle,2024-03-01\n")

    existing.refresh_from_db()
    assert existing.status == Subscriber.Status.PAUSED
    assert not existing.all_themes


def test_a_file_without_the_columns_is_refused(tmp_path, theme):
    with pytest.raises(CommandError, match="missing column"):
        run(tmp_path, "adres;thema\nlid@voorbeeld.nl;krimp\n")
    with pytest.raises(CommandError, match="cannot read"):
        call_command("import_subscribers", str(tmp_path / "nergens.csv"), source="x")
