"""Import a large generated JSON Lines file and report speed and peak memory.

    .venv/bin/python bench/import_10k.py [LINES]     (default 10,000)

Runs against a fresh SQLite database in a temporary folder (or DATABASE_URL when set: use an
empty database), so it never touches your own data.
"""

import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.fresh_site import setup_fresh_database  # noqa: E402

THEMES = ["Krimp", "Onderwijsregio's", "Lerarentekort", "Huisvesting", "Kansengelijkheid"]
REGIONS = ["Groningen", "Friesland", "Drenthe", "Overijssel", "Gelderland", "Utrecht", "Limburg"]
SECTORS = ["PO", "VO", "MBO", "(V)SO", "HO"]
PARAGRAPH = (
    "Het aantal leerlingen daalt in deze regio de komende jaren verder. Besturen, gemeenten en "
    "kinderopvang bespreken samen welke scholen open blijven en hoe het aanbod dichtbij blijft."
)


def lines(count):
    for theme in THEMES:
        yield {"kind": "theme", "title": theme, "intro": f"Alles over {theme.lower()}.",
               "source_url": f"bench:theme/{theme}"}  # fmt: skip
    for number in range(count - len(THEMES)):
        yield {
            "kind": "news",
            "title": f"Bericht {number}: samenwerking in de regio",
            "date": f"20{20 + number % 7}-{1 + number % 12:02}-{1 + number % 28:02}",
            "intro": "Een kort bericht over regionale samenwerking bij dalende aantallen.",
            "body": f"<h2>Achtergrond</h2><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p>",
            "themes": [THEMES[number % 5], THEMES[(number + 2) % 5]],
            "sectors": [SECTORS[number % 5]],
            "regions": [REGIONS[number % 7]],
            "tags": [f"tag{number % 50}"],
            "source_url": f"bench:news/{number}",
        }


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    folder = setup_fresh_database()
    from django.core.management.base import OutputWrapper

    from importer.management.commands.import_content import import_file
    from importer.site import ensure_site_structure

    ensure_site_structure()
    path = folder / "bench.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for record in lines(count):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started, cpu_started = time.monotonic(), time.process_time()
    counts = import_file(path, OutputWrapper(sys.stdout), OutputWrapper(sys.stderr))
    elapsed, cpu = time.monotonic() - started, time.process_time() - cpu_started
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"lines: {count}, seconds: {elapsed:.0f}, lines/s: {count / elapsed:.1f}")
    # On a shared machine the wall-clock rate depends on the other jobs; the CPU time does not.
    print(f"CPU seconds: {cpu:.0f}, lines per CPU second: {count / cpu:.1f}")
    print(f"peak RSS before import: {rss_before / 1024:.0f} MiB, after: {rss_after / 1024:.0f} MiB")
    assert counts["failed"] == 0


if __name__ == "__main__":
    main()
