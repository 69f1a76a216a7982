"""Editors' side: the Dutch admin, moderation, scheduled publishing and the vocabularies."""

import datetime
import importlib

from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import GroupPagePermission, Task, Workflow
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
    assert state.workflow.name == "Eindredactie"


# Dutch names for what Wagtail creates in English (core/migrations/0004_dutch_editorial_names.py)


def test_groups_workflow_and_task_have_dutch_names_after_migrate(db):
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Redacteuren", "Eindredacteuren"} <= names
    assert not names & {"Editors", "Moderators"}
    workflow = Workflow.objects.get(name="Eindredactie")
    [task] = [workflow_task.task.specific for workflow_task in workflow.workflow_tasks.all()]
    assert task.name == "Goedkeuring eindredactie"
    assert list(task.groups.values_list("name", flat=True)) == ["Eindredacteuren"]
    assert not Task.objects.filter(name__icontains="approval").exists()


def test_the_renamed_groups_keep_their_permissions(db):
    editors = Group.objects.get(name="Redacteuren")
    moderators = Group.objects.get(name="Eindredacteuren")
    page_permissions = {
        group.name: set(
            GroupPagePermission.objects.filter(group=group).values_list(
                "permission__codename", flat=True
            )
        )
        for group in (editors, moderators)
    }
    assert "publish_page" not in page_permissions["Redacteuren"]
    assert {"add_page", "change_page", "publish_page"} <= page_permissions["Eindredacteuren"]
    assert editors.permissions.filter(codename="add_edition").exists()
    assert moderators.permissions.filter(codename="send_edition").exists()
    assert editors.permissions.filter(codename="access_admin").exists()


def test_an_editor_sees_a_dutch_submit_button(client, editor, indexes):
    page = factories.NewsItemPageFactory(parent=indexes["news"])
    client.force_login(editor)

    html = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()

    assert "Stuur door naar Eindredactie" in html
    assert "Moderators" not in html and "approval" not in html


def test_renaming_is_safe_when_a_site_has_its_own_names(db):
    migration = importlib.import_module("core.migrations.0004_dutch_editorial_names")
    Group.objects.create(name="Editors")  # a site that made a group of that name again

    migration.to_dutch(django_apps, None)  # "Redacteuren" is taken: "Editors" stays
    migration.to_dutch(django_apps, None)

    assert Group.objects.filter(name__in=["Editors", "Redacteuren"]).count() == 2
    Group.objects.get(name="Editors").delete()
    migration.to_english(django_apps, None)
    assert Workflow.objects.filter(name="Moderators approval").exists()
    assert Group.objects.filter(name__in=["Editors", "Moderators"]).count() == 2
    migration.to_dutch(django_apps, None)
    assert Workflow.objects.filter(name="Eindredactie").exists()
    assert Group.objects.filter(name__in=["Redacteuren", "Eindredacteuren"]).count() == 2


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
