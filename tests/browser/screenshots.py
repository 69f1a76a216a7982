"""Screenshots of the main pages with the demo content, at 1280 and 390 px, into docs/screenshots/.

    .venv/bin/python -m tests.browser.screenshots      (or `make screenshots`)

Builds the demo content in a temporary SQLite database (your own database is not touched), serves
it from a thread of this process and photographs the first screen of each page with Chromium
(`make browser` installs it). Each image is the first screen only, at device scale 1, to keep
the files small.
"""

import io
import os
import sys
import tempfile
from pathlib import Path

from . import browser as chromium

OUTPUT = chromium.ROOT / "docs" / "screenshots"
SCREEN_HEIGHTS = {"desktop": 800, "mobile": 844}
# name -> what to open: a path, or a function of the demo pages that returns one.
PAGES = {
    "home": "/",
    "theme": "/themas/krimp/",
    "practice-listing": "practices",
    "practice": "practice",
    "search-results": "/zoeken/?q=samenwerkingsschool",
    "newsletter": "/nieuwsbrief/",
}


def build_demo_site(database):
    """Migrate a new SQLite database and load the demo content into it; returns the paths of
    the good practices' overview and of one good practice."""
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.core.management import call_command

    from publications.models import PracticeIndexPage, PracticePage

    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_demo_content", stdout=io.StringIO())
    practice = PracticePage.objects.live().order_by("path").first()
    return {"practices": PracticeIndexPage.objects.get().url, "practice": practice.url}


def serve():
    """Serve the site, with its static files, from a thread; returns the thread."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.test.testcases import LiveServerThread

    server = LiveServerThread("localhost", static_handler=StaticFilesHandler)
    server.daemon = True
    server.start()
    server.is_ready.wait()
    if server.error:
        raise server.error
    return server


def photograph(base_url, demo_pages):
    from playwright.sync_api import sync_playwright

    OUTPUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium.chromium_path())
        for device, width in chromium.WIDTHS.items():
            context = instance.new_context(
                base_url=base_url,
                viewport={"width": width, "height": SCREEN_HEIGHTS[device]},
                device_scale_factor=1,
                locale="nl-NL",
            )
            tab = context.new_page()
            for name, target in PAGES.items():
                tab.goto(demo_pages.get(target, target))
                path = OUTPUT / f"{name}-{width}.png"
                tab.screenshot(path=path)
                print(f"{path.relative_to(chromium.ROOT)}")
            context.close()
        instance.close()


def main():
    missing = chromium.what_is_missing()
    if missing:
        sys.exit(f"screenshots: {missing}")
    with tempfile.TemporaryDirectory() as folder:
        demo_pages = build_demo_site(Path(folder) / "screenshots.sqlite3")
        server = serve()
        try:
            photograph(f"http://{server.host}:{server.port}", demo_pages)
        finally:
            server.terminate()


if __name__ == "__main__":
    main()
