"""A bonus for pages where a query's words stand close together, the same on every engine.

BM25 scores each word of a query on its own: a page that says "daling van het aantal
leerlingen in Zeeland" scores no higher for "leerlingendaling Zeeland" than a page that
mentions "leerlingen" in its first paragraph and "Zeeland" in its last. PostgreSQL's postings
(search/bm25.py) have no positions, so the engines cannot rank by closeness alike; instead the
best `CANDIDATES` pages the engine found for a query of two or more units (search/query.py) are
re-scored here:

- Their text is read from the database search index (its title and body columns: the text of
  every search field followed by its Dutch terms, as search/backends/dutch.py stored it) in one
  query, at most `MAX_TEXT_LENGTH` characters of the body.
- For each pair of neighbouring units of the query ("leerlingendaling", "zeeland"), the distance
  between their closest occurrences is counted in content words (stop words do not count; the
  end of a sentence counts `SENTENCE_GAP`, which also keeps a field's last word apart from the
  terms stored after it), and the pair scores 1 / distance: 1 for words side by side, ½ one
  word apart, and so on. A word of a unit is recognised by its stem or one of its compound
  parts; the stored terms hold the parts of the text's compounds, next to each other.
- A page's closeness is the average over the pairs, in the body and in the title apart; its
  score is multiplied by 1 + `BODY_WEIGHT` × body closeness + `TITLE_WEIGHT` × title closeness.

Only pages the engine already found (live, public, within the visitor's filters) are re-scored,
so no page enters the results this way. Synonyms are not looked for: the typed words are.
"""

import re
from dataclasses import dataclass, field

from django.db import connection
from django.db.models.functions import Substr

from wagtail.search.models import IndexEntry

from . import analysis

CANDIDATES = 30  # the engine's best pages re-scored
MAX_TEXT_LENGTH = 5_000  # characters of a page's body read: its intro and first paragraphs
BODY_WEIGHT = 0.5  # a page with all of the query's words side by side scores 50% more
TITLE_WEIGHT = 0.5  # and as much again when they stand side by side in the title
SENTENCE_GAP = 10  # words: the end of a sentence keeps words on either side of it apart
SENTENCE_ENDS = ".!?"
_END = -1  # the "unit" of a sentence's end: kept among the matches, to count the ends
_WORD_OR_END = re.compile(r"[a-z0-9]+|[.!?]\s")  # a word, or a sentence's end


@dataclass
class _Units:
    """The stems by which each unit of a query is recognised in a text."""

    stems: list  # of sets, one per unit, in the query's order
    # {word: the numbers of the units it belongs to}, for every word seen in the texts so far
    _numbers: dict = field(default_factory=dict)

    def positions(self, text):
        """{unit number: [positions of its words among the content words of `text`]}; a
        sentence's end counts as `SENTENCE_GAP` words."""
        words = [
            word
            for word in _WORD_OR_END.findall(analysis.normalise_latin(text))
            if word not in analysis.STOP_WORDS
        ]
        stem = analysis.stemmer()
        for word in set(words).difference(self._numbers):  # as written, or a term indexed
            if word[0] in SENTENCE_ENDS:
                self._numbers[word] = (_END,)
            else:
                forms = {word, stem(word)}
                self._numbers[word] = [n for n, stems in enumerate(self.stems) if forms & stems]
        found, ends = {}, 0
        numbers = self._numbers
        for index, word in [(i, word) for i, word in enumerate(words) if numbers[word]]:
            if word[0] in SENTENCE_ENDS:
                ends += 1
                continue
            for number in numbers[word]:
                found.setdefault(number, []).append(index + ends * (SENTENCE_GAP - 1))
        return found

    def closeness(self, text):
        """The average over neighbouring units of 1 / the distance of their closest
        occurrences in `text` (0 for a unit the text lacks)."""
        if not text:
            return 0.0
        positions = self.positions(text)
        pairs = list(zip(range(len(self.stems)), range(1, len(self.stems)), strict=False))
        total = 0.0
        for first, second in pairs:
            if first in positions and second in positions:
                total += 1 / max(_distance(positions[first], positions[second]), 1)
        return total / len(pairs)


def _distance(first, second):
    """The smallest difference between a number of `first` and one of `second` (both sorted)."""
    best, i, j = float("inf"), 0, 0
    while i < len(first) and j < len(second):
        best = min(best, abs(first[i] - second[j]))
        if first[i] < second[j]:
            i += 1
        else:
            j += 1
    return best


def query_units(analysed, corrected=False):
    """A query's units as `_Units`: each recognised by the stems of the words typed (or their
    correction) and of their compound parts."""
    units = analysed.suggestion_units if corrected else analysed.units
    stems = []
    for first, *_synonyms in units:
        unit = set()
        for word in first:
            unit.add(analysis.stem(word))
            unit.update(analysis.stem(part) for part in analysed.parts(word))
        stems.append(unit)
    return _Units(stems)


def _texts(hits):
    """{page id: (title, body)} of the hits as the database search index holds them."""
    title, body = (
        ("title_text", "body_text") if connection.vendor == "postgresql" else ("title", "body")
    )
    entries = IndexEntry.objects.filter(
        object_id__in=[str(hit.page_id) for hit in hits],
        content_type_id__in={hit.content_type_id for hit in hits},
    ).values_list("object_id", "content_type_id", title, Substr(body, 1, MAX_TEXT_LENGTH))
    types = {hit.page_id: hit.content_type_id for hit in hits}
    return {
        int(page_id): (title_text, body_text)
        for page_id, content_type_id, title_text, body_text in entries
        if types.get(int(page_id)) == content_type_id
    }


def rescore(hits, analysed, corrected=False):
    """Multiply the scores of the best `CANDIDATES` hits by their closeness bonus, in place."""
    units = query_units(analysed, corrected)
    if len(units.stems) < 2 or not analysis.enabled("proximity"):
        return
    best = sorted(hits, key=lambda hit: hit.score, reverse=True)[:CANDIDATES]
    texts = _texts(best)
    for hit in best:
        title, body = texts.get(hit.page_id, ("", ""))
        bonus = BODY_WEIGHT * units.closeness(body) + TITLE_WEIGHT * units.closeness(title)
        hit.score *= 1 + bonus
