import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

application = get_wsgi_application()

from core import warm_up  # noqa: E402 - needs the apps loaded

warm_up.start()

# What is loaded by now (Django, Wagtail, the site's code: about 230,000 objects) lives as long
# as the process. Frozen, the cycle collector no longer walks it on each full collection: that
# walk was a pause of 50-130 ms on a random request (docs/benchmarks.md).
gc.collect()
gc.freeze()
