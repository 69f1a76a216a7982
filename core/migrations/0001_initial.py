"""People, organisations and site settings moved here from the home app; their tables keep
the home_ names, so only Django's model state and the content types change."""

import django.db.models.deletion
import modelsearch.index
from django.conf import settings
from django.db import migrations, models


def adopt_content_types(apps, schema_editor):
    """Existing rows (permissions, search entries, log entries) follow the models to their app."""
    content_type = apps.get_model("contenttypes", "ContentType")
    content_type.objects.filter(
        app_label="home", model__in=["organisation", "person", "sitesettings"]
    ).update(app_label="core")


def adopt_content_types_back(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    content_type.objects.filter(
        app_label="core", model__in=["organisation", "person", "sitesettings"]
    ).update(app_label="home")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("home", "0002_sitesettings_privacy_page"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Organisation",
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
                            models.CharField(max_length=255, unique=True, verbose_name="naam"),
                        ),
                        ("website", models.URLField(blank=True, verbose_name="website")),
                    ],
                    options={
                        "verbose_name": "organisatie",
                        "verbose_name_plural": "organisaties",
                        "db_table": "home_organisation",
                        "ordering": ["name"],
                    },
                    bases=(modelsearch.index.Indexed, models.Model),
                ),
                migrations.CreateModel(
                    name="Person",
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
                        ("name", models.CharField(max_length=255, verbose_name="naam")),
                        (
                            "role",
                            models.CharField(blank=True, max_length=255, verbose_name="functie"),
                        ),
                        (
                            "email",
                            models.EmailField(
                                blank=True, max_length=254, verbose_name="e-mailadres"
                            ),
                        ),
                        (
                            "phone",
                            models.CharField(
                                blank=True, max_length=40, verbose_name="telefoonnummer"
                            ),
                        ),
                        (
                            "organisation",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="people",
                                to="core.organisation",
                                verbose_name="organisatie",
                            ),
                        ),
                        (
                            "photo",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="wagtailimages.image",
                                verbose_name="foto",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "persoon",
                        "verbose_name_plural": "personen",
                        "db_table": "home_person",
                        "ordering": ["name"],
                    },
                    bases=(modelsearch.index.Indexed, models.Model),
                ),
                migrations.CreateModel(
                    name="SiteSettings",
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
                            "footer_text",
                            models.TextField(blank=True, verbose_name="tekst in de voettekst"),
                        ),
                        (
                            "contact_email",
                            models.EmailField(
                                blank=True, max_length=254, verbose_name="e-mailadres"
                            ),
                        ),
                        (
                            "contact_phone",
                            models.CharField(
                                blank=True, max_length=40, verbose_name="telefoonnummer"
                            ),
                        ),
                        ("contact_address", models.TextField(blank=True, verbose_name="adres")),
                        ("linkedin_url", models.URLField(blank=True, verbose_name="LinkedIn")),
                        ("youtube_url", models.URLField(blank=True, verbose_name="YouTube")),
                        ("bluesky_url", models.URLField(blank=True, verbose_name="Bluesky")),
                        ("mastodon_url", models.URLField(blank=True, verbose_name="Mastodon")),
                        (
                            "privacy_page",
                            models.ForeignKey(
                                blank=True,
                                help_text="Gelinkt bij het aanmeldformulier van de nieuwsbrief.",
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.WAGTAIL_PAGE_MODEL,
                                verbose_name="privacyverklaring",
                            ),
                        ),
                        (
                            "site",
                            models.OneToOneField(
                                editable=False,
                                on_delete=django.db.models.deletion.CASCADE,
                                to="wagtailcore.site",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "site-instellingen",
                        "db_table": "home_sitesettings",
                    },
                ),
            ],
        ),
        migrations.RunPython(adopt_content_types, adopt_content_types_back),
    ]
