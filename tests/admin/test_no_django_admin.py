"""Wagtail's admin is the only one: Django's own admin site is not reachable."""

import pytest


@pytest.mark.parametrize("url", ["/django-admin/", "/django-admin/login/"])
def test_django_admin_is_gone(admin_client, home, url):
    response = admin_client.get(url)
    assert response.status_code == 404
    assert "niet gevonden" in response.content.decode().lower()
