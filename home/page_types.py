"""Which page, of which type, a URL path names: remembered in each process per content version.

Knowing the type lets routing read the page with one query of its own model instead of two (the
page, then its specific type). A publish, move or deletion raises the content version, which
starts the memory afresh.
"""

from django.contrib.contenttypes.models import ContentType

from wagtail.models import Page

from core import content_version

_known = content_version.ProcessMemory(max_entries=10_000)  # far more URLs than pages


def find(root: Page, url_path: str, version: str) -> tuple[type[Page], int] | None:
    """(specific model, id) of the page below `root` with this url_path, or None."""
    paths = _known.for_version(version)
    if url_path not in paths:
        paths[url_path] = _look_up(root, url_path)
    return paths[url_path]


def _look_up(root, url_path):
    row = (
        Page.objects.filter(url_path=url_path)
        .descendant_of(root)
        .values_list("pk", "content_type_id")
        .first()
    )
    if row is None:
        return None
    model = ContentType.objects.get_for_id(row[1]).model_class()
    return (model, row[0]) if model is not None else None
