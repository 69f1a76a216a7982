"""Whatever a visitor or a bot sends to the newsletter pages: a Dutch answer, never an error."""

from django.core import mail

import pytest
from hypothesis import HealthCheck, given, settings
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
        "email": values, "consent": values, "all_themes": values, "website": values,
        "themes": st.lists(values, max_size=4), "paused": values,
    },
)  # fmt: skip
token_text = st.one_of(
    st.text(alphabet=st.characters(blacklist_characters="/?#%", blacklist_categories=["Cs"]),
            min_size=1, max_size=120),
    st.sampled_from(["x", ".", ":", "a:b:c", "e30:1:2", "-" * 50]),
)  # fmt: skip
hypothesis_settings = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def subscriber(theme):
    return Subscriber.objects.create(
        email="lid@voorbeeld.nl", status=Subscriber.Status.CONFIRMED, consent_method="form"
    )


@hypothesis_settings
@given(data=form_data)
def test_sign_up_form_never_fails(client, theme, data):
    response = client.post("/nieuwsbrief/", data)
    assert response.status_code in (200, 302, 429)
    if response.status_code == 200:
        assert "Controleer het formulier" in response.content.decode()
    for message in mail.outbox:  # only ever to an address that was signed up
        assert Subscriber.objects.filter(email=message.to[0]).exists()


@hypothesis_settings
@given(token=token_text, data=form_data)
def test_links_with_any_token_never_fail(client, subscriber, token, data):
    for name in ("bevestigen", "voorkeuren", "afmelden"):
        for method in (client.get, client.post):
            response = method(f"/nieuwsbrief/{name}/{token}/", data)
            assert response.status_code in (200, 400, 404, 410), (name, token)
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()


@hypothesis_settings
@given(data=form_data)
def test_preferences_form_never_fails(client, subscriber, data):
    url = f"/nieuwsbrief/voorkeuren/{tokens.make_token(subscriber, tokens.MANAGE)}/"
    response = client.post(url, data)
    assert response.status_code == 200
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()
