"""The search cluster a test run uses: Elasticsearch or OpenSearch when `ELASTICSEARCH_URL` is
set (`make services` starts an OpenSearch node), else none.

Each run, and each worker of a parallel run, gets indexes of its own (config/settings/test.py
gives them a random prefix), created once with the site's analysis and mappings, and deleted at
the end. The database is rolled back after each test, the cluster is not: every document a test
writes is deleted after it, so that the next test does not find pages with ids that the database
hands out again. Documents of data shared by a class's tests (`shared_db`) are deleted after
the class.
"""

from django.conf import settings

from modelsearch.management.commands.rebuild_modelsearch_index import (
    Command as RebuildIndexCommand,
)
from wagtail.search.backends import get_search_backend

from search.fields import uses_database_backend

from .services import missing


class Cluster:
    def __init__(self, backend):
        self.backend = backend
        self.prefix = backend.index_prefix
        self.written = set()  # (index name, document id) since the last `forget_writes()`
        self.shared = set()  # written for data that several tests share (`share_writes()`)
        self.stale = False  # written to since the last refresh

    def create_indexes(self):
        """Every index created, empty, with the site's analysis and mappings, as `update_index`
        does it."""
        command = RebuildIndexCommand()
        command.verbosity = 0
        command.update_backend("default", schema_only=True)

    def track_writes(self, monkeypatch):
        """Remember each document written; refresh the indexes before the next search after a
        write (a cluster shows writes to searches within a second, tests search at once)."""
        index_class, backend_class = self.backend.index_class, type(self.backend)
        add_item, add_items, delete_item = (
            index_class.add_item, index_class.add_items, index_class.delete_item,
        )  # fmt: skip
        search = backend_class._search
        written, cluster = self.written, self

        def document_id(index, item):
            return index.mapping_class(type(item)).get_document_id(item)

        def add_one(index, item):
            add_item(index, item)
            written.add((index.name, document_id(index, item)))
            cluster.stale = True

        def add_many(index, model, items):
            items = list(items)
            add_items(index, model, items)
            written.update((index.name, document_id(index, item)) for item in items)
            cluster.stale = True

        def delete_one(index, item):
            delete_item(index, item)
            cluster.stale = True

        def search_fresh(backend, *args, **kwargs):
            if cluster.stale:
                backend.es.indices.refresh(index=f"{cluster.prefix}*")
                cluster.stale = False
            return search(backend, *args, **kwargs)

        monkeypatch.setattr(index_class, "add_item", add_one)
        monkeypatch.setattr(index_class, "add_items", add_many)
        monkeypatch.setattr(index_class, "delete_item", delete_one)
        monkeypatch.setattr(backend_class, "_search", search_fresh)

    def forget_writes(self):
        """Delete every document written since the last call."""
        self._delete(self.written)

    def share_writes(self):
        """Keep what was written so far (by fixtures shared with later tests) until
        `forget_shared_writes()`."""
        self.shared.update(self.written)
        self.written.clear()

    def forget_shared_writes(self):
        self._delete(self.shared)

    def _delete(self, documents):
        if not documents:
            return
        actions = [
            {"_op_type": "delete", "_index": name, "_id": doc_id} for name, doc_id in documents
        ]
        # Documents already deleted, or in an index that `update_index` replaced, are fine.
        self.backend.bulk(self.backend.es, actions, raise_on_error=False)
        documents.clear()
        self.stale = True

    def drop_indexes(self):
        for name in self.backend.es.indices.get(index=f"{self.prefix}*"):
            self.backend.es.indices.delete(index=name)


def connect():
    """The cluster of this run, checked once, or None when the database searches."""
    if uses_database_backend():
        return None
    urls = ", ".join(settings.WAGTAILSEARCH_BACKENDS["default"]["URLS"])
    backend = get_search_backend()
    try:
        status = backend.es.cluster.health()["status"]
    except Exception as error:  # noqa: BLE001 - any client error means: no usable cluster
        missing(f"the search cluster at {urls} does not answer ({error})")
    if status not in ("green", "yellow"):
        missing(f"the search cluster at {urls} is not ready (health {status})")
    return Cluster(backend)
