"""The facet index counts every combination of filters as counting the pages one by one would."""

import itertools
import random
import struct

from taxonomy.facets import FacetIndex, as_bits, ids_of

FILTERS = {"thema": ["krimp", "personeel", "huisvesting"], "regio": ["groningen", "drenthe"]}


def generated_pages(seed):
    """{page id: {filter: set of values}}, some pages without a region, some with two themes."""
    chance = random.Random(seed)
    return {
        page_id: {
            "thema": set(chance.sample(FILTERS["thema"], chance.randint(1, 2))),
            "regio": set(chance.sample(FILTERS["regio"], chance.randint(0, 1))),
        }
        for page_id in chance.sample(range(1, 500), 60)
    }


def counted_one_by_one(pages, filters):
    return {
        name: {
            value: number
            for value in FILTERS[name]
            if (
                number := sum(
                    value in values[name]
                    and all(chosen in values[key] for key, chosen in filters.items() if key != name)
                    for values in pages.values()
                )
            )
        }
        for name in FILTERS
    }


def bits(*ids):
    return as_bits(",".join(map(str, ids)))


def test_every_combination_counts_as_one_by_one():
    pages = generated_pages(seed=11)
    index = FacetIndex(
        {
            name: {
                value: bits(*(page_id for page_id in pages if value in pages[page_id][name]))
                for value in FILTERS[name]
            }
            for name in FILTERS
        }
    )
    combinations = [{}]
    for theme, region in itertools.product([None, *FILTERS["thema"]], [None, *FILTERS["regio"]]):
        chosen = {"thema": theme, "regio": region}
        combinations.append({key: value for key, value in chosen.items() if value})
    for filters in combinations:
        assert index.counts(filters) == counted_one_by_one(pages, filters), filters
        listed = [
            page_id
            for page_id, values in sorted(pages.items())
            if all(value in values[name] for name, value in filters.items())
        ]
        assert ids_of(index.listed(filters) & bits(*pages)) == listed, filters


def test_a_value_no_page_has_counts_nothing():
    index = FacetIndex({"thema": {"krimp": bits(3, 4)}, "jaar": {"2026": bits(3), "2025": 0}})
    assert index.counts({}) == {"thema": {"krimp": 2}, "jaar": {"2026": 1}}
    assert index.counts({"thema": "onbekend"}) == {"thema": {"krimp": 2}, "jaar": {}}
    assert index.counts({"jaar": 2026}) == {"thema": {"krimp": 1}, "jaar": {"2026": 1}}


def test_ids_become_bits():
    assert as_bits("") == 0
    assert as_bits(None) == 0  # a group without ids
    assert as_bits("0,9,9") == 0b1000000001
    # PostgreSQL sends them as four-byte integers in network byte order
    assert as_bits(struct.pack(">3i", 0, 9, 9)) == 0b1000000001
    assert as_bits(struct.pack(">i", 70_000)) == 1 << 70_000


def test_bits_become_ids_again():
    assert ids_of(0) == []
    assert ids_of(as_bits("0,9,70000")) == [0, 9, 70_000]
