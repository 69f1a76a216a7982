"""Dutch text analysis, shared by indexing and querying so that both sides always agree.

Steps: normalise (case, accents, the possessive/plural "'s"), split into words, drop stop words,
split compounds into their parts against a vocabulary of known words, and stem each word's
dictionary form (its lemma: "wierf" → "werven", "kinderen" → "kind"). The same
analysis feeds every backend, so SQLite (which has no Dutch stemming) searches Dutch as well as
PostgreSQL does.
"""

import functools
import math
import re
import unicodedata

from django.conf import settings

import snowballstemmer
from simplemma.strategies import LOW_MEMORY_DICTIONARY_FACTORY, DictionaryLookupStrategy

from .places import PLACE_OF_FORM

# Short, frequent words that carry no meaning for search.
STOP_WORDS = frozenset(
    """
    aan al alle alles als altijd andere ben bij daar dan dat de der deze die dit doch doen
    door dus een eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun
    iemand iets ik in is ja je kan kon kunnen maar me meer men met mij mijn moet na naar niet
    niets nog nu of om omdat onder ons ook op over reeds te tegen toch toen tot u uit uw van
    veel voor want waren was wat we wel werd wezen wie wij wil worden wordt zal ze zelf zich
    zij zijn zo zonder zou welke waar wanneer waarom hoeveel kun kunt jullie onze ander anders
    elk elke graag
    bent doe doet konden moeten moest mag mogen wilt willen zouden zullen zult jij jouw elkaar
    """.split()  # noqa: SIM905
)

MIN_COMPOUND_LENGTH = 7
MIN_PART_LENGTH = 4
# Words of three letters that this field often puts first in a compound ("lesbevoegdheid",
# "dagprogramma", "vakspecialist", "gymlokaal"). Other short words are not parts: too many
# longer words begin with them ("wethouder" is no "wet", "weglopen" is a verb of its own).
SHORT_FIRST_PARTS = frozenset({"les", "dag", "vak", "gym"})
# leerling|en|daling, samenwerking|s|verband, kind|er|opvang
LINKING_ELEMENTS = ("s", "e", "en", "er")
INFLECTIONS = ("ende", "end", "en", "es", "e", "s", "de", "te", "den", "ten")
SHORTEST_PART = min(map(len, SHORT_FIRST_PARTS))
VOWELS = "aeiou"


def _double_vowel(part):
    """besturen → bestur → bestuur: an open syllable's long vowel is written double."""
    if len(part) >= 3 and part[-1] not in VOWELS and part[-2] in VOWELS and part[-3] not in VOWELS:
        return part[:-1] + part[-2] + part[-1]
    return None


def _undouble(part):
    """grotten → grott → grot: a doubled final consonant is written single."""
    if len(part) >= 2 and part[-1] == part[-2] and part[-1] not in VOWELS:
        return part[:-1]
    return None


_WORD = re.compile(r"[a-z0-9]+")
_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")
_stemmer = snowballstemmer.stemmer("dutch")


def normalise(text):
    """Lower case without accents; "regio's" becomes "regio"."""
    text = _POSSESSIVE.sub("", text or "")
    if text.isascii():  # most text: nothing to take off
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).lower()


_LATIN_ACCENTS = re.compile("[\u0300-\u036f]")


def normalise_latin(text):
    """As `normalise`, many times faster on long texts: only the accents of Latin letters (the
    combining marks U+0300 to U+036F) are taken off, which are all that Dutch text has."""
    text = _POSSESSIVE.sub("", text or "").lower()
    if text.isascii():
        return text
    return _LATIN_ACCENTS.sub("", unicodedata.normalize("NFKD", text))


def words(text):
    """The normalised words of a text, stop words included, in order."""
    return _WORD.findall(normalise(text))


def content_words(text):
    return [word for word in words(text) if word not in STOP_WORDS]


def enabled(feature):
    """Whether a step of the analysis is on (settings.SEARCH_DUTCH_FEATURES)."""
    return feature in settings.SEARCH_DUTCH_FEATURES


