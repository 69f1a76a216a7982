"""A listing counts its pages once per filter combination, and counts again after a publish."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories


def counted(client, url):
    """The listing's heading ("13 resultaten, …") and whether it counted the pages for it (the
    total comes from the filters' counts, grouped counts of the same pages)."""
    with CaptureQueriesContext(connection) as captured:
        html = client.get(url).content.decode()
    heading = html.split('id="results-heading">', 1)[1].split("</h2>", 1)[0]
    heading = re.sub(r"<[^>]+>", "", heading)
    counts = [query for query in captured if "COUNT(" in query["sql"]]
    return " ".join(heading.split()), bool(counts)


def test_the_count_is_kept_for_every_results_page_until_a_publish(client, indexes, theme):
    for number in range(13):
        factories.NewsItemPageFactory(
            parent=indexes["news"], title=f"Krimp {number}", themes=[theme]
        )

    assert counted(client, "/nieuws/?thema=krimp") == ("13 resultaten, pagina 1 van 2", True)
    assert counted(client, "/nieuws/?thema=krimp&pagina=2") == (
        "13 resultaten, pagina 2 van 2",
        False,
    )
    assert counted(client, "/nieuws/?pagina=2")[1] is True  # other filters: counted anew

    factories.NewsItemPageFactory(parent=indexes["news"], title="Krimp 13", themes=[theme])
    assert counted(client, "/nieuws/?thema=krimp&pagina=2") == (
        "14 resultaten, pagina 2 van 2",
        True,
    )
