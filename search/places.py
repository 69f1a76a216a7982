"""Dutch places and the words made from their names, which no stemmer relates to the name.

A page about Zeeland often says "Zeeuwse scholen" or "de Zeeuwen" and never "Zeeland"; a board
member searches for the province. The analysis (search/analysis.py) takes each form below as
its place's name, on pages and in queries alike, so that "Zeeland" finds "Zeeuws-Vlaanderen"
and "Drentse dorpen" finds "Drenthe"; the names themselves are kept as they are. Forms whose
stem already meets the name's ("Limburgse", "Amsterdamse", "Haagse") need no entry.

Provinces, regions the sector speaks of, and the cities of the regions' plans; normalised
(lower case, no accents) as `analysis.normalise` writes them.
"""

FORMS_BY_PLACE = {
    # Provinces
    "groningen": ("groninger", "groningers", "gronings", "groningse"),
    "friesland": ("fryslan", "fries", "friese", "friezen"),
    "drenthe": ("drent", "drenten", "drents", "drentse"),
    "overijssel": ("overijsselaar", "overijsselaars"),
    "flevoland": ("flevolander", "flevolanders", "flevolands", "flevolandse"),
    "gelderland": ("gelderlander", "gelderlanders", "gelders", "gelderse"),
    "utrecht": ("utrechter", "utrechters", "utrechts", "utrechtse"),
    "zeeland": ("zeeuw", "zeeuwen", "zeeuws", "zeeuwse"),
    "brabant": ("brabander", "brabanders", "brabants", "brabantse"),
    "limburg": ("limburger", "limburgers"),
    # Regions
    "twente": ("twentenaar", "twentenaren", "twents", "twentse"),
    "achterhoek": ("achterhoeker", "achterhoekers", "achterhoeks", "achterhoekse"),
    "veluwe": ("veluws", "veluwse"),
    "betuwe": ("betuws", "betuwse"),
    # Cities
    "almere": ("almeerder", "almeerders", "almeers", "almeerse"),
    "lelystad": ("lelystads", "lelystadse"),
    "zwolle": ("zwollenaar", "zwollenaren", "zwols", "zwolse"),
    "nijmegen": ("nijmegenaar", "nijmegenaren", "nijmeegs", "nijmeegse"),
    "arnhem": ("arnhemmer", "arnhemmers", "arnhems", "arnhemse"),
    "leiden": ("leidenaar", "leidenaren", "leids", "leidse"),
    "delft": ("delftenaar", "delftenaren", "delfts", "delftse"),
    "dordrecht": ("dordtenaar", "dordtenaren", "dordts", "dordtse"),
    "tilburg": ("tilburger", "tilburgers", "tilburgs", "tilburgse"),
    "breda": ("bredanaar", "bredanaars", "bredaas", "bredase"),
    "maastricht": ("maastrichtenaar", "maastrichtenaren", "maastrichts", "maastrichtse"),
    "enschede": ("enschedeer", "enschedeers", "enschedees", "enschedese"),
    "haarlem": ("haarlemmer", "haarlemmers", "haarlems", "haarlemse"),
    "leeuwarden": ("leeuwarder", "leeuwarders"),
    "amsterdam": ("amsterdammer", "amsterdammers"),
    "rotterdam": ("rotterdammer", "rotterdammers"),
    "haag": ("hagenaar", "hagenaars"),
}

# A name is its own form: the lemma list takes some names for words ("zwolle" → "zwellen").
PLACE_OF_FORM = {form: place for place, forms in FORMS_BY_PLACE.items() for form in (place, *forms)}
