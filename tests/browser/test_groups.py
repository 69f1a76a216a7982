"""The groups the browser journeys log in with: made by `migrate`, with the rights they need.

Also the one test here with a `db` fixture: without one pytest-django would not create the test
database when only tests/browser runs (conftest.py).
"""

from wagtail.models import GroupPagePermission

from .conftest import EDITORS, MODERATORS


def test_editors_may_write_pages_and_moderators_may_publish_them(db):
    rights = {
        (grant.group.name, grant.permission.codename)
        for grant in GroupPagePermission.objects.select_related("group", "permission")
    }

    assert (EDITORS, "add_page") in rights
    assert (EDITORS, "publish_page") not in rights
    assert (MODERATORS, "publish_page") in rights
