"""Must-find cases of the relevance collection: the expected page is in the top 3.

Runs on whichever database the suite runs on, so CI checks SQLite and PostgreSQL alike. The full
measurement (nDCG@10, MRR per feature) is bench/search_relevance/evaluate.py.
"""

from wagtail.models import Site

from bench.search_relevance.collection import load_collection, read_jsonl
from core.models import BasePage
from search.service import run_search


def source_url_of(page):
    return page.source_url if isinstance(page, BasePage) else None


def test_must_find_cases(db, tmp_path):
    load_collection(tmp_path)
    site = Site.objects.get(is_default_site=True)
    misses = []
    for case in read_jsonl("must_find.jsonl"):
        outcome = run_search({"q": case["query"]}, site)
        top = [source_url_of(result.page) for result in outcome.results.object_list[:3]]
        if case["expect"] not in top:
            misses.append(
                f"{case['query']!r} ({case['why']}): expected {case['expect']}, got {top}"
            )
    assert misses == []
