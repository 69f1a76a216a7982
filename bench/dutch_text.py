"""Generated Dutch text about school boards, for benchmarks that need many realistic pages.

Sentences are put together from the word lists below (written for this project) with a seeded
`random.Random`, so that the same seed gives the same site. The words are the ones the site's
visitors search for (krimp, lerarentekort, huisvesting, ...), so that searches on a generated
site find as much as they would on a real one.
"""

import random

# (subject, plural?) : the verb that follows agrees with it.
SUBJECTS = [
    ("het schoolbestuur", False),
    ("de gemeente", False),
    ("het college van bestuur", False),
    ("de medezeggenschapsraad", False),
    ("het samenwerkingsverband", False),
    ("de onderwijsregio", False),
    ("de directeur van de dorpsschool", False),
    ("de regiocoördinator", False),
    ("de werkgroep huisvesting", False),
    ("de provincie", False),
    ("het kindcentrum", False),
    ("de lerarenopleiding", False),
    ("een kleine stichting voor primair onderwijs", False),
    ("de besturen in de regio", True),
    ("leraren en ouders", True),
    ("twee besturen in het voortgezet onderwijs", True),
    ("de scholen in de wijk", True),
    ("gemeenten en schoolbesturen", True),
    ("veel bestuurders", True),
    ("de partners in de onderwijsregio", True),
    ("startende leraren", True),
    ("de mbo-instellingen", True),
]

# (singular, plural, what comes after the object: the particle of a separable verb)
VERBS = [
    ("onderzoekt", "onderzoeken", ""),
    ("bespreekt", "bespreken", ""),
    ("werkt aan", "werken aan", ""),
    ("maakt afspraken over", "maken afspraken over", ""),
    ("zoekt een oplossing voor", "zoeken een oplossing voor", ""),
    ("investeert in", "investeren in", ""),
    ("brengt", "brengen", " in kaart"),
    ("legt", "leggen", " vast in een convenant"),
    ("pakt", "pakken", " samen aan"),
    ("neemt", "nemen", " onder de loep"),
    ("evalueert", "evalueren", ""),
    ("versterkt", "versterken", ""),
    ("zet", "zetten", " op de agenda"),
    ("verkent", "verkennen", ""),
    ("bereidt", "bereiden", " voor"),
    ("vraagt aandacht voor", "vragen aandacht voor", ""),
]

OBJECTS = [
    "de dalende leerlingaantallen",
    "het integraal huisvestingsplan",
    "de spreiding van scholen in de regio",
    "een gezamenlijke invalpool",
    "het lerarentekort",
    "de begeleiding van startende leraren",
    "de samenwerking met de kinderopvang",
    "een nieuw integraal kindcentrum",
    "de verduurzaming van schoolgebouwen",
    "het onderwijsaanbod in het voortgezet onderwijs",
    "de werving van zij-instromers",
    "passend onderwijs",
    "de kansengelijkheid van leerlingen",
    "het leerlingenvervoer",
    "de toekomst van kleine scholen",
    "een fusie van twee scholen",
    "de rol van de medezeggenschap",
    "de regionale arbeidsmarkt voor leraren",
    "het regioplan van de onderwijsregio",
    "leegstaande lokalen",
    "de bekostiging van kleine scholen",
    "het techniekonderwijs in het vmbo",
    "een samenwerkingsschool",
    "de leerlingprognoses voor de komende tien jaar",
    "de huisvesting van nieuwe leraren",
    "het strategisch personeelsbeleid",
    "de doorlopende leerlijn van po naar vo",
    "de kwaliteit van het onderwijs",
    "de bedrijfsvoering van de besturen",
    "de verdeling van leerlingen over de scholen",
]

ADVERBIALS = [
    "dit schooljaar",
    "samen met de gemeente",
    "in de komende jaren",
    "voor het eerst",
    "op verzoek van de gemeenteraad",
    "sinds de zomer",
    "in overleg met ouders",
    "met steun van de provincie",
    "binnen de onderwijsregio",
    "na een lange voorbereiding",
    "in een aantal dorpen",
    "met een subsidie van het ministerie",
    "zonder extra geld",
    "vanaf het nieuwe schooljaar",
]

# Complete subordinate clauses (verb at the end), used after "omdat", "zodat", "terwijl".
CLAUSES = [
    "het aantal leerlingen de komende tien jaar verder daalt",
    "er in de regio te weinig bevoegde leraren zijn",
    "kleine scholen steeds moeilijker hun onderwijs kunnen organiseren",
    "ouders niet langs bestuursgrenzen kiezen",
    "de schoolgebouwen verouderd zijn en veel energie kosten",
    "de gemeente een nieuw huisvestingsplan opstelt",
    "startende leraren vaak in hun eerste jaren vertrekken",
    "de reistijd voor leerlingen niet te lang mag worden",
    "besturen elkaar anders leerlingen afpakken",
    "de medezeggenschap op tijd betrokken moet worden",
    "het geld voor de onderwijsregio tijdelijk is",
    "er in de wijk veel jonge gezinnen bij komen",
]

QUOTES = [
    "We kunnen dit niet alleen oplossen; dat lukt alleen als we als regio samen optrekken",
    "Een school sluiten is het laatste wat je wilt, maar soms is het de beste keuze voor de "
    "kinderen",
    "Door de invalpool hoeven we veel minder klassen naar huis te sturen",
    "Het begint met eerlijke cijfers over de leerlingaantallen",
    "Ouders willen vooral weten dat hun kind goed onderwijs krijgt, dicht bij huis",
    "Starters die goed begeleid worden, blijven langer in het onderwijs",
    "We hebben veel geleerd van besturen die ons voorgingen",
    "De gemeente is een onmisbare partner bij de huisvesting",
]

