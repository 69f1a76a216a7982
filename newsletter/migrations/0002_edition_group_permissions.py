"""Let Wagtail's Editors and Moderators groups write newsletter editions; Moderators send them.

Subscribers (personal data) are not given to any group: a superuser grants access explicitly.
The permissions are created here if need be, because Django only creates them after all
migrations have run (post_migrate).
"""

from django.db import migrations

GRANTS = {
    "Editors": ["add_edition", "change_edition", "delete_edition"],
    "Moderators": ["add_edition", "change_edition", "delete_edition", "send_edition"],
}
NAMES = {
    "add_edition": "Can add nieuwsbriefeditie",
    "change_edition": "Can change nieuwsbriefeditie",
    "delete_edition": "Can delete nieuwsbriefeditie",
    "send_edition": "Kan nieuwsbriefedities versturen",
}


def edition_permissions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="newsletter", model="edition")
    return {
        codename: Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )[0]
        for codename, name in NAMES.items()
    }


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permissions = edition_permissions(apps)
    for group in Group.objects.filter(name__in=GRANTS):
        group.permissions.add(*(permissions[codename] for codename in GRANTS[group.name]))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=GRANTS):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="newsletter", codename__in=GRANTS[group.name]
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0002_initial_data"),  # creates the Editors and Moderators groups
    ]

    operations = [migrations.RunPython(grant, revoke)]