# The lemma list (simplemma's Dutch dictionary, in its compact form: about 13 MB, loaded on the
# first lookup) knows irregular verbs and plurals that no stemmer can derive.
_lemmas = DictionaryLookupStrategy(LOW_MEMORY_DICTIONARY_FACTORY)
# Words whose listed lemma has another meaning in this field: "data" are not dates ("datum").
KEEP_AS_WRITTEN = frozenset({"data", "media"})
# Irregular forms the list lacks or gives the lemma of a prefixed verb for, and forms of two
# words for which it gives the one this field seldom means ("leden" are members, not "lijden";
# schools "sloten" their doors, no "slot"; rules "gelden", they are not money).
MISSING_LEMMAS = {
    "geworven": "werven",
    "ingeschreven": "inschrijven",
    "gedragen": "dragen",
    "gewogen": "wegen",
    "gewezen": "wijzen",
    "getreden": "treden",
    "leden": "lid",
    "sloten": "sluiten",
    "gevallen": "geval",
    "gelden": "gelden",
    "reden": "reden",
    "hoeven": "hoeven",
    "rijden": "rijden",
    "slagen": "slagen",
    "gaven": "geven",
    "wijzen": "wijzen",
    "keus": "keuze",
}
# The list relates some nouns to their female form ("werkgever" → "werkgeefster"), which their
# plural does not share.
FEMALE_ENDINGS = ("ster", "erin", "ice", "euse")


def _listed_lemma(word):
    """The lemma list's dictionary form of a word, normalised, or None when it lacks the word."""
    found = _lemmas.get_lemma(word, "nl")
    return normalise(found).replace("_", "") if found else None  # "aan_nemen" is "aannemen"


def lemma(word):
    """The dictionary form of a normalised word, or the word itself when the list has none.
    A word made from a place's name ("Zeeuwse") has that name (search/places.py).

    A lemma that does not begin like the word is not taken: the list relates comparatives to
    another word ("beter" → "goed") and some participles to a prefixed verb ("gestaan" →
    "afstaan"), which would make a search find what was not asked for. A participle ("ge…")
    may begin like the word after its "ge" ("gekozen" → "kiezen"). Nor is a female form taken.
    """
    if word in MISSING_LEMMAS:
        return MISSING_LEMMAS[word]
    if word in PLACE_OF_FORM:
        return PLACE_OF_FORM[word]
    if word in KEEP_AS_WRITTEN:
        return word
    found = _listed_lemma(word)
    if not found:
        return word
    if found.endswith(FEMALE_ENDINGS) and not word.endswith(FEMALE_ENDINGS):
        return word
    if found[:1] == word[:1] or (word.startswith("ge") and found[:1] == word[2:3]):
        return found
    return word


# Nouns that name the act of a verb by a regular ending, and that verb's ending: "organisatie"
# and "organiseren", "renovatie" and "renoveren", "fusie" and "fuseren", "deelname" and
# "deelnemen". A query with the verb then finds the page with the noun, and the other way round.
VERB_ENDINGS_OF_NOUNS = (("atie", "eren"), ("usie", "useren"), ("name", "nemen"))
# Such nouns whose verb means something else: a "generatie" of teachers generates nothing.
NOT_VERBAL_NOUNS = frozenset({"generatie"})


def verb_of_noun(word):
    """The verb a noun (a lemma) is made from by a regular ending, when the lemma list knows
    that verb: "organisatie" → "organiseren", "deelname" → "deelnemen"; else None."""
    if word in NOT_VERBAL_NOUNS:
        return None
    for noun_ending, verb_ending in VERB_ENDINGS_OF_NOUNS:
        if word.endswith(noun_ending):
            verb = word[: -len(noun_ending)] + verb_ending
            if _listed_lemma(verb) == verb:
                return verb
    return None


# Snowball's Dutch stemmer takes "ge" off the front and out of the middle of a word, which
# turns "gemeente" into "meen", "gezin" into "zin" and "begeleiding" into "beleid". Participles
# need no such step here: the lemma list gives their verb ("gekozen" → "kiezen"). A stem that
# does not keep the beginning of the word (all but its last two letters, which the stemmer may
# respell: "scholen" → "school") is replaced by the stem of Snowball's original (Porter) Dutch
# stemmer, which only takes endings off.
_porter_stemmer = snowballstemmer.stemmer("dutch_porter")


