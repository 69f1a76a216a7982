"""The relevance collections judge only pages they contain: a judgment naming a page that is not
there would silently count as a miss and lower the measured score."""

import pytest

from bench.search_relevance.collection import COLLECTIONS, read_jsonl


@pytest.mark.parametrize("name", COLLECTIONS)
def test_every_judgment_names_a_page_of_its_corpus(name):
    folder = COLLECTIONS[name]
    pages = [record["source_url"] for record in read_jsonl("corpus.jsonl", folder)]
    assert len(pages) == len(set(pages))
    for query in read_jsonl("queries.jsonl", folder):
        assert set(query["judgments"]) <= set(pages), query["id"]
        assert 3 in query["judgments"].values(), query["id"]  # something exactly right
