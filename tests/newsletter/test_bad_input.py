"""Whatever a visitor or a bot sends to the newsletter pages: a Dutch answer, never an error."""

from django.core import mail

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsletter import tokens
from newsletter.models import Subscriber

SPECIAL = ["", " ", "\x00", "🙂", "<script>", "' OR 1=1 --", "a@b", "@", "x" * 300,
           "naam@voorbeeld.nl", "NAAM@VOORBEELD.NL ", "on", "1", "-1",
           "999999999999999999999"]  # fmt: skip
values = st.one_of(st.text(max_size=60), st.sampled_from(SPECIAL), st.integers().map(str))
form_data = st.fixed_dictionaries(
    {},
    optional={
        "email": values, "consent": values, "scope": values, "website": values,
        "themes": st.lists(values, max_size=4), "paused": values,
    },
)  # fmt: skip
token_text = st.one_of(
    st.text(alphabet=st.characters(blacklist_characters="/?#%", blacklist_categories=["Cs"]),
            min_size=1, max_size=120),
    st.sampled_from(["x", ".", ":", "a:b:c", "e30:1:2", "-" * 50]),
)  # fmt: skip


@pytest.fixture
def subscriber(theme):
    return Subscriber.objects.create(
        email="lid@voorbeeld.nl", status=Subscriber.Status.CONFIRMED, consent_method="form"
    )


@given(data=form_data)
def test_sign_up_form_never_fails(client, theme, data):
    response = client.post("/nieuwsbrief/", data)
    assert response.status_code in (200, 302, 429)
    if response.status_code == 200:
        assert "Controleer het formulier" in response.content.decode()
    for message in mail.outbox:  # only ever to an address that was signed up
        assert Subscriber.objects.filter(email=message.to[0]).exists()


@given(token=token_text, data=form_data)
def test_links_with_any_token_never_fail(client, subscriber, token, data):
    for name in ("bevestigen", "voorkeuren", "afmelden"):
        for method in (client.get, client.post):
            response = method(f"/nieuwsbrief/{name}/{token}/", data)
            assert response.status_code in (200, 400, 404, 410), (name, token)
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()


@given(data=form_data)
def test_preferences_form_never_fails(client, subscriber, data):
    url = f"/nieuwsbrief/voorkeuren/{tokens.make_token(subscriber, tokens.MANAGE)}/"
    response = client.post(url, data)
    assert response.status_code == 200
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()


NOT_IDS = ["9223372036854775808", "99999999999999999999999", "-1", "0", "1e3", "\x00", "٣", " "]


@pytest.mark.parametrize("value", NOT_IDS)
def test_theme_values_that_are_no_ids_are_a_form_error(client, subscriber, theme, value):
    url = f"/nieuwsbrief/voorkeuren/{tokens.make_token(subscriber, tokens.MANAGE)}/"
    response = client.post(url, {"themes": [str(theme.pk), value]})
    assert response.status_code == 200
    assert "bestaat niet (meer). Kies opnieuw." in response.content.decode()
    assert list(Subscriber.objects.get(pk=subscriber.pk).themes.all()) == []

    response = client.post(
        "/nieuwsbrief/", {"email": "nieuw@voorbeeld.nl", "consent": "on", "themes": value}
    )
    assert response.status_code == 200
    assert not Subscriber.objects.filter(email="nieuw@voorbeeld.nl").exists()


def test_largest_id_is_looked_up_normally(client, subscriber, theme):
    url = f"/nieuwsbrief/voorkeuren/{tokens.make_token(subscriber, tokens.MANAGE)}/"
    response = client.post(url, {"themes": ["9223372036854775807"]})
    assert response.status_code == 200
    assert "bestaat niet (meer). Kies opnieuw." in response.content.decode()
