"""The groups the browser journeys log in with: made by `migrate`, with the rights they need
(when a journey cannot log in or approve, this says whether the groups changed)."""

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
