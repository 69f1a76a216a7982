"""The starting vocabularies for sectors and regions; editors can change them in the admin."""

SECTORS = [
    ("PO", "Primair onderwijs", "po"),
    ("VO", "Voortgezet onderwijs", "vo"),
    ("MBO", "Middelbaar beroepsonderwijs", "mbo"),
    ("(V)SO", "(Voortgezet) speciaal onderwijs", "vso"),
    ("HO", "Hoger onderwijs", "ho"),
    ("Lerarenopleiding", "Lerarenopleiding", "lerarenopleiding"),
]

REGIONS = [
    ("Groningen", "groningen"),
    ("Friesland", "friesland"),
    ("Drenthe", "drenthe"),
    ("Overijssel", "overijssel"),
    ("Flevoland", "flevoland"),
    ("Gelderland", "gelderland"),
    ("Utrecht", "utrecht"),
    ("Noord-Holland", "noord-holland"),
    ("Zuid-Holland", "zuid-holland"),
    ("Zeeland", "zeeland"),
    ("Noord-Brabant", "noord-brabant"),
    ("Limburg", "limburg"),
    ("Landelijk", "landelijk"),
]