@functools.lru_cache(maxsize=50_000)
def _stem(word, lemmas, verbs):
    base = lemma(word) if lemmas else word
    if verbs:
        base = verb_of_noun(base) or base
    stemmed = _stemmer.stemWord(base)
    if not base.startswith(stemmed[: len(stemmed) - 2]):
        return _porter_stemmer.stemWord(base)
    return stemmed


def stem(word):
    if not enabled("stemming"):
        return word
    return _stem(word, enabled("lemmas"), enabled("verbal nouns"))


def stemmer():
    """`stem` with the settings read once, for stemming many words."""
    if not enabled("stemming"):
        return str
    lemmas, verbs = enabled("lemmas"), enabled("verbal nouns")
    return lambda word: _stem(word, lemmas, verbs)


MAX_CACHED_SPLITS = 100_000  # words whose split a Decompounder remembers (a few tens of MB)


class Decompounder:
    """Splits Dutch compounds into known words: "leerlingendaling" → leerlingen + daling.

    `frequencies` maps normalised words to how many documents use them. A word is split when all
    its parts are known words of at least four letters (stop words never count) and at least one
    part is as common as the whole word; a part that is itself a known word is not split further.
    That keeps common words such as "samenwerking" or "belangrijk" whole, while "schoolbestuur",
    "lerarentekort" and "samenwerkingsverband" are split. Of several possible splits the one
    with the fewest parts wins, and of those the one whose parts are most common (geometric mean).
    """

    def __init__(self, frequencies):
        self.frequencies = frequencies
        self._cache = {}

    def split(self, word):
        """The parts of `word`, or [] when it is not a compound of known words.

        An inflected form is split like its base form: "dorpsscholen" like "dorpsschool", and
        "besturen" or "krimpende" not at all, because "bestuur" and "krimp" are single words.
        """
        if word in PLACE_OF_FORM:
            return []  # a place's name: "gelderland" is not geld + land
        if word not in self._cache:
            if len(self._cache) >= MAX_CACHED_SPLITS:
                # Every new word a visitor types is remembered: start afresh rather than grow.
                self._cache.clear()
            base = self.base_form(word)
            self._cache[word] = self._split(base or word, depth=0)
        return self._cache[word]

    def base_form(self, word):
        """The known word that `word` inflects ("krimpende" → "krimp"), or None."""
        for suffix in INFLECTIONS:
            stem_part = word[: -len(suffix)]
            if not word.endswith(suffix) or len(stem_part) < MIN_PART_LENGTH:
                continue
            for candidate in (stem_part, _double_vowel(stem_part), _undouble(stem_part)):
                if candidate and candidate != word and self.frequencies.get(candidate, 0):
                    return candidate
        return None

    def _split(self, word, depth):
        if len(word) < MIN_COMPOUND_LENGTH or depth > 2:
            return []
        best, best_rank = [], (0, 0.0)
        for cut in range(SHORTEST_PART, len(word) - MIN_PART_LENGTH + 1):
            right_parts = self._parts(word[cut:], depth)
            if not right_parts:
                continue
            for left in self._left_candidates(word[:cut]):
                parts = [left, *right_parts]
                frequencies = [self.frequencies[part] for part in parts]
                score = math.exp(sum(map(math.log, frequencies)) / len(parts))
                rank = (-len(parts), score)  # fewest parts first, then the most common
                if (not best or rank > best_rank) and max(frequencies) >= self.frequencies.get(
                    word, 0
                ):
                    best, best_rank = parts, rank
        return best

    def _left_candidates(self, left):
        candidates = [left]
        for link in LINKING_ELEMENTS:
            if left.endswith(link):
                candidates.append(left[: -len(link)])
        return [c for c in candidates if self._known(c)]

    def _known(self, word):
        return (
            (len(word) >= MIN_PART_LENGTH or word in SHORT_FIRST_PARTS)
            and word not in STOP_WORDS
            and self.frequencies.get(word, 0) > 0
        )

    def _parts(self, word, depth):
        """`word` as known parts: itself if it is a known word, else its own split."""
        if self._known(word):
            return [word]
        return self._split(word, depth + 1)


def index_terms(text, decompounder):
    """The search terms of a text: stems of its words and of the parts of its compounds."""
    terms = []
    compounds = enabled("compounds")
    for word in content_words(text):
        terms.append(stem(word))
        if compounds:
            terms.extend(stem(part) for part in decompounder.split(word))
    return terms
