"""A visitor's query, analysed like the pages are: words, synonyms, compounds, a correction.

Each query word (or synonym phrase) becomes one unit whose alternatives are the word itself, its
compound parts together, and its synonyms. Units are combined with OR (as `Units`), so a page
matching more of the query ranks higher. The query is searched twice: as typed, where a
compound's parts only count when they occur together, and widened, where its synonyms count and
each part of a compound counts on its own ("werkdrukverlaging" also finds "de werkdruk omlaag"),
a match that search/service.py weighs less; not the parts of an everyday word ("huisvesting").
"""

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from wagtail.search.query import And, Or, PlainText, SearchQuery

from rapidfuzz import process
from rapidfuzz.distance import OSA

from . import analysis, separable

if TYPE_CHECKING:
    from .vocabulary import Vocabulary

WELL_KNOWN = 50  # a word this common in Dutch is never "corrected"
COMMON_ON_SITE = 3  # pages that must use a word before a compound-like typo is corrected to it
MAX_CHECKED = 3  # closest candidates checked for visibility before giving up on a correction
# The work one query may cause, so that the longest query costs little more than a typical one
# (bench/query_cost.py): distinct words searched, and synonym phrases added over all of them.
MAX_WORDS = 8
MAX_SYNONYMS = 8
# A compound this common in general Dutch ("leerling", "huisvesting", "samenwerking") is a word
# of its own: the widened query does not search its parts apart ("leer", "huis", "werk").
EVERYDAY_WORD = 100


class Units(Or):
    """The query's units, any of which may match. A backend that ranks by itself (search/bm25.py)
    scores a page by how many of them it matches; an `Or` inside a unit is a choice between
    alternatives (a word or its parts, a phrase or its synonyms), of which the best counts."""


@dataclass
class AnalysedQuery:
    text: str  # the query as typed, tidied
    units: list  # per query word or phrase: its alternatives, each a list of words
    suggestion: str = ""  # the query with misspelled words corrected, or ""
    suggestion_units: list = field(default_factory=list)
    decompounder: object = None
    ignored_words: list = field(default_factory=list)  # beyond MAX_WORDS: not searched
    general: Mapping[str, int] = field(default_factory=dict)  # general Dutch word frequencies

    def backend_query(self, corrected: bool = False, widened: bool = True) -> SearchQuery | None:
        """A query object for a search backend, in the terms search/backends/dutch.py indexes.

        Each unit's first phrase is what the visitor typed; the others are its synonyms, which
        only the widened query searches, as it searches each part of a compound on its own.
        """
        units = self._units(corrected)
        if not widened:
            units = [unit[:1] for unit in units]
        apart = self._parts_apart if widened else None
        return _combine(Units, [_unit_query(unit, self.decompounder, apart) for unit in units])

    def widens(self, corrected: bool = False) -> bool:
        """Whether the widened query finds more than the query as typed: it has synonyms or
        compounds."""
        units = self._units(corrected)
        return any(len(unit) > 1 or any(map(self.parts, unit[0])) for unit in units)

    def _units(self, corrected):
        return self.suggestion_units if corrected else self.units

    def _parts_apart(self, word):
        return self.general.get(word, 0) <= EVERYDAY_WORD

    def terms(self) -> set[str]:
        """Every stem the query can match, for highlighting: its words (as typed and
        corrected), their synonyms, and the parts of its compounds, through which a page that
        says "daling van het aantal leerlingen" is found for "leerlingendaling"."""
        found = set()
        for unit in [*self.units, *self.suggestion_units]:
            for phrase in unit:
                for word in phrase:
                    found.add(analysis.stem(word))
                    found.update(analysis.stem(part) for part in self.parts(word))
        return found

    def parts(self, word):
        """A word's compound parts, as `_word_query` searches them."""
        if self.decompounder is None or not analysis.enabled("compounds"):
            return []
        return self.decompounder.split(word)


def _combine(operator, queries):
    queries = [query for query in queries if query is not None]
    if not queries:
        return None
    return queries[0] if len(queries) == 1 else operator(queries)


def _word_query(word, decompounder, apart):
    """The word, or its compound parts: together, or each on its own when `apart(word)`."""
    whole = PlainText(analysis.stem(word))
    parts = decompounder.split(word) if analysis.enabled("compounds") else []
    if not parts:
        return whole
    parts = [PlainText(analysis.stem(part)) for part in parts]
    if apart is not None and apart(word):
        return Or([whole, *parts])
    return Or([whole, And(parts)])


def _unit_query(unit, decompounder, apart):
    return _combine(
        Or,
        [
            _combine(And, [_word_query(word, decompounder, apart) for word in phrase])
            for phrase in unit
        ],
    )


