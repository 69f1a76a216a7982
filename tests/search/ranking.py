"""Helpers for tests of the order of search results."""

from wagtail.models import Site

from search.service import run_search
from tests import factories


def body(text):
    """A page body of one paragraph."""
    return [("paragraph", f"<p>{text}</p>")]


def news(indexes, title, text):
    """A news item of one paragraph under the news overview."""
    factories.NewsItemPageFactory(parent=indexes["news"], title=title, body=body(text))


def titles(query):
    """The titles of the first page of results for `query`, in order."""
    outcome = run_search({"q": query}, Site.objects.get(is_default_site=True))
    return [result.page.title for result in outcome.results.object_list]
