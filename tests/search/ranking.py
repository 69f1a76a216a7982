"""Helpers for tests of the order of search results."""

from wagtail.models import Site

from search.service import run_search


def body(text):
    """A page body of one paragraph."""
    return [("paragraph", f"<p>{text}</p>")]


def titles(query):
    """The titles of the first page of results for `query`, in order."""
    outcome = run_search({"q": query}, Site.objects.get(is_default_site=True))
    return [result.page.title for result in outcome.results.object_list]
