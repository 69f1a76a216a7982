"""Elasticsearch 8/9 and OpenSearch 2/3 with Dutch analysis.

Wagtail's own backends analyse text with the `standard` analyzer: no stop words, no stemming, no
compounds, no synonyms. These backends give every index a Dutch default analyzer instead, built
from the site's data each time an index is created (so `update_index` picks up the current
synonyms and vocabulary):

    index (`default`):         possessive 's → standard tokenizer → lowercase → asciifolding →
                               stop words → compound parts → Dutch stemmer
    search (`default_search`): the same without the compound parts, plus the editors' synonyms
                               (`synonym_graph`) after the stemmer

Compounds are split when indexing only: "lerarentekort" is stored as lerarentekort + leraren +
tekort, so "tekort" finds it, while a search for "lerarentekort" is not loosened into "leraren OR
tekort" (search/query.py already adds "leraren AND tekort" as an alternative). Synonyms apply
when searching only: changing them does not change what is stored, multi-word synonyms
("po" ~ "primair onderwijs") work as a graph, and stemming the rules means inflected forms match
them too. Wagtail's edge-n-gram analyzer for autocomplete is kept as it is.

Set BACKEND to "search.backends.elasticsearch.<engine>" with engine one of ENGINES (the bare
module path means elasticsearch9). The client library's major version must match the cluster's.
"""

import functools
from copy import deepcopy
from importlib import import_module

from django.core.exceptions import ImproperlyConfigured

from modelsearch.utils import deep_update

from search import analysis

ENGINES = ("elasticsearch8", "elasticsearch9", "opensearch2", "opensearch3")
MAX_COMPOUND_WORDS = 20_000  # the list is part of every index's settings, in the cluster state
STEMMER = "dutch"  # Snowball; "dutch_kp" is deprecated in Elasticsearch 8.16 and gone in Lucene 10


def compound_words(limit=MAX_COMPOUND_WORDS):
    """The site's most used words that can be part of a compound, alphabetically."""
    from search.models import SearchTerm

    words = []
    terms = SearchTerm.objects.order_by("-frequency", "term").values_list("term", flat=True)
    for term in terms.iterator(chunk_size=2000):  # normalised already (search/vocabulary.py)
        if len(words) == limit:
            break
        known = len(term) >= analysis.MIN_PART_LENGTH and term not in analysis.STOP_WORDS
        if known and term.isalpha():
            words.append(term)
    return sorted(words)


def synonym_rules():
    """The editors' synonym groups as rules: "po, primair onderwijs, basisonderwijs"."""
    from search.synonyms import synonym_groups

    rules = []
    for group in synonym_groups():
        # Normalised like the query side does it (search/query.py): no case, accents or stop words.
        phrases = dict.fromkeys(" ".join(analysis.content_words(term)) for term in group)
        phrases.pop("", None)
        if len(phrases) > 1:
            rules.append(", ".join(phrases))
    return rules


def dutch_analysis():
    """The `analysis` index settings: Dutch `default` and `default_search` analyzers."""
    filters = {
        "dutch_stop": {"type": "stop", "stopwords": sorted(analysis.STOP_WORDS)},
        "dutch_stemmer": {"type": "stemmer", "language": STEMMER},
    }
    index_chain = ["lowercase", "asciifolding", "dutch_stop", "dutch_stemmer"]
    search_chain = list(index_chain)
    # Empty lists are left out: Elasticsearch rejects a decompounder or synonym filter without them.
    if words := compound_words():
        filters["dutch_compounds"] = {
            "type": "dictionary_decompounder",
            "word_list": words,
            "min_word_size": analysis.MIN_COMPOUND_LENGTH,
            "min_subword_size": analysis.MIN_PART_LENGTH,
        }
        index_chain.insert(index_chain.index("dutch_stemmer"), "dutch_compounds")
    if rules := synonym_rules():
        # Rules are parsed by the filters before this one, so they are stemmed like the query.
        filters["dutch_synonyms"] = {"type": "synonym_graph", "synonyms": rules, "lenient": True}
        search_chain.append("dutch_synonyms")

    def analyzer(chain):
        return {
            "type": "custom",
            "char_filter": ["dutch_possessive"],
            "tokenizer": "standard",
            "filter": chain,
        }

    return {
        # "regio's" → "regio", as search.analysis.normalise does.
        "char_filter": {
            "dutch_possessive": {
                "type": "pattern_replace",
                "pattern": "(?<=\\p{L})['\u2019]s\\b",
                "replacement": "",
            }
        },
        "filter": filters,
        "analyzer": {"default": analyzer(index_chain), "default_search": analyzer(search_chain)},
    }


class DutchIndexMixin:
    def put(self):
        # Computed here rather than in the backend's __init__: a backend is created for every
        # search, an index only by `update_index`.
        self.backend.settings = self.backend.index_settings()
        super().put()


class DutchBackendMixin:
    def __init__(self, params):
        self.index_settings_override = deepcopy(params.get("INDEX_SETTINGS", {}))
        super().__init__(params)

    def index_settings(self):
        """Wagtail's defaults, then the Dutch analysis, then the INDEX_SETTINGS option on top."""
        settings = deepcopy(type(self).settings)  # the class attribute: Wagtail's n-gram analyzers
        deep_update(settings, {"settings": {"analysis": dutch_analysis()}})
        return deep_update(settings, deepcopy(self.index_settings_override))


@functools.cache
def backend_class(engine):
    """The Dutch subclass of modelsearch's backend for `engine`, imported only when used (the
    OpenSearch backends need `opensearch-py`, which is not installed by default)."""
    if engine not in ENGINES:
        raise ImproperlyConfigured(f"Unknown search engine {engine!r}; choose one of {ENGINES}")
    base = import_module(f"modelsearch.backends.{engine}").SearchBackend
    index_class = type(f"Dutch{base.index_class.__name__}", (DutchIndexMixin, base.index_class), {})
    return type(f"Dutch{base.__name__}", (DutchBackendMixin, base), {"index_class": index_class})


def elasticsearch8(params):
    return backend_class("elasticsearch8")(params)


def elasticsearch9(params):
    return backend_class("elasticsearch9")(params)


def opensearch2(params):
    return backend_class("opensearch2")(params)


def opensearch3(params):
    return backend_class("opensearch3")(params)


SearchBackend = elasticsearch9
