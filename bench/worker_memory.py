"""Memory of gunicorn workers over many requests: does it stay flat?

    .venv/bin/python -m bench.worker_memory [REQUESTS]     (default 20,000)

Builds the demo site (production settings, SQLite, the file cache) in a scratch folder, starts
gunicorn with 2 sync workers and the page cache off (every request renders, as a visitor with
a session or a new page would), and sends REQUESTS requests from 4 threads over every page in
the sitemap, listings with filters, searches with many different queries, the search API,
feeds and the sitemap itself. Prints the resident memory (RSS) of each worker after every
tenth of the run. Figures go in docs/benchmarks.md.
"""

import http.client
import itertools
import re
import shutil
import sys
import tempfile
import threading
from pathlib import Path

from bench.page_instructions import build
from bench.throughput import free_port, start_gunicorn, wait_for

THREADS = 4
QUERIES = ["krimp", "leerlingendaling", "samenwerking", "lerarentekort", "huisvesting", "po",
           "onderwijsregio", "fusie", "kindcentrum", "spreidingsplan", "vo", "mbo"]  # fmt: skip
LISTING_FILTERS = ["", "?sector=po", "?regio=groningen", "?thema=krimp", "?pagina=2"]


def addresses(site):
    """Every sitemap page with each of the filters, and ever new searches (words, pages)."""
    connection = http.client.HTTPConnection(*site)
    connection.request("GET", "/sitemap.xml", headers={"Host": "localhost"})
    sitemap = connection.getresponse().read().decode()
    pages = [
        re.sub(r"^https?://[^/]+", "", url) for url in re.findall(r"<loc>([^<]+)</loc>", sitemap)
    ]
    pages += ["/feeds/rss/", "/feeds/atom/", "/feeds/agenda.ics", "/sitemap.xml"]
    for number in itertools.count():
        # Listings filter by the query string; other pages ignore it.
        yield (
            pages[number % len(pages)]
            + LISTING_FILTERS[number // len(pages) % len(LISTING_FILTERS)]
        )
        query = f"{QUERIES[number % len(QUERIES)]} {number % 97}"
        yield f"/zoeken/?q={query.replace(' ', '+')}&pagina={1 + number % 3}"
        yield f"/zoeken/api/?q={QUERIES[number % len(QUERIES)]}"


def send(site, queue, lock, failures):
    connection = http.client.HTTPConnection(*site)
    while True:
        with lock:
            address = next(queue, None)
        if address is None:
            return
        connection.request("GET", address, headers={"Host": "localhost"})
        response = connection.getresponse()
        response.read()
        if response.status >= 500:
            failures.append((address, response.status))


def worker_rss(master):
    """Resident memory in MiB of each worker process of the gunicorn `master`."""
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split()
    sizes = []
    for child in children:
        status = Path(f"/proc/{child}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024)
    return sorted(sizes)


def measure(total):
    folder = Path(tempfile.mkdtemp(prefix="kennisplatform-memory-"))
    gunicorn = None
    try:
        build(folder)
        port = free_port()
        gunicorn = start_gunicorn(folder, port, page_cache="off")
        site = ("127.0.0.1", port)
        wait_for(f"http://localhost:{port}/")
        stream = itertools.islice(addresses(site), total)
        lock, failures = threading.Lock(), []
        step = total // 10
        print(f"{'requests':>8}  worker RSS (MiB)")
        print(f"{0:>8}  {[round(size) for size in worker_rss(gunicorn)]}")
        for done in range(step, total + 1, step):
            chunk = itertools.islice(stream, step)
            threads = [threading.Thread(target=send, args=(site, chunk, lock, failures))
                       for _ in range(THREADS)]  # fmt: skip
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            print(f"{done:>8}  {[round(size) for size in worker_rss(gunicorn)]}", flush=True)
        if failures:
            raise SystemExit(f"{len(failures)} requests failed, e.g. {failures[:5]}")
    finally:
        if gunicorn is not None:
            gunicorn.terminate()
            gunicorn.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    measure(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
