"""CPU per page request, counted in instructions with valgrind's callgrind.

An instruction count is the same every run, whatever else the machine does, so it can be compared
across changes and machines with the same interpreter. For each page this script starts Python
twice under callgrind, with production settings on a SQLite copy of the demo site, and lets
Django's test client (in-process, no network) request the page 5 + 25 and 5 + 5 times. The
difference of the two totals, divided by 20, is the cost of one warm request; start-up, imports
and the warm-up requests cancel out.

    .venv/bin/python -m bench.page_instructions [page ...]    # all pages when none is named

Needs valgrind (Debian package `valgrind`). PAGE_CACHE=off is set, so the page cache does not
answer; fragment caches and the rest of the site work as in production without Redis (the file
cache, in the scratch folder).
Figures and the reference (wagtail/bakerydemo, measured the same way) are in docs/benchmarks.md.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WARM_UP = 5
MANY, FEW = 25, 5

# page: (URL or the name of a demo page found at build time, instructions of its counterpart in
# wagtail/bakerydemo in millions, the target in millions: a third of that)
PAGES = {
    "home": ("/", 204, 68),
    "news listing": ("/nieuws/", 137, 45),
    "news item": ("news item", 98, 30),
    "good practice": ("good practice", 77, 30),
    "theme page": ("/themas/krimp/", None, 70),
    "search": ("/zoeken/?q=krimp", 182, 60),
}


def environment(folder):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DATABASE_URL": f"sqlite:///{folder / 'site.sqlite3'}",
        "ALLOW_SQLITE": "1",
        "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghij",
        "ALLOWED_HOSTS": "localhost",
        "BASE_URL": "http://localhost",
        "SECURE_SSL_REDIRECT": "false",
        "MEDIA_ROOT": str(folder / "media"),
        "STATIC_ROOT": str(folder / "static"),
        "REDIS_URL": "",
        "CACHE_DIR": str(folder / "cache"),
        "ELASTICSEARCH_URL": "",
        "PAGE_CACHE": "off",
        "PYTHONPATH": str(ROOT),
    }


def build(folder):
    """The demo site in `folder`, its static files collected; returns the URLs of named pages."""
    env = environment(folder)
    manage = [sys.executable, str(ROOT / "manage.py")]
    commands = (["migrate", "--noinput"], ["load_demo_content"], ["collectstatic", "--noinput"])
    for command in commands:
        subprocess.run([*manage, *command, "-v", "0"], env=env, check=True, cwd=ROOT)  # noqa: S603
    found = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "bench.page_instructions", "--urls"],
        env=env, check=True, cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    return json.loads(found.stdout)


def demo_urls():
    import django

    django.setup()
    from publications.models import NewsItemPage, PracticePage

    return {
        "news item": NewsItemPage.objects.live().order_by("-publication_date").first().url,
        "good practice": PracticePage.objects.live().order_by("-publication_date").first().url,
    }


def serve(url, count):
    """Request `url` WARM_UP + count times; every answer must be a 200."""
    import django

    django.setup()
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    for _ in range(WARM_UP + count):
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")


def instructions(folder, url, count):
    """The instructions of one Python process that serves `url` WARM_UP + count times."""
    valgrind = [shutil.which("valgrind"), "--tool=callgrind",
                f"--callgrind-out-file={folder / f'callgrind-{count}.out'}"]  # fmt: skip
    serve_page = [sys.executable, "-m", "bench.page_instructions", "--serve", url, str(count)]
    result = subprocess.run(  # noqa: S603
        [*valgrind, *serve_page], env=environment(folder), cwd=ROOT, capture_output=True,
        text=True, check=False,
    )  # fmt: skip
    collected = re.search(r"Collected : (\d+)", result.stderr)
    if result.returncode != 0 or collected is None:
        raise SystemExit(f"{url}: {result.stderr[-2000:]}")
    return int(collected.group(1))


def measure(names):
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")
    folder = Path(tempfile.mkdtemp(prefix="kennisplatform-bench-"))
    try:
        urls = build(folder)
        print(f"{'page':<15} {'URL':<55} {'M instr.':>9} {'target':>7} {'bakerydemo':>11}")
        for name in names:
            url, reference, target = PAGES[name]
            url = urls.get(url, url)
            # The two runs count their own process only: they may share the machine's cores.
            with ThreadPoolExecutor(max_workers=2) as pool:
                many, few = (pool.submit(instructions, folder, url, count) for count in (MANY, FEW))
            per_request = (many.result() - few.result()) / (MANY - FEW)
            ratio = f"{per_request / 1e6 / reference:.2f}×" if reference else "—"
            print(
                f"{name:<15} {url:<55} {per_request / 1e6:>9.1f} {target:>7} "
                f"{reference or '—':>5} {ratio:>5}",
                flush=True,
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if arguments[:1] == ["--urls"]:
        print(json.dumps(demo_urls()))
    elif arguments[:1] == ["--serve"]:
        serve(arguments[1], int(arguments[2]))
    else:
        unknown = [name for name in arguments if name not in PAGES]
        if unknown:
            raise SystemExit(f"Unknown page(s): {', '.join(unknown)}; choose from {list(PAGES)}")
        measure(arguments or list(PAGES))
