"""A NUL byte anywhere in a request gets a Dutch answer, never a 500 (PostgreSQL cannot store or
compare text with NUL bytes): a 400 page for the URL, a form error for a form field."""

import pytest

URLS = [
    "/feeds/thema/%00/rss/",
    "/feeds/thema/%00/atom/",
    "/nieuwsbrief/?thema=%00",
    "/themas/%00/",
    "/zoeken/?q=krimp%00",
    "/nieuws/?thema=%00",
    "/?utm_source=%00",
]


@pytest.mark.parametrize("url", URLS)
def test_nul_byte_in_a_url_is_a_bad_request(client, indexes, theme, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "Dit verzoek kunnen we niet lezen" in response.content.decode()


@pytest.mark.parametrize(
    "url", ["/zoeken/api/?q=%00&thema=krimp", "/zoeken/suggesties/?q=kr%00imp"]
)
def test_nul_byte_in_an_api_url_is_a_json_bad_request(client, indexes, theme, url):
    response = client.get(url)
    assert response.status_code == 400
    assert response.json() == {"error": "Dit verzoek kunnen we niet lezen."}


def test_nul_byte_in_a_form_field_is_a_form_error(client, indexes, theme):
    data = {"email": "lid@voorbeeld.nl\x00", "consent": "on", "scope": "alle"}
    response = client.post("/nieuwsbrief/", data)
    assert response.status_code == 200
    assert "Null-tekens zijn niet toegestaan" in response.content.decode()


@pytest.mark.search_index
def test_ordinary_requests_still_pass(client, indexes, theme):
    assert client.get("/zoeken/?q=krimp").status_code == 200
    assert client.get("/feeds/thema/krimp/rss/").status_code == 200
