"""Pages are indexed with their Dutch search terms, on every backend.

The terms are added where modelsearch prepares a search field's value for the index: each of a
page's search fields (its related fields included) is indexed as its text followed by the Dutch
terms of that text (stems, and the parts of compounds; `search.analysis.index_terms`).
Visitors' queries arrive as the same kind of terms (search/query.py), so both sides meet
whichever backend stores them, and the raw text stays, so the Wagtail admin's page search finds
plain words. Other models (people, organisations, documents, images) are indexed as modelsearch
does it.

- Database backends (SQLite, PostgreSQL): modelsearch's `ObjectIndexer` prepares the values
  (`prepare_field`); `PageIndexer` adds the terms to what it prepared. modelsearch's indexes
  create their indexer as `ObjectIndexer(obj, backend)`, a name of their module that no
  subclass can change (short of copying their `add_items`); `let_backends_choose_indexer` makes
  that name take the backend's `indexer_class`, so that only the site's backends index Dutch.
- Elasticsearch and OpenSearch: the backend's `mapping_class` builds each document
  (`_get_document_field_data`) and passes a field's value as it is; `PageMapping` gives a
  page's search fields their text (search/fields.py) with the terms.
"""

import functools

from wagtail.models import Page
from wagtail.search import index

from .. import analysis, vocabulary
from ..fields import value_text


def with_dutch_terms(text, decompounder=None):
    terms = analysis.index_terms(text, decompounder or vocabulary.current().decompounder)
    return f"{text} {' '.join(terms)}" if terms else text


class PageIndexer:
    """For a subclass of a modelsearch database `ObjectIndexer`: a page's search fields are
    indexed with their Dutch terms, and each search field is prepared once."""

    def prepare_field(self, obj, field):
        # modelsearch prepares every search field of the object once per column it fills
        # (title, body, autocomplete, and on PostgreSQL their plain texts: five times), each
        # time reading its related objects and analysing its text again: keep the first.
        if obj is not self.obj:
            return self._prepare_field(obj, field)
        prepared = self.__dict__.setdefault("_prepared", {})
        if id(field) not in prepared:
            prepared[id(field)] = list(self._prepare_field(obj, field))
        return iter(prepared[id(field)])

    @functools.cached_property
    def _decompounder(self):
        return vocabulary.current().decompounder  # a cache read: once per page, not per field

    def _prepare_field(self, obj, field):
        # Yields (field, text) on SQLite, (field, weight, text) on PostgreSQL. For RelatedFields
        # modelsearch calls `prepare_field` again with each related object and its fields, so
        # the page being indexed is `self.obj`, not always `obj`.
        for *prepared, text in super().prepare_field(obj, field):
            if isinstance(field, index.SearchField) and isinstance(self.obj, Page):
                text = with_dutch_terms(text, self._decompounder)
            yield (*prepared, text)


def let_backends_choose_indexer(module):
    """Make `module.ObjectIndexer(obj, backend)` create the backend's `indexer_class`, or
    modelsearch's own class for a backend without one."""
    default = module.ObjectIndexer

    def object_indexer(obj, backend):
        return getattr(backend, "indexer_class", default)(obj, backend)

    module.ObjectIndexer = object_indexer


class PageMapping:
    """For a subclass of a modelsearch Elasticsearch mapping: every search field of the document
    has its Dutch terms. modelsearch builds nested documents (RelatedFields) with `type(self)`,
    so a page's related fields get them too; use it for pages only (`mapping_class`)."""

    def _get_document_field_data(self, field, obj):
        name, value, edgengrams = super()._get_document_field_data(field, obj)
        if isinstance(field, index.SearchField):
            value = with_dutch_terms(value_text(value))
        return name, value, edgengrams


def mapping_class(base_mapping):
    """A `mapping_class` for a backend: `PageMapping` on `base_mapping` for pages, `base_mapping`
    itself for other models."""
    page_mapping = type(f"DutchPage{base_mapping.__name__}", (PageMapping, base_mapping), {})

    def mapping(model):
        return page_mapping(model) if issubclass(model, Page) else base_mapping(model)

    return mapping
