"""Dutch names for the groups and the moderation workflow that Wagtail creates in English.

Editors see them in the page editor ("Stuur door naar Eindredactie") and in the admin. Only
the names change; the groups keep their permissions and members, the workflow its pages and
tasks. A name is changed only where Wagtail's default is still in use and the Dutch name is not
taken, so that a site that renamed them itself keeps its own names. Runs after the newsletter's
grants, which name the groups in English.
"""

from django.db import migrations

GROUPS = {"Editors": "Redacteuren", "Moderators": "Eindredacteuren"}
WORKFLOWS = {"Moderators approval": "Eindredactie"}
TASKS = {"Moderators approval": "Goedkeuring eindredactie"}


def rename(model, names):
    for old, new in names.items():
        if not model.objects.filter(name=new).exists():
            model.objects.filter(name=old).update(name=new)


def to_dutch(apps, schema_editor):
    rename(apps.get_model("auth", "Group"), GROUPS)
    rename(apps.get_model("wagtailcore", "Workflow"), WORKFLOWS)
    rename(apps.get_model("wagtailcore", "Task"), TASKS)


def to_english(apps, schema_editor):
    def reverse(names):
        return {new: old for old, new in names.items()}

    rename(apps.get_model("auth", "Group"), reverse(GROUPS))
    rename(apps.get_model("wagtailcore", "Workflow"), reverse(WORKFLOWS))
    rename(apps.get_model("wagtailcore", "Task"), reverse(TASKS))


class Migration(migrations.Migration):
    dependencies = [
        # After every migration that grants permissions by the English group names.
        ("core", "0003_people_group_permissions"),
        ("wagtailcore", "0048_add_default_workflows"),  # creates "Moderators approval"
        # Wagtail's own migrations that grant permissions to the groups by their English names.
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtaildocs", "0002_initial_data"),
        ("wagtailimages", "0002_initial_data"),
        ("newsletter", "0002_edition_group_permissions"),
    ]

    operations = [migrations.RunPython(to_dutch, to_english)]
