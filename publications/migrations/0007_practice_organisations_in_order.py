"""A practice's organisations move from a many-to-many field to ordered links, which editors
choose with a chooser (MultipleChooserPanel). Each link keeps the order in which the relation
was stored; the practices' revisions are rewritten the same way, so that a draft or an older
version still names its organisations when it is published or compared. Reversible."""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


def practice_revisions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    content_type = ContentType.objects.filter(app_label="publications", model="practicepage")
    return Revision.objects.filter(content_type__in=content_type)


def to_links(apps, schema_editor):
    PracticePage = apps.get_model("publications", "PracticePage")
    PracticeOrganisation = apps.get_model("publications", "PracticeOrganisation")
    through = PracticePage._meta.get_field("organisations").remote_field.through
    order = {}
    links = []
    for row in through.objects.order_by("practicepage_id", "id"):
        position = order[row.practicepage_id] = order.get(row.practicepage_id, -1) + 1
        links.append(
            PracticeOrganisation(
                page_id=row.practicepage_id,
                organisation_id=row.organisation_id,
                sort_order=position,
            )
        )
    PracticeOrganisation.objects.bulk_create(links, batch_size=500)
    existing = {
        (page_id, organisation_id): pk
        for pk, page_id, organisation_id in PracticeOrganisation.objects.values_list(
            "pk", "page_id", "organisation_id"
        )
    }
    for revision in practice_revisions(apps).iterator():
        page_id = revision.content.get("pk")
        ids = revision.content.pop("organisations", None) or []
        revision.content["organisation_links"] = [
            {
                "pk": existing.get((page_id, pk)),  # None: a link that publishing re-creates
                "page": page_id,
                "organisation": pk,
                "sort_order": position,
            }
            for position, pk in enumerate(ids)
        ]
        revision.save(update_fields=["content"])


def to_many_to_many(apps, schema_editor):
    PracticePage = apps.get_model("publications", "PracticePage")
    PracticeOrganisation = apps.get_model("publications", "PracticeOrganisation")
    through = PracticePage._meta.get_field("organisations").remote_field.through
    through.objects.bulk_create(
        [
            through(practicepage_id=link.page_id, organisation_id=link.organisation_id)
            for link in PracticeOrganisation.objects.order_by("page_id", "sort_order", "id")
        ],
        batch_size=500,
    )
    for revision in practice_revisions(apps).iterator():
        links = revision.content.pop("organisation_links", None) or []
        revision.content["organisations"] = [link["organisation"] for link in links]
        revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_page_lookup_indexes"),
        ("publications", "0006_practice_section_help_texts"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.CreateModel(
            name="PracticeOrganisation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="core.organisation",
                        verbose_name="organisatie",
                    ),
                ),
                (
                    "page",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="organisation_links",
                        to="publications.practicepage",
                    ),
                ),
            ],
            options={
                "verbose_name": "betrokken organisatie",
                "verbose_name_plural": "betrokken organisaties",
                "ordering": ["sort_order"],
                "abstract": False,
                "constraints": [
                    models.UniqueConstraint(
                        fields=("page", "organisation"), name="unique_practice_organisation"
                    )
                ],
            },
        ),
        migrations.RunPython(to_links, to_many_to_many),
        migrations.RemoveField(model_name="practicepage", name="organisations"),
    ]
