"""Send digests to many subscribers through a real (local) SMTP server; report speed and memory.

    .venv/bin/python bench/send_newsletter.py [SUBSCRIBERS]     (default 5,000)

Builds a fresh SQLite database in a temporary folder (or uses DATABASE_URL when set: use an
empty database) with 4 themes, 40 pages published today and SUBSCRIBERS confirmed subscribers
following one or two themes (every tenth follows everything), then runs `send_newsletter` once
against an aiosmtpd server in the same process, which counts the messages it receives. Needs the
development requirements (aiosmtpd).
"""

import logging
import resource
import socket
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.fresh_site import setup_fresh_database  # noqa: E402

THEMES = ["Krimp", "Onderwijsregio's", "Lerarentekort", "Huisvesting"]
PAGES = 40


class CountingHandler:
    def __init__(self):
        self.messages = 0
        self.bytes = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        self.messages += 1
        self.bytes += len(envelope.content)
        return "250 OK"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build_site(count):
    import datetime

    from django.utils import timezone

    from importer.site import ensure_site_structure
    from newsletter.models import Subscriber
    from publications.models import NewsIndexPage, NewsItemPage
    from themes.models import ThemeIndexPage, ThemePage

    home = ensure_site_structure()
    theme_index = ThemeIndexPage.objects.child_of(home).get()
    news_index = NewsIndexPage.objects.child_of(home).get()
    themes = []
    for title in THEMES:
        theme = theme_index.add_child(instance=ThemePage(title=title, intro=f"Over {title}."))
        theme.save_revision().publish()
        themes.append(theme)
    for number in range(PAGES):
        page = news_index.add_child(
            instance=NewsItemPage(
                title=f"Bericht {number} over samenwerking in de regio",
                intro="Besturen maken samen afspraken over het aanbod bij dalende aantallen.",
            )
        )
        page.themes.set([themes[number % 4]])
        page.save_revision().publish()
    yesterday = timezone.now() - datetime.timedelta(days=1)
    Subscriber.objects.bulk_create(
        Subscriber(
            email=f"lid{number}@voorbeeld.nl",
            status=Subscriber.Status.CONFIRMED,
            all_themes=number % 10 == 0,
            confirmed_at=yesterday,
            consent_version="2026-11",
            consent_method="form",
        )
        for number in range(count)
    )
    through = Subscriber.themes.through
    through.objects.bulk_create(
        through(subscriber_id=subscriber_id, themepage_id=themes[(index + offset) % 4].pk)
        for index, subscriber_id in enumerate(Subscriber.objects.values_list("pk", flat=True))
        for offset in range(1 + index % 2)
    )


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5_000
    setup_fresh_database()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from aiosmtpd.controller import Controller

    build_site(count)

    logging.getLogger("mail.log").setLevel(logging.ERROR)  # aiosmtpd's per-connection notes
    handler = CountingHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False

    queries = 0

    def count_queries(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    started = time.monotonic()
    try:
        with connection.execute_wrapper(count_queries):
            call_command("send_newsletter", verbosity=0)
    finally:
        controller.stop()
    elapsed = time.monotonic() - started
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024

    print(f"subscribers: {count}, pages: {PAGES}")
    print(f"e-mails received by the SMTP server: {handler.messages}")
    print(f"average e-mail size: {handler.bytes / max(handler.messages, 1) / 1024:.1f} KiB")
    print(f"time: {elapsed:.1f} s ({handler.messages / elapsed:.0f} e-mails/s)")
    print(f"queries: {queries} ({queries / max(handler.messages, 1):.1f} per e-mail)")
    print(f"peak memory (max RSS): {rss_before} MiB before sending, {rss_after} MiB after")


if __name__ == "__main__":
    main()
