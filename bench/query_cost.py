"""What one search costs, for typical queries and for the most expensive ones a visitor can type.

Loads the demo content into a throwaway database, then runs each query through the search page's
code (`run_search`) many times, interleaved so that machine noise hits every query alike, and
reports per query: SQL statements, SQL text sent, and the median time as a ratio to the typical
queries' median. Run: .venv/bin/python -m bench.query_cost [rounds]
"""

import statistics
import sys
import time

from bench.fresh_site import setup_fresh_database

TYPICAL = [
    "krimp in de regio",
    "samenwerking schoolbesturen huisvesting",
    "lerarentekort",
    "fusie van twee scholen",
]
WORST = {
    "one synonym 50 times": " ".join(["krimp"] * 50),
    "synonyms, up to 200 characters": (
        "krimp po vo mbo ho vso swv ihp mr gmr lerarentekort ikc fusie zij-instromer "
        "leerlingendaling basisonderwijs samenwerkingsverband kindcentrum samengaan "
        "huisvestingsplan personeelstekort"
    ),
    "typos, up to 200 characters": (
        "krimpp samenwerkng schoolbesturn huisvestng lerarentekrt onderwijsregoi "
        "leerlingendalng spreidingsplann medezeggenschp kindcentrm fusei bestuurlijk "
        "regionaal plann"
    ),
    "unknown words, up to 200 characters": (
        "qwertyuiopas zxcvbnmlkjhg poiuytrewqas mnbvcxzlkjhg asdfghjklqwe yuiopasdfghj "
        "ghjklzxcvbnm qazwsxedcrfv tgbyhnujmikl olpikujyhtgr fvcdxsewaqzx rfvtgbyhnujm "
        "ujmyhntgbrfv edcrfvtgbyhn"
    ),
}


def measure(rounds):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from search.service import run_search

    queries = {**{f"typical: {q}": q for q in TYPICAL}, **WORST}
    times = {name: [] for name in queries}
    sql = {}
    for _ in range(rounds):
        for name, text in queries.items():
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                run_search({"q": text}, None)
                times[name].append(time.perf_counter() - started)
            sql[name] = (len(captured), sum(len(q["sql"]) for q in captured))
    typical = statistics.median(
        t for name in queries if name.startswith("typical") for t in times[name]
    )
    print(f"{'query':42} {'SQL stmts':>9} {'SQL kB':>8} {'ms':>7} {'× typical':>9}")
    for name in queries:
        median = statistics.median(times[name])
        count, size = sql[name]
        ratio = median / typical
        print(f"{name[:42]:42} {count:9} {size / 1024:8.1f} {median * 1000:7.1f} {ratio:9.2f}")


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    setup_fresh_database()
    from django.core.management import call_command

    call_command("load_demo_content", verbosity=0)
    measure(rounds)


if __name__ == "__main__":
    main()
