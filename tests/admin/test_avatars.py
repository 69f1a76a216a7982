"""Editors' browsers never ask an outside service for their avatar (a privacy leak)."""


def test_admin_shows_no_gravatar(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert "gravatar" not in response.content.decode()