FIRST_NAMES = [
    "Anouk", "Bas", "Carla", "Daan", "Esther", "Femke", "Gert", "Hanneke", "Ingrid", "Jeroen",
    "Karin", "Lars", "Marloes", "Niels", "Petra", "Rik", "Sanne", "Thijs", "Ulla", "Wouter",
    "Yvonne", "Zeynep", "Mohammed", "Fatima", "Sven", "Ilse", "Joost", "Marieke",
]  # fmt: skip
LAST_NAMES = [
    "de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder",
    "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer",
    "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer", "Kok", "Jacobs", "Haan",
    "Yilmaz", "El Amrani", "Postma", "Hoekstra",
]  # fmt: skip
ROLES = [
    "bestuurder van een stichting voor primair onderwijs",
    "wethouder onderwijs",
    "regiocoördinator van de onderwijsregio",
    "directeur van een basisschool",
    "voorzitter van de gmr",
    "adviseur onderwijshuisvesting",
    "projectleider regionale samenwerking",
    "schoolleider in het vmbo",
    "onderzoeker",
]
PLACES = [
    "Appingedam", "Assen", "Delfzijl", "Emmen", "Heerlen", "Kerkrade", "Terneuzen", "Vlissingen",
    "Sneek", "Leeuwarden", "Zwolle", "Deventer", "Almere", "Lelystad", "Tilburg", "Venlo",
    "Den Helder", "Winterswijk", "Doetinchem", "Utrecht", "Rotterdam", "Amsterdam", "Groningen",
    "Hoogeveen", "Middelburg", "Roermond", "Enschede", "Arnhem", "Nijmegen", "Den Bosch",
]  # fmt: skip
HEADINGS = [
    "Aanleiding", "Wat er verandert", "De aanpak", "Samen met de gemeente", "Wat ouders merken",
    "Eerste resultaten", "Hoe nu verder", "Lessen voor andere besturen", "De cijfers",
    "Wat zegt de medezeggenschap", "Financiën", "Planning", "Achtergrond", "Meer weten",
]  # fmt: skip
TITLE_TOPICS = [
    "krimp", "lerarentekort", "onderwijshuisvesting", "samenwerking", "invalpool", "fusie",
    "kindcentrum", "zij-instromers", "passend onderwijs", "leerlingenvervoer", "kansengelijkheid",
    "verduurzaming", "medezeggenschap", "regioplan", "starters", "leegstand", "vmbo techniek",
    "huisvestingsplan", "leerlingprognoses", "dorpsscholen",
]  # fmt: skip
TITLE_SHAPES = [
    "{Subject} in {place} {verb} {object}{tail}",
    "Nieuwe afspraken over {topic} in {place}",
    "Hoe {place} omgaat met {topic}",
    "{Topic}: {subject} {verb} {object}{tail}",
    "Regio {place} kiest voor een gezamenlijke aanpak van {topic}",
    "Vijf lessen over {topic} uit {place}",
    "Onderzoek: {topic} vraagt om regionale keuzes",
]


class DutchText:
    """Titles, sentences, paragraphs and bodies, drawn from one seeded random generator."""

    def __init__(self, seed: int = 100_000):
        self.random = random.Random(seed)

    def name(self):
        return f"{self.random.choice(FIRST_NAMES)} {self.random.choice(LAST_NAMES)}"

    def place(self):
        return self.random.choice(PLACES)

    def _main_clause(self):
        choose = self.random.choice
        subject, plural = choose(SUBJECTS)
        singular_verb, plural_verb, tail = choose(VERBS)
        return subject, (plural_verb if plural else singular_verb), choose(OBJECTS), tail

    def sentence(self):
        choose = self.random.choice
        subject, verb, thing, tail = self._main_clause()
        shape = self.random.randrange(6)
        if shape == 0:  # inversion after a place: "In Assen bespreekt de gemeente ..."
            text = f"In {self.place()} {verb} {subject} {thing}{tail}"
        elif shape == 1:
            text = f"{subject} {verb} {thing}{tail}, omdat {choose(CLAUSES)}"
        elif shape == 2:
            text = f"{subject} {verb} {thing}{tail} {choose(ADVERBIALS)}"
        elif shape == 3:
            text = f"'{choose(QUOTES)}', zegt {self.name()}, {choose(ROLES)}"
        elif shape == 4:
            text = f"Dat is nodig, omdat {choose(CLAUSES)}"
        else:
            text = f"{subject} {verb} {thing}{tail}"
        return text[0].upper() + text[1:] + "."

    def paragraph(self, sentences=(3, 6)):
        return " ".join(self.sentence() for _ in range(self.random.randint(*sentences)))

    def title(self):
        subject, verb, thing, tail = self._main_clause()
        topic = self.random.choice(TITLE_TOPICS)
        text = self.random.choice(TITLE_SHAPES).format(
            Subject=subject[0].upper() + subject[1:], subject=subject, verb=verb, object=thing,
            tail=tail, place=self.place(), topic=topic, Topic=topic.capitalize(),
        )  # fmt: skip
        return text[:200]

    def body_blocks(self, paragraphs=(4, 7), block_id=None):
        """Raw StreamField data: paragraphs of rich text with a heading now and then."""
        blocks = []
        for number in range(self.random.randint(*paragraphs)):
            if number and number % 2 == 0:
                value = {"text": self.random.choice(HEADINGS), "level": "h2"}
                blocks.append({"type": "heading", "value": value, "id": block_id()})
            html = f"<p>{self.paragraph()}</p>"
            blocks.append({"type": "paragraph", "value": html, "id": block_id()})
        return blocks

    def rich_text(self, paragraphs=(1, 2)):
        count = self.random.randint(*paragraphs)
        return "".join(f"<p>{self.paragraph()}</p>" for _ in range(count))
