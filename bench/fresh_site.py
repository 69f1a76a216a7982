"""A throwaway Django setup for the benchmarks: never touches the developer's own data."""

import os
import tempfile
from pathlib import Path


def setup_fresh_database():
    """Point Django at a new SQLite file in a temporary folder (unless DATABASE_URL is set: use
    an empty database then), set it up and migrate it; returns the folder."""
    folder = Path(tempfile.mkdtemp(prefix="kennisplatform-bench-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder / 'bench.sqlite3'}")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    os.environ["DEBUG"] = "false"
    os.environ["MEDIA_ROOT"] = str(folder / "media")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return folder
