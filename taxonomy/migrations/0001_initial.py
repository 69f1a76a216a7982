"""Sectors and regions moved here from the themes app; their tables keep the themes_ names, so
only Django's model state and the content types change."""

from django.db import migrations, models


def adopt_content_types(apps, schema_editor):
    """Existing rows (permissions, search entries, log entries) follow the models to their app."""
    content_type = apps.get_model("contenttypes", "ContentType")
    content_type.objects.filter(app_label="themes", model__in=["region", "sector"]).update(
        app_label="taxonomy"
    )


def adopt_content_types_back(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    content_type.objects.filter(app_label="taxonomy", model__in=["region", "sector"]).update(
        app_label="themes"
    )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("themes", "0002_seed_sectors_and_regions"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Region",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "name",
                            models.CharField(max_length=100, unique=True, verbose_name="naam"),
                        ),
                        ("slug", models.SlugField(unique=True, verbose_name="slug")),
                        (
                            "sort_order",
                            models.PositiveSmallIntegerField(default=0, verbose_name="volgorde"),
                        ),
                    ],
                    options={
                        "verbose_name": "regio",
                        "verbose_name_plural": "regio's",
                        "db_table": "themes_region",
                        "ordering": ["sort_order", "name"],
                    },
                ),
                migrations.CreateModel(
                    name="Sector",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "name",
                            models.CharField(max_length=100, unique=True, verbose_name="naam"),
                        ),
                        (
                            "abbreviation",
                            models.CharField(max_length=20, unique=True, verbose_name="afkorting"),
                        ),
                        ("slug", models.SlugField(unique=True, verbose_name="slug")),
                        (
                            "sort_order",
                            models.PositiveSmallIntegerField(default=0, verbose_name="volgorde"),
                        ),
                    ],
                    options={
                        "verbose_name": "sector",
                        "verbose_name_plural": "sectoren",
                        "db_table": "themes_sector",
                        "ordering": ["sort_order", "name"],
                    },
                ),
            ],
        ),
        migrations.RunPython(adopt_content_types, adopt_content_types_back),
    ]
