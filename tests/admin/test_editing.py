"""Editors' side: the Dutch admin, moderation, scheduled publishing and the vocabularies."""

import datetime

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from agenda.models import EventPage
from publications.models import NewsItemPage
from tests import factories


def news_form(**fields):
    return nested_form_data(
        {
            "title": "Regio's maken samen een spreidingsplan",
            "slug": "spreidingsplan",
            "publication_date": "2026-11-01",
            "intro": "Drie besturen bundelen hun krachten.",
            "body": streamfield([("paragraph", rich_text("<p>Zo pakten ze het aan.</p>"))]),
            "related_pages": streamfield([]),
            "tags": "",
            "comments": inline_formset([]),
            **fields,
        }
    )


def test_admin_speaks_dutch(client, admin_user):
    client.force_login(admin_user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert 'lang="nl"' in response.content.decode()
    assert "Pagina's" in response.content.decode()


def test_editor_submits_a_news_item_for_moderation(client, editor, indexes, theme):
    client.force_login(editor)
    url = reverse(
        "wagtailadmin_pages:add", args=("publications", "newsitempage", indexes["news"].pk)
    )
    response = client.post(url, {**news_form(**{"action-submit": "submit"}), "themes": [theme.pk]})
    assert response.status_code == 302, response.context["form"].errors

    page = NewsItemPage.objects.get(slug="spreidingsplan")
    assert not page.live
    state = page.current_workflow_state
    assert state is not None and state.status == "in_progress"
    assert state.workflow.name == "Moderators approval"


def test_scheduled_page_goes_live_and_can_be_edited_again(client, admin_user, indexes):
    page = factories.NewsItemPageFactory(parent=indexes["news"], live=False)
    page.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    revision = page.save_revision(user=admin_user)
    revision.publish(user=admin_user)
    page.refresh_from_db()
    assert not page.live and page.scheduled_revision == revision

    # Let the scheduled time pass.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()
    call_command("publish_scheduled", verbosity=0)
    page.refresh_from_db()
    assert page.live
    assert page.go_live_at is None

    client.force_login(admin_user)
    edit = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    response = client.post(edit, news_form(slug=page.slug, title="Nieuwe titel"))
    assert response.status_code == 302, response.context["form"].errors
    page.refresh_from_db()
    assert page.get_latest_revision().content["title"] == "Nieuwe titel"


def test_sectors_and_regions_are_editable_lists(client, admin_user):
    client.force_login(admin_user)
    sectors = client.get("/admin/themes/sector/")
    assert sectors.status_code == 200
    assert "Primair onderwijs" in sectors.content.decode()
    regions = client.get("/admin/themes/region/")
    assert "Noord-Brabant" in regions.content.decode()
    response = client.post(
        "/admin/themes/region/create/", {"name": "Caribisch Nederland", "slug": "caribisch",
                                          "sort_order": 20}
    )  # fmt: skip
    assert response.status_code == 302
    assert "Caribisch Nederland" in client.get("/admin/themes/region/").content.decode()


def test_people_and_site_settings_in_admin(client, admin_user, home):
    factories.PersonFactory(name="Fatima el Amrani")
    client.force_login(admin_user)
    people = client.get(reverse("wagtailsnippets_home_person:list"))
    assert "Fatima el Amrani" in people.content.decode()
    settings_url = reverse("wagtailsettings:edit", args=("home", "sitesettings"))
    response = client.get(settings_url, follow=True)
    assert response.status_code == 200
    assert "Sociale media" in response.content.decode()


def test_editor_cannot_publish_directly(client, editor, indexes):
    client.force_login(editor)
    url = reverse(
        "wagtailadmin_pages:add", args=("publications", "newsitempage", indexes["news"].pk)
    )
    client.post(url, news_form(**{"action-publish": "publish"}))
    page = NewsItemPage.objects.get(slug="spreidingsplan")
    assert not page.live


def post_event(client, indexes, deadline, start, end):
    url = reverse("wagtailadmin_pages:add", args=("events", "eventpage", indexes["events"].pk))
    data = news_form(
        slug="webinar-krimp",
        event_type="webinar",
        registration_deadline=deadline,
        sessions=inline_formset([{"date": "2027-01-10", "start_time": start, "end_time": end}]),
        speakers=[],
    )
    return client.post(url, data)


def test_event_form_rejects_a_deadline_after_the_last_session(client, admin_user, indexes):
    client.force_login(admin_user)
    response = post_event(client, indexes, "2027-02-01", "13:00", "16:00")
    assert response.status_code == 200
    errors = response.context["form"].errors["registration_deadline"]
    assert "De aanmelddeadline ligt na de laatste bijeenkomst." in errors
    assert not EventPage.objects.exists()


def test_event_form_rejects_a_session_ending_before_it_starts(client, admin_user, indexes):
    client.force_login(admin_user)
    response = post_event(client, indexes, "2027-01-01", "13:00", "12:00")
    assert response.status_code == 200
    session_form = response.context["form"].formsets["sessions"].forms[0]
    assert "De eindtijd ligt voor de begintijd." in session_form.errors["end_time"]
    assert not EventPage.objects.exists()
    assert post_event(client, indexes, "2027-01-01", "13:00", "16:00").status_code == 302


def test_call_to_action_needs_exactly_one_target():
    from django.core.exceptions import ValidationError

    from core.blocks import CallToActionBlock

    block = CallToActionBlock()
    value = {"title": "Meld u aan", "text": "", "page": None, "url": "", "button_label": "Ja"}
    with pytest.raises(ValidationError):
        block.clean(block.to_python(value))
    assert block.clean(block.to_python({**value, "url": "https://www.example.nl"}))
