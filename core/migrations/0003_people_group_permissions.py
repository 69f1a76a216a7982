"""Let Wagtail's Editors and Moderators groups keep the people and organisations that pages
name (contact persons, speakers, a practice's organisations): without these permissions they
see no *Mensen* menu and cannot add a contact person or organisation while writing a page.
Editors add and change them; Moderators may also delete them, which removes them from every
page that names them. The permissions are created here if need be, because Django only creates
them after all migrations have run (post_migrate)."""

from django.db import migrations

MODELS = {"person": "persoon", "organisation": "organisatie"}
ACTIONS = ("add", "change", "delete", "view")
GRANTS = {"Editors": ["add", "change", "view"], "Moderators": ["add", "change", "delete", "view"]}


def people_permissions(apps):
    """{(action, model): Permission} for both models."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    permissions = {}
    for model, verbose_name in MODELS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="core", model=model)
        for action in ACTIONS:
            permissions[action, model] = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {verbose_name}"},
            )[0]
    return permissions


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permissions = people_permissions(apps)
    for group in Group.objects.filter(name__in=GRANTS):
        group.permissions.add(
            *(permissions[action, model] for action in GRANTS[group.name] for model in MODELS)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=GRANTS):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="core",
                codename__in=[f"{a}_{m}" for a in GRANTS[group.name] for m in MODELS],
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_page_lookup_indexes"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0002_initial_data"),  # creates the Editors and Moderators groups
    ]

    operations = [migrations.RunPython(grant, revoke)]
