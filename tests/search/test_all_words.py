"""A page with all of the query's words ranks above a page with only some of them, on every
engine: however often the page with some repeats them."""

from wagtail.models import Site

from search.service import run_search
from tests import factories


def body(text):
    return [("paragraph", f"<p>{text}</p>")]


def titles(query):
    outcome = run_search({"q": query}, Site.objects.get(is_default_site=True))
    return [result.page.title for result in outcome.results.object_list]


def test_a_page_with_every_word_of_the_query_comes_first(indexes):
    for number in range(6):
        factories.NewsItemPageFactory(
            parent=indexes["news"],
            title=f"Nieuws uit de provincie {number}",
            body=body("Een school in Zeeland opent een nieuw gebouw."),
        )
    factories.NewsItemPageFactory(
        parent=indexes["news"],
        title="Keuzes in het noorden",
        body=body(
            "De leerlingendaling gaat door. Door de leerlingendaling sluiten scholen. Wie de "
            "leerlingendaling voor is, plant samen. Leerlingendaling vraagt om keuzes."
        ),
    )
    factories.NewsItemPageFactory(
        parent=indexes["news"],
        title="Onderwijs op de eilanden",
        body=body("Besturen in Zeeland maken een plan. Ook daar speelt de leerlingendaling."),
    )

    assert titles("leerlingendaling Zeeland")[0] == "Onderwijs op de eilanden"
