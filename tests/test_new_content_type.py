"""A new content type is one class and one template.

tests/videos holds a `VideoPage` that no module of the site names. Installing it changes what
every listing of types shows (the feeds' descriptions, the search form), so its checks
(tests/videos/checks.py) run in a process of their own with the app installed, on the same
database engine as this run.
"""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent


def test_a_page_type_added_in_an_app_of_its_own_is_found_everywhere():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test_videos"}
    database = urlsplit(env.get("DATABASE_URL", ""))
    if database.scheme.startswith("postgres"):  # a test database of its own, beside this run's
        env["DATABASE_URL"] = database._replace(path=f"{database.path}_videos").geturl()
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "pytest", "tests/videos/checks.py", "-q", "--no-cov"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "8 passed" in result.stdout, result.stdout[-2000:]
