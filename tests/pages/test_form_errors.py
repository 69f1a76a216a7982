"""Form errors: each one stands on its own line above its field, styled, and the field names it
in aria-describedby; the same in every form of the site (site/templates/includes/field_error.html).
"""

from pathlib import Path

from django.conf import settings

import pytest
import tinycss2
from bs4 import BeautifulSoup

from newsletter.models import Subscriber
from tests.newsletter.test_subscribing import manage_url

SIGNUP_URL = "/nieuwsbrief/"


def error_of(html, field_id):
    """The error that the field `field_id` is described by; checks where and how it is shown."""
    soup = BeautifulSoup(html, "html.parser")
    field = soup.find(id=field_id)
    assert field is not None, field_id
    error_id = f"{field_id.removesuffix('_0')}_error"
    described = soup.find(attrs={"aria-describedby": lambda value: value and error_id in value})
    assert described is not None, f"nothing is described by {error_id}"
    error = soup.find(id=error_id)
    assert error.name == "p" and "field__error" in error["class"]
    # Not squeezed into the row of a checkbox and its label, but above the field.
    assert error.find_parent(class_="checkbox") is None
    assert field in error.find_all_next(field.name)
    return error.get_text(" ", strip=True)


def test_consent_error_is_a_line_of_its_own_above_the_checkbox(client, indexes, theme):
    response = client.post(SIGNUP_URL, {"email": "a@voorbeeld.nl", "scope": "alle"})

    message = error_of(response.content.decode(), "nb-consent")
    assert message == "Fout: Geef toestemming om de nieuwsbrief te kunnen ontvangen."


def test_every_sign_up_error_is_shown_at_its_field(client, indexes, theme):
    response = client.post(SIGNUP_URL, {"email": "geen-adres"})

    html = response.content.decode()
    assert "geldig e-mailadres" in error_of(html, "nb-email")
    assert "vink ten minste één thema aan" in error_of(html, "nb-themes_0")
    assert "Geef toestemming" in error_of(html, "nb-consent")


def test_preferences_error_is_shown_at_the_themes(client, indexes, theme):
    subscriber = Subscriber.objects.create(
        email="lid@voorbeeld.nl", status=Subscriber.Status.CONFIRMED, all_themes=True
    )

    response = client.post(manage_url(subscriber), {"scope": "gekozen"})

    assert "vink ten minste één thema aan" in error_of(response.content.decode(), "id_themes_0")


def test_an_ignored_listing_filter_is_shown_at_its_field(client, indexes):
    response = client.get(indexes["news"].url, {"regio": "atlantis"})

    assert error_of(response.content.decode(), "id_regio") == "Fout: Ongeldige waarde, genegeerd."


@pytest.mark.parametrize(
    ("name", "value"), [("display", "block"), ("width", "100%"), ("font-weight", "700")]
)
def test_errors_are_styled_as_a_full_width_message(name, value):
    css = Path(settings.STATICFILES_DIRS[0], "css", "site.css").read_text()
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    error_rule = next(
        rule
        for rule in rules
        if rule.type == "qualified-rule"
        and tinycss2.serialize(rule.prelude).strip() == ".field__error"
    )
    declarations = tinycss2.parse_declaration_list(
        error_rule.content, skip_comments=True, skip_whitespace=True
    )
    assert value in {tinycss2.serialize(d.value).strip() for d in declarations if d.name == name}
