"""Dutch analysis for every search backend, applied to the pages' own search fields.

The page models declare plain `index.SearchField`s. At startup `install_dutch_fields()` swaps
each page `SearchField` for a `DutchSearchField` with the same name and boost, whose indexed
value is the original text followed by its Dutch search terms (stems, and the parts of
compounds). Visitors' queries are analysed the same way (`search.query`), so both sides meet on
the same terms, whichever backend (SQLite, PostgreSQL, Elasticsearch or OpenSearch) stores them.
The raw text stays in the index, so the Wagtail admin's own page search keeps working on plain
words.
"""

from django.conf import settings

from wagtail.models import Page
from wagtail.search import index

from . import analysis, vocabulary


def flatten(value):
    """Any value a search field returns (text, list, dict, number) as one text."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return " ".join(flatten(item) for item in value)
    if isinstance(value, dict):
        return " ".join(flatten(item) for item in value.values())
    return str(value)


class DutchSearchField(index.SearchField):
    def raw_text(self, obj):
        return flatten(super().get_value(obj))

    def get_value(self, obj):
        text = self.raw_text(obj)
        terms = analysis.index_terms(text, vocabulary.current().decompounder)
        return f"{text} {' '.join(terms)}" if terms else text


def _dutch(fields, replacements):
    """Swap SearchFields in place; one field object shared by several lists gets one swap, so
    Wagtail's check that subclasses keep Page's fields still sees the same objects."""
    for position, field in enumerate(fields):
        if isinstance(field, index.RelatedFields):
            _dutch(field.fields, replacements)
        elif type(field) is index.SearchField:
            if id(field) not in replacements:
                replacements[id(field)] = (
                    field,  # keep the original alive so that its id is not reused
                    DutchSearchField(field.field_name, boost=field.boost, **field.kwargs),
                )
            fields[position] = replacements[id(field)][1]


def uses_database_backend():
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    return backend.endswith(".database")


def install_dutch_fields():
    """Give every page type Dutch search fields."""
    replacements = {}
    for model in index.get_indexed_models():
        if issubclass(model, Page):
            _dutch(model.search_fields, replacements)