@functools.lru_cache(maxsize=10_000)
def _group_forms(word, lemmas):
    """A synonym group's word and, when it begins with it, its dictionary form."""
    found = analysis.lemma(word) if lemmas else word
    return frozenset({word, found} if word.startswith(found) else {word})


def _units(words, synonym_groups):
    """Group the words into units, replacing synonym phrases by all phrases of their group.

    A query word matches a phrase's word as written or by their dictionary form: "beginnende
    leraren" is the group's "beginnende leraar", "fusies" its "fusie", "nieuwkomer" its
    "nieuwkomers". A group's word has its dictionary form only when it begins with it, as an
    inflected form does: the lemma list has "krimpen" for "krimp", which "krimpende" is not."""
    groups = [
        [[w for w in analysis.words(term) if w not in analysis.STOP_WORDS] for term in group]
        for group in synonym_groups
    ]
    phrases = sorted(
        ((phrase, group) for group in groups for phrase in group if phrase),
        key=lambda item: -len(item[0]),
    )
    lemmas = analysis.enabled("lemmas")
    phrases = [
        (phrase, [_group_forms(w, lemmas) for w in phrase], group) for phrase, group in phrases
    ]
    typed_forms = [{word, analysis.lemma(word)} if lemmas else {word} for word in words]
    units, position = [], 0
    while position < len(words):
        for phrase, forms, group in phrases:
            typed = typed_forms[position : position + len(phrase)]
            if len(typed) == len(phrase) and all(map(set.intersection, typed, forms)):
                as_typed = words[position : position + len(phrase)]
                units.append([as_typed, *(p for p in group if p and p not in (phrase, as_typed))])
                position += len(phrase)
                break
        else:
            units.append([[words[position]]])
            position += 1
    return units


def _limit_synonyms(units):
    """Each unit keeps what was typed; synonyms are added while the budget lasts."""
    budget, limited = MAX_SYNONYMS, []
    for first, *synonyms in units:
        kept = synonyms[:budget]
        budget -= len(kept)
        limited.append([first, *kept])
    return limited


def correct(
    word: str,
    vocabulary: "Vocabulary",
    visible: Callable[[str], bool] | None = None,
    common_on_site: int = COMMON_ON_SITE,
) -> str | None:
    """The closest word the site uses, for a word that is neither Dutch nor used; else None.

    A word that splits into known words ("invalpoel": inval + poel) may still be a typo of a word
    the site uses often; it is corrected only to a word that `common_on_site` pages use (a
    search that found nothing asks with 1). `visible(word)` tells whether the visitor can find
    a word; a suggestion never names a word the visitor cannot see.
    """
    if word in vocabulary or word.isdigit() or len(word) < 4:
        return None
    if vocabulary.general.get(word, 0) >= WELL_KNOWN or analysis.stem(word) in vocabulary.stems:
        return None
    min_frequency = common_on_site if vocabulary.decompounder.split(word) else 1
    max_distance = 1 if len(word) <= 5 else 2
    matches = [
        (candidate, distance)
        for candidate, distance, _ in process.extract(
            word,
            vocabulary.frequencies.keys(),
            scorer=OSA.distance,
            score_cutoff=max_distance,
            limit=20,
        )
        if vocabulary.frequencies[candidate] >= min_frequency
    ]
    matches.sort(key=lambda m: (m[1], -vocabulary.frequencies[m[0]]))
    for candidate, _ in matches[:MAX_CHECKED]:
        if visible is None or visible(candidate):
            return candidate
    return None


def analyse(
    query: str,
    vocabulary: "Vocabulary",
    synonym_groups: Sequence[Sequence[str]] = (),
    visible: Callable[[str], bool] | None = None,
) -> AnalysedQuery:
    text = " ".join(query.split())
    words = list(dict.fromkeys(analysis.content_words(text)))  # a repeated word adds nothing
    words, ignored = words[:MAX_WORDS], words[MAX_WORDS:]
    if not analysis.enabled("synonyms"):
        synonym_groups = ()

    def known(word):
        return vocabulary.general.get(word, 0) > 0 or word in vocabulary

    def units_of(content_words, all_words):
        units = _limit_synonyms(_units(content_words, synonym_groups))
        if not analysis.enabled("separable verbs"):
            return units
        return separable.combine(units, separable.verbs(all_words, known))

    analysed = AnalysedQuery(
        text=text,
        units=units_of(words, analysis.words(text)),
        decompounder=vocabulary.decompounder,
        ignored_words=ignored,
        general=vocabulary.general,
    )
    if not analysis.enabled("typos"):
        return analysed
    corrections = {word: correct(word, vocabulary, visible) for word in words}
    if any(corrections.values()):
        analysed.suggestion = " ".join(corrections.get(w) or w for w in analysis.words(text))
        corrected_words = [corrections[w] or w for w in words]
        analysed.suggestion_units = units_of(corrected_words, analysis.words(analysed.suggestion))
    return analysed
