from django.db import migrations

# A starting set; editors manage the list under "Synoniemen" in the admin.
DEFAULT_SYNONYMS = [
    "krimp, leerlingendaling, dalende leerlingaantallen, terugloop leerlingen",
    "po, primair onderwijs, basisonderwijs",
    "vo, voortgezet onderwijs",
    "mbo, middelbaar beroepsonderwijs",
    "ho, hoger onderwijs",
    "vso, voortgezet speciaal onderwijs",
    "swv, samenwerkingsverband, samenwerkingsverband passend onderwijs",
    "ihp, integraal huisvestingsplan",
    "mr, medezeggenschapsraad",
    "gmr, gemeenschappelijke medezeggenschapsraad",
    "lerarentekort, tekort aan leraren, personeelstekort",
    "ikc, integraal kindcentrum, kindcentrum",
    "fusie, samengaan, bestuurlijke fusie",
    "zij-instromer, zijinstromer, zij-instroom",
]


def seed(apps, schema_editor):
    group_model = apps.get_model("search", "SynonymGroup")
    if not group_model.objects.exists():
        group_model.objects.bulk_create(group_model(terms=terms) for terms in DEFAULT_SYNONYMS)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_vocabulary_synonyms_query_log")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
