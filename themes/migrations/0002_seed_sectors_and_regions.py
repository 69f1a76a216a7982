from django.db import migrations

from taxonomy.vocabulary import REGIONS, SECTORS


def seed(apps, schema_editor):
    sector_model = apps.get_model("themes", "Sector")
    region_model = apps.get_model("themes", "Region")
    for order, (abbreviation, name, slug) in enumerate(SECTORS):
        sector_model.objects.get_or_create(
            slug=slug, defaults={"abbreviation": abbreviation, "name": name, "sort_order": order}
        )
    for order, (name, slug) in enumerate(REGIONS):
        region_model.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("themes", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
