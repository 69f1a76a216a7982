"""Measure search relevance on the Dutch test collection: nDCG@10, MRR and zero-result rate.

    .venv/bin/python bench/search_relevance/evaluate.py            # SQLite, in a temporary folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/relevance \\
        .venv/bin/python bench/search_relevance/evaluate.py        # an empty PostgreSQL database
    ELASTICSEARCH_URL=http://127.0.0.1:9200 ELASTICSEARCH_BACKEND=opensearch3 \\
        .venv/bin/python bench/search_relevance/evaluate.py        # on a cluster (make services)

    .venv/bin/python bench/search_relevance/evaluate.py --collection=heldout
                                    # the held-out collection (bench/search_heldout) instead
    .venv/bin/python bench/search_relevance/evaluate.py --collection=dev2
                                    # the second development collection (bench/search_dev2)
    .venv/bin/python bench/search_relevance/evaluate.py --only="all features,without proximity"
                                    # some of the configurations below, not all of them
    .venv/bin/python bench/search_relevance/evaluate.py --per-query
                                    # each query's nDCG@10 too (not on the held-out collection)

Each configuration switches Dutch features off (settings.SEARCH_DUTCH_FEATURES), rebuilds the
index and runs every query of queries.jsonl through the site's own search (search.service).
"""

import os
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

# What each configuration switches off of settings.SEARCH_DUTCH_FEATURES (None: all of it).
CONFIGURATIONS = {
    "all features": set(),
    "without stemming (and lemmas)": {"stemming"},
    "without lemmas": {"lemmas"},
    "without verbal nouns": {"verbal nouns"},
    "without compounds": {"compounds"},
    "without synonyms": {"synonyms"},
    "without typo correction": {"typos"},
    "without proximity": {"proximity"},
    "without separable verbs": {"separable verbs"},
    "none (plain words)": None,
}


def chosen_collection():
    name = next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--collection=")), "")
    return name or "development"


def chosen_configurations():
    names = next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--only=")), "")
    if not names:
        return CONFIGURATIONS
    chosen = [name.strip() for name in names.split(",")]
    if unknown := [name for name in chosen if name not in CONFIGURATIONS]:
        sys.exit(f"Unknown configuration {unknown[0]!r}; choose from {', '.join(CONFIGURATIONS)}.")
    return {name: CONFIGURATIONS[name] for name in chosen}


def main():
    collection = chosen_collection()
    configurations = chosen_configurations()
    folder = Path(tempfile.mkdtemp(prefix="kennisplatform-relevance-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder / 'relevance.sqlite3'}")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import override_settings

    from wagtail.models import Page, Site

    from bench.search_relevance.collection import (
        COLLECTIONS,
        load_collection,
        ndcg_at,
        read_jsonl,
        reciprocal_rank,
    )
    from search.service import run_search

    if collection not in COLLECTIONS:
        sys.exit(f"Unknown collection {collection!r}; choose one of {', '.join(COLLECTIONS)}.")
    if collection == "heldout" and "--per-query" in sys.argv:
        sys.exit("The held-out collection is measured as a whole, never per query.")
    source = COLLECTIONS[collection]
    call_command("migrate", verbosity=0)
    if Page.objects.filter(depth__gt=2).count() > 2:
        sys.exit("The database is not empty: point DATABASE_URL at an empty database.")
    pdfs = folder / "pdfs"
    pdfs.mkdir()
    load_collection(pdfs, source)
    site = Site.objects.get(is_default_site=True)
    source_urls = {}
    for model in {type(page) for page in Page.objects.specific()}:
        if hasattr(model, "source_url"):
            source_urls.update(model.objects.values_list("pk", "source_url"))
    queries = read_jsonl("queries.jsonl", source)
    search_backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"].rsplit(".", 1)[-1]
    print(
        f"collection: {collection}, database: {connection.vendor}, search: {search_backend}, "
        f"{len(source_urls)} pages, {len(queries)} queries\n"
    )
    print("| configuration | nDCG@10 | MRR | zero results |")
    print("| --- | --- | --- | --- |")
    per_category, per_query = {}, defaultdict(dict)
    for name, switched_off in configurations.items():
        features = set() if switched_off is None else settings.SEARCH_DUTCH_FEATURES - switched_off
        with override_settings(SEARCH_DUTCH_FEATURES=features):
            cache.clear()
            call_command("update_index", verbosity=0)
            scores, by_category = defaultdict(list), defaultdict(list)
            for item in queries:
                outcome = run_search({"q": item["query"]}, site, page_number=1)
                results = outcome.results.object_list if outcome.results is not None else []
                ranked = [source_urls.get(result.page.pk) for result in results]
                ndcg = ndcg_at(ranked, item["judgments"])
                scores["ndcg"].append(ndcg)
                scores["mrr"].append(reciprocal_rank(ranked, item["judgments"]))
                scores["zero"].append(outcome.total == 0)
                by_category[item["category"]].append(ndcg)
                per_query[item["id"], item["query"]][name] = ndcg
        mean = {key: sum(values) / len(values) for key, values in scores.items()}
        print(f"| {name} | {mean['ndcg']:.3f} | {mean['mrr']:.3f} | {mean['zero']:.1%} |")
        per_category[name] = by_category
    names = list(configurations)
    print("\nnDCG@10 per category:\n")
    print(f"| category | queries | {' | '.join(names)} |")
    print(f"| --- | --- |{' --- |' * len(names)}")
    for category, values in sorted(per_category[names[0]].items()):
        means = [per_category[name][category] for name in names]
        cells = " | ".join(f"{sum(v) / len(v):.3f}" for v in means)
        print(f"| {category} | {len(values)} | {cells} |")
    if "--per-query" in sys.argv:
        print("\nnDCG@10 per query:\n")
        for (query_id, text), by_name in per_query.items():
            cells = " ".join(f"{by_name[name]:.3f}" for name in names)
            print(f"{query_id} {cells} {text}")


if __name__ == "__main__":
    main()
