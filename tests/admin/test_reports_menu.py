"""The "Rapporten" menu offers the site's search reports, not Wagtail's own (always empty)."""

from django.contrib.auth.models import User
from django.urls import reverse


def test_reports_menu_has_the_search_log_not_wagtails_search_terms(client, home):
    client.force_login(User.objects.create_superuser("beheerder", password="lang-en-geheim-12"))
    content = client.get("/admin/").content.decode()
    assert reverse("search_reports:popular_queries") in content
    assert reverse("search_reports:zero_result_queries") in content
    assert reverse("wagtailsearchpromotions:search_terms") not in content
