from django.db import migrations

from search.seed import add_synonym_groups

# More of the sector's words: staff and their roles, school types and their old names, buildings,
# money, rules and the bodies that make them. Added only where no term is in a group yet.
FIELD_SYNONYMS = [
    "starter, startende leraar, beginnende leraar, startende docent, beginnende docent",
    "invaller, vervanger, invalkracht",
    "invalpool, vervangingspool, invalpoule",
    "bestuurder, bestuursvoorzitter, directeur-bestuurder",
    "werkdruk, werkbelasting",
    "salaris, beloning, loon",
    "opleidingsschool, samen opleiden",
    "bevoegdheid, lesbevoegdheid, onderwijsbevoegdheid",
    "personeelsbeleid, hrm, hr-beleid",
    "leerlingenvervoer, leerlingvervoer, schoolvervoer",
    "nevenvestiging, nevenlocatie, dependance",
    "combinatieklas, combinatiegroep",
    "schoolgebouw, schoolpand",
    "binnenklimaat, luchtkwaliteit",
    "basisschool, lagere school",
    "peuteropvang, peuterspeelzaal",
    "kinderopvang, dagopvang",
    "mavo, vmbo-tl, theoretische leerweg",
    "lwoo, leerwegondersteunend onderwijs",
    "bbl, beroepsbegeleidende leerweg",
    "bol, beroepsopleidende leerweg",
    "roc, regionaal opleidingencentrum",
    "entreeopleiding, mbo niveau 1",
    "doorstroomtoets, eindtoets",
    "tlv, toelaatbaarheidsverklaring",
    "nieuwkomers, anderstalige leerlingen, anderstalige nieuwkomers",
    "verzuim, schoolverzuim, absentie",
    "hoogbegaafdheid, hoogbegaafde leerlingen, plusklas",
    "bekostiging, financiering, rijksbijdrage, lumpsum",
    "begroting, meerjarenbegroting",
    "avg, privacywet, algemene verordening gegevensbescherming",
    "lea, lokale educatieve agenda",
    "oogo, op overeenstemming gericht overleg",
    "fusietoets, fusie-effectrapportage",
    "kwaliteitszorg, kwaliteitsbeleid",
    "burgerschap, burgerschapsonderwijs",
    "leerlingenraad, leerlingraad",
    "vierdaagse schoolweek, vierdaagse lesweek",
    "regioplan, regionaal plan",
]


def seed(apps, schema_editor):
    add_synonym_groups(apps.get_model("search", "SynonymGroup"), FIELD_SYNONYMS)


class Migration(migrations.Migration):
    dependencies = [("search", "0006_more_default_synonyms")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
