"""Chromium and axe-core for the browser tests: where they are, and how a page is checked.

Playwright's own browser download is not used: `make browser` (deploy/browser) installs
Debian's Chromium and unpacks axe-core into var/axe-core/. Set CHROMIUM to use another build.
"""

import os
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = ROOT / "var" / "axe-core" / "axe.min.js"
# The binary itself: /usr/bin/chromium is Debian's shell wrapper around it.
CHROMIUM_CANDIDATES = ("/usr/lib/chromium/chromium", "/usr/bin/chromium")
INSTALL_HINT = "run `make browser` (as root for Chromium; docs/development.md)"
# The WCAG 2.0 and 2.1 success criteria of levels A and AA.
WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = {"mobile": 390, "desktop": 1280}
HEIGHT = 900


def chromium_path():
    """The Chromium binary to drive, or None when there is none."""
    for candidate in (os.environ.get("CHROMIUM"), *CHROMIUM_CANDIDATES, shutil.which("chromium")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def what_is_missing():
    """Why the browser tests cannot run here, or None when they can."""
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "Playwright is not installed (make test installs requirements-dev.txt)"
    if not chromium_path():
        return f"Chromium is not installed; {INSTALL_HINT}"
    if not AXE_SCRIPT.is_file():
        return f"axe-core is missing ({AXE_SCRIPT.relative_to(ROOT)}); {INSTALL_HINT}"
    return None


def axe_violations(page):
    """The WCAG 2.1 A/AA violations axe-core finds in the page, as readable lines."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_SCRIPT))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: "
        "['violations']})",
        WCAG_AA_TAGS,
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in result["violations"]
    ]


def sideways_scroll(page):
    """How many pixels the page is wider than the window (0: no sideways scrolling)."""
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
