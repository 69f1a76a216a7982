"""While the database is unreachable, visitors get a Dutch "back in a minute" page (503) and the
search API a JSON 503 a client can retry; never the error page."""

from django.db import OperationalError, connection

import pytest

pytestmark = pytest.mark.search_index


def unreachable(execute, sql, params, many, context):
    raise OperationalError("connection to server at 127.0.0.1, port 5432 failed")


@pytest.mark.parametrize("url", ["/zoeken/api/?q=krimp", "/zoeken/suggesties/?q=krimp"])
def test_api_answers_503_in_json_when_the_database_is_down(client, indexes, theme, url):
    assert client.get(url).status_code == 200
    with connection.execute_wrapper(unreachable):
        response = client.get(url)
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response["Retry-After"] == "60"
    assert "niet beschikbaar" in response.json()["error"]


@pytest.mark.parametrize("url", ["/", "/nieuws/", "/zoeken/?q=krimp", "/feeds/rss/"])
def test_pages_answer_503_when_the_database_is_down(client, indexes, theme, url):
    assert client.get(url).status_code == 200
    with connection.execute_wrapper(unreachable):
        response = client.get(url)
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "Even niet beschikbaar" in response.content.decode()
