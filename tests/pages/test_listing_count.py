"""A listing reads its pages' filter values once, counts every results page and combination of
filters from them, and reads them again after a publish."""

import re
from unittest import mock

from publications.models import NewsIndexPage
from tests import factories


def counted(client, url):
    """The listing's heading ("13 resultaten, …") and whether it read its pages' filter values
    for it (the total is the sum of the year filter's counts)."""
    build = NewsIndexPage.build_facet_index
    with mock.patch.object(NewsIndexPage, "build_facet_index", autospec=True, side_effect=build):
        html = client.get(url).content.decode()
        built = NewsIndexPage.build_facet_index.called
    heading = html.split('id="results-heading">', 1)[1].split("</h2>", 1)[0]
    heading = re.sub(r"<[^>]+>", "", heading)
    return " ".join(heading.split()), built


def test_filter_values_are_read_once_for_every_results_page_until_a_publish(client, indexes, theme):
    for number in range(13):
        factories.NewsItemPageFactory(
            parent=indexes["news"], title=f"Krimp {number}", themes=[theme]
        )

    assert counted(client, "/nieuws/?thema=krimp") == ("13 resultaten, pagina 1 van 2", True)
    assert counted(client, "/nieuws/?thema=krimp&pagina=2") == (
        "13 resultaten, pagina 2 van 2",
        False,
    )
    # Other filters: counted from what the first request read.
    assert counted(client, "/nieuws/?pagina=2") == ("13 resultaten, pagina 2 van 2", False)

    factories.NewsItemPageFactory(parent=indexes["news"], title="Krimp 13", themes=[theme])
    assert counted(client, "/nieuws/?thema=krimp&pagina=2") == (
        "14 resultaten, pagina 2 van 2",
        True,
    )
