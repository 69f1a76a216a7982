"""The text of a search field, for the site's vocabulary, snippets and a cluster's documents.

A search field's value is a text, a list (a StreamField gives one text per block), a dict or a
number; `value_text` makes it one text. modelsearch's database backends prepare the values
themselves, with the same words (items joined by ", " instead of " "); Elasticsearch and
OpenSearch take them as they are, so the cluster's page documents use this text. Pages are
indexed with their Dutch terms added (search/backends/dutch.py); the texts here are without them.
"""

from django.conf import settings


def value_text(value):
    """Any value a search field returns (text, list, dict, number) as one text."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return " ".join(value_text(item) for item in value)
    if isinstance(value, dict):
        return " ".join(value_text(item) for item in value.values())
    return str(value)


def uses_database_backend():
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    return backend.endswith(".database")
