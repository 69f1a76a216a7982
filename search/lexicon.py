"""General Dutch word frequencies, so that analysis also knows words the site has not used yet.

The list ships with the `pyspellchecker` package (a frequency list of Dutch words). It is used to
recognise the parts of compounds and to leave correctly spelled words uncorrected.
"""

import functools
import gzip
import json
from importlib import resources

from . import analysis

MIN_FREQUENCY = 20  # rarer entries in the list are mostly typos, names and rare inflections


@functools.cache
def general_frequencies():
    """{normalised word: frequency} for Dutch words of at least four letters, and the short
    words that begin compounds (analysis.SHORT_FIRST_PARTS)."""
    path = resources.files("spellchecker.resources").joinpath("nl.json.gz")
    with path.open("rb") as handle, gzip.open(handle, "rt", encoding="utf-8") as text:
        raw = json.load(text)
    frequencies = {}
    for word, frequency in raw.items():
        if frequency >= MIN_FREQUENCY:
            normal = analysis.normalise(word)
            long_enough = len(normal) >= analysis.MIN_PART_LENGTH
            if normal.isalpha() and (long_enough or normal in analysis.SHORT_FIRST_PARTS):
                frequencies[normal] = frequencies.get(normal, 0) + frequency
    return frequencies
