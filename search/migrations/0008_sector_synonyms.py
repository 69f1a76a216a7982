from django.db import migrations

from search.seed import add_synonym_groups

# Still more of the sector's words: abbreviations of support and of buildings, old and new names,
# the jargon of falling pupil numbers, of staff and of cooperation between boards. Added only
# where no term is in a group yet.
SECTOR_SYNONYMS = [
    "opheffingsnorm, opheffingsgrens",
    "krimpregio, krimpgebied, anticipeerregio",
    "spreidingsplan, scholenspreiding, spreiding van scholen",
    "leegstand, overcapaciteit, leegstaande lokalen",
    "samenvoeging, samenvoegen van scholen",
    "eenpitter, bestuur met één school",
    "bovenschools directeur, meerscholendirecteur, clusterdirecteur",
    "macrodoelmatigheid, doelmatig opleidingsaanbod",
    "formatieplanning, formatieplan, personeelsplanning",
    "personeelsverloop, verloop van personeel",
    "onbevoegd, onbevoegde leraar, onbevoegde docent",
    "deeltijdfactor, betrekkingsomvang, aanstellingsomvang",
    "urenuitbreiding, meer uren werken",
    "inwerken, onboarding, inwerkprogramma",
    "werving, recruitment",
    "schoolopleider, opleider in de school",
    "pedagogisch medewerker, pedagogisch professional",
    "oop, onderwijsondersteunend personeel, ondersteunend personeel",
    "gpl, gemiddelde personeelslast",
    "ziekteverzuim, personeelsverzuim",
    "bapo, seniorenregeling",
    "opr, ondersteuningsplanraad",
    "sop, schoolondersteuningsprofiel",
    "opp, ontwikkelingsperspectief, ontwikkelingsperspectiefplan",
    "leerplichtambtenaar, leerplichtconsulent",
    "jeugdhulp, jeugdzorg",
    "doorlopende leerlijn, doorgaande leerlijn",
    "overstap po-vo, overgang po-vo, overgang naar het voortgezet onderwijs",
    "schooladvies, basisschooladvies, vo-advies",
    "brugklas, eerste leerjaar",
    "aoc, agrarisch opleidingscentrum",
    "vavo, voortgezet algemeen volwassenenonderwijs",
    "sto, sterk techniekonderwijs",
    "rif, regionaal investeringsfonds",
    "mfa, multifunctionele accommodatie, brede school",
    "mjop, meerjarenonderhoudsplan, meerjarig onderhoudsplan",
    "renovatie, revitalisering",
    "scholen op de kaart, vensters",
    "lesgeven, doceren",
]


def seed(apps, schema_editor):
    add_synonym_groups(apps.get_model("search", "SynonymGroup"), SECTOR_SYNONYMS)


class Migration(migrations.Migration):
    dependencies = [("search", "0007_field_synonyms")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
