from django.db import migrations

from search.seed import add_synonym_groups

# Abbreviations of the sector with their expansions, its jargon, and old and new names. A group is
# added only when none of its terms is in a group yet, so that the editors' own list wins.
MORE_SYNONYMS = [
    "leraar, docent, leerkracht",
    "leerling, scholier",
    "schoolbestuur, bevoegd gezag, onderwijsbestuur",
    "schoolleider, schooldirecteur, directeur",
    "wo, wetenschappelijk onderwijs, universiteit",
    "hbo, hoger beroepsonderwijs, hogeschool",
    "vmbo, voorbereidend middelbaar beroepsonderwijs",
    "havo, hoger algemeen voortgezet onderwijs",
    "vwo, voorbereidend wetenschappelijk onderwijs",
    "so, speciaal onderwijs",
    "sbo, speciaal basisonderwijs",
    "pro, praktijkonderwijs",
    "isk, internationale schakelklas",
    "nt2, nederlands als tweede taal",
    "vve, voorschoolse educatie, vroegschoolse educatie",
    "bso, buitenschoolse opvang",
    "ocw, ministerie van onderwijs, onderwijsministerie",
    "duo, dienst uitvoering onderwijs",
    "inspectie, onderwijsinspectie, inspectie van het onderwijs",
    "rvt, raad van toezicht, intern toezicht",
    "cvb, college van bestuur",
    "intern begeleider, ib-er",
    "lio, leraar in opleiding",
    "pabo, lerarenopleiding basisonderwijs",
    "onderwijsassistent, klassenassistent",
    "cao, collectieve arbeidsovereenkomst",
    "npo, nationaal programma onderwijs",
    "rpo, regionaal plan onderwijsvoorzieningen",
    "onderwijsregio, regionale aanpak personeelstekort, regionale aanpak lerarentekort",
    "opheffing, sluiting, schoolsluiting",
    "kansengelijkheid, gelijke kansen",
    "oab, onderwijsachterstandenbeleid, onderwijsachterstanden",
    "vsv, voortijdig schoolverlaten, schooluitval",
    "lob, loopbaanoriëntatie, loopbaanbegeleiding",
    "rmc, regionaal meld- en coördinatiepunt",
    "wpo, wet op het primair onderwijs",
    "wvo, wet voortgezet onderwijs",
    "tienerschool, 10-14 onderwijs",
    "dorpsschool, kleine school",
]


def seed(apps, schema_editor):
    add_synonym_groups(apps.get_model("search", "SynonymGroup"), MORE_SYNONYMS)


class Migration(migrations.Migration):
    dependencies = [("search", "0005_postings_truncate")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
