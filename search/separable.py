"""Separable verbs in a query: "hoe pakken besturen krimp aan" asks about "aanpakken".

In a Dutch question or main clause the particle of a separable verb stands apart from the verb,
mostly at the end ("werken ... samen", "stel ... op", "houden ... open"), while the pages that
answer say "samenwerken", "opstellen" or "openhouden", or use the noun ("de aanpak"). The stems
of "pakken" and "aanpakken" differ, and a particle such as "aan" or "op" is a stop word, so
the question's words alone miss those pages. A query word that forms a known verb with a
particle later in the query therefore also finds that verb (`combine`): as an alternative of
its unit, weighed as a synonym.

A particle counts where a separable verb puts it: at the end of the query, or before a
preposition ("pakken ... aan in Groningen"); "werk in het onderwijs" has no particle.
"""

from . import analysis

PARTICLES = frozenset(
    """
    aan af bij door in mee na om op open over samen terug toe uit voor weg vast los neer dicht
    """.split()  # noqa: SIM905
)
# Verbs among the stop words that make separable verbs a question splits: "hoe doe je mee" is
# "meedoen", "waar doe je ervaring op" is "opdoen". The others ("is", "heeft", "kan") would
# take a particle from the question's real verb.
STOP_WORD_VERBS = frozenset({"doen"})
PREPOSITIONS = frozenset(
    """
    aan bij door in met na naar om op over tot uit van voor zonder
    """.split()  # noqa: SIM905
)


def _infinitives(word):
    """The infinitives a form of a verb may have: "werkt" → "werken", "stel" → "stellen",
    "haal" → "halen", "gaat" → "gaan" (the lemma list)."""
    forms = {analysis.lemma(word)}
    if word.endswith("en"):
        return forms | {word}
    base = word[:-1] if word.endswith("t") else word
    if len(base) < 2:
        return forms
    forms |= {base + "en", base + base[-1] + "en"}
    if len(base) > 2 and base[-2] == base[-3] and base[-2] in analysis.VOWELS:
        forms.add(base[:-2] + base[-1] + "en")
    return forms


def verbs(words, known):
    """(verb, particle, separable verb) for each particle that `words` (the query's words, stop
    words included) put where a separable verb puts it, with the first earlier word that forms
    a `known` verb with it: the verb comes first or second in a Dutch question ("hoe gaan
    scholen om met krimp" is "omgaan", not "omscholen")."""
    found = []
    for position, particle in enumerate(words):
        following = words[position + 1 : position + 2]
        if particle not in PARTICLES or (following and following[0] not in PREPOSITIONS):
            continue
        for word in words[:position]:
            if word in PARTICLES or (
                word in analysis.STOP_WORDS and analysis.lemma(word) not in STOP_WORD_VERBS
            ):
                continue
            joined = [particle + form for form in sorted(_infinitives(word))]
            if verb := next((candidate for candidate in joined if known(candidate)), None):
                found.append((word, particle, verb))
                break
    return found


def combine(units, found):
    """`units` (`query.AnalysedQuery.units`) with each separable verb of `found` added to its
    verb's unit. A particle that is a word of its own ("samen", "open") joins the verb's unit
    as written: "werken ... samen" is one unit, "werken samen" or "samenwerken". A verb among
    the stop words ("doe ... mee") has no unit: the separable verb takes the particle's."""
    units = [list(unit) for unit in units]
    for word, particle, verb in found:
        unit = next((unit for unit in units if unit[0][0] == word), None)
        own = next((u for u in units if u == [[particle]]), None)
        if unit is None and word in analysis.STOP_WORDS:
            # "doe ... mee": the verb is no unit, and "mee" alone asks for nothing: the
            # separable verb is searched as if typed, in the particle's place.
            if own is None:
                units.append([[verb]])
            else:
                units[units.index(own)] = [[verb]]
            continue
        if unit is None or [verb] in unit:
            continue
        if own is not None:
            units.remove(own)
            unit[0] = [*unit[0], particle]
        unit.append([verb])
    return units
