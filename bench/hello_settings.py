"""Production settings plus a plain "hello" view at /hello/, the yardstick of bench/throughput.py:
what Django with the site's middleware serves per second when a view does nothing."""

from config.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.hello_urls"
