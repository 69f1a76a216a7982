"""The site at 100,000 pages: index build, page and search times, queries, the admin explorer.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/kp100k   # built by bench/generate_site
    .venv/bin/python -m bench.site_100k index     # update_index: time, index and table sizes
                                                  # (--index-only: keep the vocabulary)
    .venv/bin/python -m bench.site_100k pages     # each kind of page, uncached: ms and queries
    .venv/bin/python -m bench.site_100k search    # 20 typical queries with facets: ms, queries
    .venv/bin/python -m bench.site_100k admin     # the explorer of the news index (60,000 pages)

With ELASTICSEARCH_URL=http://127.0.0.1:9200 ELASTICSEARCH_BACKEND=opensearch3 the index and
the searches are on OpenSearch (indexes prefixed `kp100k_`); without, on PostgreSQL's own
full-text search. `pages` and `search` against a small site (the demo content in another
database) give the query counts to compare with.

Production settings, with PAGE_CACHE=off (no page is served from the page cache) and the
cache in Redis (REDIS_URL, by default redis://127.0.0.1:6379/7, keys prefixed `kp100k`). Each
kind of page is measured two ways (`timed_requests`): "cold" is a request with nothing cached,
the content version raised before every request (core.content_version.bump) without a warm-up
(as after a change with WARM_UP=off), so no fragment, no listing's filter choices and no search
result comes from the cache; "new to the cache" is a page whose results are not cached yet
while the site's chrome and the listing's filter choices are. `pages` ends with the first
visitors after a change as a web process makes it: warmed up before it goes live
(`measure_after_publish`). What a process keeps in memory across versions (the search
vocabulary, loaded templates) stays warm, as it does in a running site. Every request is made
with Django's test client in this process.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.generate_site import DEFAULT_MEDIA_ROOT

ROOT = Path(__file__).resolve().parent.parent
# Requests per kind of page (--requests=N to change); the p95 of 40 is the second slowest.
REQUESTS = int(next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--requests=")), 40))

# Typical queries of a board member, some narrowed by a facet as visitors do after a first search.
QUERIES = [
    {"q": "krimp in de regio"},
    {"q": "lerarentekort"},
    {"q": "samenwerking schoolbesturen huisvesting"},
    {"q": "fusie van twee scholen"},
    {"q": "integraal huisvestingsplan"},
    {"q": "zij-instromers werven"},
    {"q": "passend onderwijs"},
    {"q": "leerlingenvervoer"},
    {"q": "invalpool"},
    {"q": "medezeggenschap bij een fusie"},
    {"q": "kansengelijkheid"},
    {"q": "regioplan onderwijsregio"},
    {"q": "startende leraren begeleiden"},
    {"q": "leegstand schoolgebouwen"},
    {"q": "verduurzaming"},
    {"q": "dalende leerlingaantallen", "thema": "krimp"},
    {"q": "samenwerkingsschool", "regio": "groningen"},
    {"q": "kindcentrum", "type": "praktijkvoorbeeld"},
    {"q": "techniek vmbo", "sector": "vo"},
    {"q": "krimp", "jaar": "2024"},
]


def setup_django():
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        raise SystemExit("Set DATABASE_URL to the PostgreSQL database of the generated site.")
    folder = Path(os.environ.get("BENCH_DIR", Path(DEFAULT_MEDIA_ROOT).parent))
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghij",
            "ALLOWED_HOSTS": "localhost",
            "BASE_URL": "http://localhost",
            "SECURE_SSL_REDIRECT": "false",
            "PAGE_CACHE": "off",
            "WARM_UP": "off",  # changes go live at once; measure_after_publish warms up itself
            "STATIC_ROOT": str(folder / "static"),
        }
    )
    os.environ.setdefault("MEDIA_ROOT", DEFAULT_MEDIA_ROOT)
    os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/7")
    os.environ.setdefault("CACHE_KEY_PREFIX", "kp100k")
    os.environ.setdefault("ELASTICSEARCH_INDEX_PREFIX", "kp100k_")
    os.environ.setdefault("ELASTICSEARCH_TIMEOUT", "60")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    from django.core.management import call_command

    import config.wsgi  # noqa: F401 - loads the site as a server process does

    # Every run: files added since the last one (a font, an icon) must be in the manifest.
    call_command("collectstatic", "--noinput", verbosity=0)


def backend_name():
    return (
        os.environ.get("ELASTICSEARCH_BACKEND", "opensearch")
        if os.environ.get("ELASTICSEARCH_URL")
        else "PostgreSQL (database backend)"
    )


def p95(values):
    return (
        statistics.quantiles(values, n=20, method="inclusive")[-1] if len(values) > 1 else values[0]
    )


class Timings:
    """Per request: wall-clock ms, CPU ms of this process (less sensitive to other jobs on a
    shared machine) and ms spent in SQL; and the number of SQL queries of the first request."""

    def __init__(self):
        self.wall, self.cpu, self.sql, self.queries = [], [], [], None

    def add(self, wall, cpu, captured):
        self.wall.append(wall)
        self.cpu.append(cpu)
        self.sql.append(sum(float(query["time"]) for query in captured) * 1000)
        self.queries = len(captured) if self.queries is None else self.queries

    def columns(self):
        median = statistics.median
        return (
            f"{median(self.wall):6.1f} {p95(self.wall):6.1f} {median(self.cpu):6.1f} "
            f"{median(self.sql):6.1f} {self.queries:>4}"
        )


def timed_requests(client, urls, cold=True, rounds=1, warm_up="/"):
    """Timings of requests for `urls`. Cold: the content version is raised before every request
    (nothing comes from the cache), cycling through `urls` REQUESTS times. Otherwise, per round,
    the version is raised and `warm_up` requested (not counted: it caches the site's chrome and
    a listing's filter choices), then every URL is requested once: each is new to the cache."""
    from core import content_version

    if cold:
        plan = [(True, urls[number % len(urls)]) for number in range(REQUESTS)]
    else:
        plan = [(False, url) for _ in range(rounds) for url in [None, *urls]]
    timings = Timings()
    for bump, url in plan:
        if bump or url is None:
            content_version.bump()
        if url is None:
            client.get(warm_up)
            continue
        timed_get(client, url, timings)
    return timings


def timed_get(client, url, timings):
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    reset_queries()
    with CaptureQueriesContext(connection) as captured:
        started, cpu_started = time.perf_counter(), time.process_time()
        response = client.get(url)
        wall = (time.perf_counter() - started) * 1000
        cpu = (time.process_time() - cpu_started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    timings.add(wall, cpu, captured)


def report(name, urls, target=None, rounds=1, cold_only=False, warm_up="/"):
    """One line per kind of page: cold, then new to the cache (the chrome cached)."""
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    cold = timed_requests(client, urls, cold=True)
    fresh = cold if cold_only else timed_requests(client, urls, False, rounds, warm_up)
    print(
        f"{name[:38]:<38} {urls[0][:30]:<30} {cold.columns()} {fresh.columns()} {target or '':>6}",
        flush=True,
    )
    return cold, fresh


COLUMNS = f"{'p50':>6} {'p95':>6} {'CPU':>6} {'SQL ms':>6} {'SQL':>4}"  # Timings.columns()


def header():
    print(
        f"{'':<38} {'':<30} {'cold (nothing cached)':<34} {'new to the cache':<34}\n"
        f"{'page':<38} {'URL (first of several)':<30} {COLUMNS} {COLUMNS} {'target':>6}"
    )


def sample_urls(model, count=REQUESTS):
    """URLs of `count` pages of a type, spread over all of them (the newest and the oldest)."""
    ids = list(model.objects.live().order_by("pk").values_list("pk", flat=True))
    step = max(len(ids) // count, 1)
    chosen = ids[::step][:count]
    return [page.url for page in model.objects.filter(pk__in=chosen).order_by("pk")]


def listing_urls(path, years):
    """URLs of an overview: without filters, with one, two and three filters, far back; each
    kind REQUESTS different ones (as many as the site's values allow)."""
    from itertools import islice, product

    from taxonomy.models import Region, Sector
    from themes.models import ThemePage

    themes = list(ThemePage.objects.live().order_by("path").values_list("slug", flat=True))
    sectors = list(Sector.objects.values_list("slug", flat=True))
    regions = list(Region.objects.values_list("slug", flat=True))
    years = years or [2024]

    def first(combinations):
        return [f"{path}?{query}" for query in islice(combinations, REQUESTS)]

    return {
        "without filters (pages 1-40)": [path] + first(f"pagina={n}" for n in range(2, 41)),
        "one filter": first(
            [f"thema={t}" for t in themes] + [f"sector={s}" for s in sectors]
            + [f"regio={r}" for r in regions]
        ),
        "two filters (theme, region)": first(
            f"thema={t}&regio={r}" for r, t in product(regions, themes)
        ),
        "three filters (sector, region, year)": first(
            f"sector={s}&regio={r}&jaar={y}"
            for y, s, r in product(reversed(years), sectors, regions)
        ),
        "far back (pages 100-139)": first(f"pagina={n}" for n in range(100, 140)),
    }  # fmt: skip


def measure_pages():
    from agenda.models import EventIndexPage, EventPage
    from home.models import HomePage
    from publications.models import (
        NewsIndexPage,
        NewsItemPage,
        PracticeIndexPage,
        PracticePage,
        PublicationIndexPage,
        PublicationPage,
    )
    from themes.models import ThemeIndexPage, ThemePage

    header()
    listings = {}
    for index_model, item_model in (
        (NewsIndexPage, NewsItemPage),
        (PublicationIndexPage, PublicationPage),
        (PracticeIndexPage, PracticePage),
        (EventIndexPage, EventPage),
    ):
        index = index_model.objects.get()
        years = [day.year for day in item_model.objects.dates(item_model.date_field, "year")]
        last_page = f"{index.url}?pagina=999999"  # its own results; the filter choices
        for variant, urls in listing_urls(index.url, years).items():
            report(f"{index.title}: {variant}", urls, 50, warm_up=last_page)
            listings[f"{index.title}: {variant}"] = urls
        if index_model is EventIndexPage:
            archive = [f"{index.url}?periode=afgelopen&pagina={n}" for n in range(1, 41)]
            report(f"{index.title}: archive", archive, 50, warm_up=f"{archive[0]}9999")
        report(f"{item_model._meta.verbose_name} (40 pages)", sample_urls(item_model))
    themes = [page.url for page in ThemePage.objects.live().order_by("path")]
    report("theme page (every theme)", themes, 80, rounds=max(1, REQUESTS // len(themes)))
    report("theme overview", [ThemeIndexPage.objects.get().url], cold_only=True)
    report("home page", [HomePage.objects.get().url], cold_only=True)
    measure_after_publish(listings, themes, HomePage.objects.get().url)


def measure_after_publish(listings, themes, home):
    """The first visitors after a change made in a web process, which goes live once the home
    page and the main navigation's pages are warm (core.warm_up): per round, the warm-up's own
    step (timed: how long a change takes to go live, after warm_up.DELAY), then one URL of each
    kind, each requested for the first time in it."""
    from urllib.parse import urlencode

    from django.test import Client
    from django.urls import reverse

    from core import warm_up

    search = [f"{reverse('search:search')}?{urlencode(params)}" for params in QUERIES]
    kinds = dict(listings)
    kinds.update({"theme page (every theme)": themes, "home page": [home], "search": search})
    client = Client(HTTP_HOST="localhost")
    to_live, timings = [], {name: Timings() for name in kinds}
    for round_number in range(REQUESTS):
        started = time.perf_counter()
        warm_up.warm_up_then_go_live()  # what the web process's thread does after its DELAY
        to_live.append((time.perf_counter() - started) * 1000)
        for name, urls in kinds.items():
            timed_get(client, urls[round_number % len(urls)], timings[name])
    print(
        "\nAfter a change made in a web process (warmed up before it goes live): the change "
        f"went live {statistics.median(to_live):.0f} ms (p95 {p95(to_live):.0f}) after "
        f"warm_up.DELAY; then per kind of page"
    )
    print(f"{'page':<38} {COLUMNS}")
    for name, timing in timings.items():
        print(f"{name[:38]:<38} {timing.columns()}", flush=True)


def measure_search():
    from urllib.parse import urlencode

    from django.core.cache import cache
    from django.test import Client
    from django.urls import reverse

    from search.fallback import DOWN_KEY, cluster_down

    print(f"Search on {backend_name()}")
    search_url = reverse("search:search")
    urls = [f"{search_url}?{urlencode(params)}" for params in QUERIES]
    cache.delete(DOWN_KEY)  # a failure of an earlier run: try the cluster again
    Client(HTTP_HOST="localhost").get(urls[0])  # loads the vocabulary, as a running site has it
    if cluster_down():  # the site answered from the database index: not what is measured here
        raise SystemExit("The search cluster failed (above); is its index built (`index`)?")
    header()
    cold, fresh = Timings(), Timings()
    for url in urls:
        one_cold, one_fresh = report(
            url.split("?", 1)[1][:38], [url], 150, rounds=max(1, REQUESTS // 4)
        )
        for total, one in ((cold, one_cold), (fresh, one_fresh)):
            total.wall += one.wall
            total.cpu += one.cpu
            total.sql += one.sql
            total.queries = max(total.queries or 0, one.queries)
    report_line = f"{'all 20 queries (SQL: the most)':<38} {'':<30}"
    print(f"{report_line} {cold.columns()} {fresh.columns()} {150:>6}")


def measure_admin():
    from django.contrib.auth import get_user_model
    from django.test import Client

    from publications.models import NewsIndexPage

    user, _ = get_user_model().objects.get_or_create(
        username="bench-100k", defaults={"is_superuser": True, "is_staff": True}
    )
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    index = NewsIndexPage.objects.get()
    explorer = f"/admin/pages/{index.pk}/"
    print(f"The explorer of the news index ({index.get_children_count()} children), ms per request")
    print(f"{'view':<34} {'URL':<30} {'p50':>6} {'p95':>6} {'CPU':>6} {'SQL ms':>6} {'SQL':>4}")
    for name, url in (
        ("explorer, first page", explorer),
        ("explorer, page 600", f"{explorer}?p=600"),
        ("explorer, ordered by title", f"{explorer}?ordering=title"),
        ("explorer, search 'krimp'", f"{explorer}?q=krimp"),
        ("explorer, filtered: live", f"{explorer}?live=true"),
    ):
        timings = timed_requests(client, [url], cold=False, rounds=10)
        print(f"{name:<34} {url:<30} {timings.columns()} {1000:>6}", flush=True)


def measure_index():
    """`update_index` in its two parts, timed apart: the site vocabulary (search/vocabulary.py,
    read from the database whatever the backend) and the backend's index. With --index-only the
    vocabulary is left as it is (measured already on this database)."""
    from django.core.management import call_command
    from django.db import connection

    from modelsearch.management.commands.rebuild_modelsearch_index import (
        Command as RebuildIndex,
    )

    from core import content_version
    from search import vocabulary
    from search.management.commands.update_index import vacuum_search_tables

    print(f"update_index on {backend_name()}")
    if "--index-only" not in sys.argv:
        started = time.perf_counter()
        words = vocabulary.rebuild()
        print(f"vocabulary: {words} words, {time.perf_counter() - started:.0f} s", flush=True)
    with tempfile.TemporaryFile(mode="w+") as output:
        started = time.perf_counter()
        # The command update_index extends: the backend's index, without the vocabulary.
        call_command(RebuildIndex(), "--backend", "default", stdout=output)
        elapsed = time.perf_counter() - started
        output.seek(0)
        print(output.read().strip())
    content_version.bump()
    print(f"index: {elapsed:.0f} s")
    if connection.vendor == "postgresql" and not os.environ.get("ELASTICSEARCH_URL"):
        started = time.perf_counter()
        vacuum_search_tables()  # as update_index does after a rebuild
        print(f"vacuum: {time.perf_counter() - started:.0f} s")
    with connection.cursor() as cursor:
        for table in ("wagtailsearch_indexentry", "search_searchterm", "search_documenttext"):
            count = f"SELECT count(*) FROM {connection.ops.quote_name(table)}"  # noqa: S608
            cursor.execute(f"SELECT pg_size_pretty(pg_total_relation_size(%s)), ({count})", [table])
            size, rows = cursor.fetchone()
            print(f"{table}: {size} ({rows} rows, with its indexes)")
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        print(f"database: {cursor.fetchone()[0]}")
    if os.environ.get("ELASTICSEARCH_URL"):
        import urllib.request

        prefix = os.environ["ELASTICSEARCH_INDEX_PREFIX"]
        url = f"{os.environ['ELASTICSEARCH_URL']}/_cat/indices/{prefix}*?v&s=index"
        with urllib.request.urlopen(url) as response:  # noqa: S310 - the configured cluster
            print(response.read().decode())


STEPS = {"index": measure_index, "pages": measure_pages, "search": measure_search,
         "admin": measure_admin}  # fmt: skip


def main():
    steps = [arg for arg in sys.argv[1:] if not arg.startswith("--")] or [
        "pages",
        "search",
        "admin",
    ]
    unknown = [step for step in steps if step not in STEPS]
    if unknown:
        raise SystemExit(f"Unknown step(s) {unknown}; choose from {list(STEPS)}")
    setup_django()
    for step in steps:
        STEPS[step]()


if __name__ == "__main__":
    main()
