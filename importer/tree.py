"""Adding many new pages to the page tree at once, for the importer and the benchmark site.

Wagtail adds a page with treebeard's `add_child()`: it reads the parent's last child, saves the
page (validation, url path, each relation written and read back) and raises the parent's count
of children, some 40 queries per page. For pages appended below a parent in one go the tree
paths can be computed in Python and the rows inserted in bulk, a few queries per model and
relation for all of them.

Neither function calls a page's `save()` or sends `pre_save`/`post_save`: whoever uses them does
what those would (validation, indexing, what a model's own `save()` computes).
"""

from django.db import connection
from django.db.models import F

from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from wagtail.models import Page


def append_children(parent: Page, pages: list[Page]) -> None:
    """Place `pages` below `parent`, after its last child and in their order: tree path, depth
    and url path (from each page's slug); raises the parent's count of children to match."""
    depth = parent.depth + 1
    last_path = (
        Page.objects.filter(path__startswith=parent.path, depth=depth)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    position = Page._str2int(last_path[-Page.steplen :]) if last_path else 0
    for page in pages:
        position += 1
        page.path = Page._get_path(parent.path, depth, position)
        page.depth = depth
        page.url_path = f"{parent.url_path}{page.slug}/"
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))


def insert_pages(pages: list[Page]) -> None:
    """Insert new pages of one model, placed by `append_children()`, and their relations as
    they are in memory (child objects and parental many-to-many values); sets their ids."""
    model = type(pages[0])
    if model._meta.get_parent_list() != [Page]:
        raise TypeError(f"{model.__name__} has concrete parents besides Page")
    relations = [_relations_in_memory(page) for page in pages]
    # The `wagtailcore_page` rows first, for their ids, then the model's own rows with those
    # ids, as Django's save() does for a page whose only concrete parent is Page.
    page_fields = [field for field in Page._meta.local_concrete_fields if not field.primary_key]
    ids = _insert(Page, pages, page_fields, returning_fields=[Page._meta.pk])
    for page, (pk,) in zip(pages, ids, strict=True):
        page.id = page.page_ptr_id = pk
        page._state.adding = False
    _insert(model, pages, model._meta.local_concrete_fields)
    for page, in_memory in zip(pages, relations, strict=True):
        for name, objects in in_memory.items():
            setattr(page, name, objects)  # points child objects at the page, which has its id now
    for relation in get_all_child_relations(model):
        name = relation.get_accessor_name()
        children = [child for page in pages for child in getattr(page, name).all()]
        for child in children:
            child.pk = None  # when writing them again after a rolled-back attempt
        relation.related_model.objects.bulk_create(children)
    for field in get_all_child_m2m_relations(model):
        through = field.remote_field.through
        page_column = f"{field.m2m_field_name()}_id"
        value_column = f"{field.m2m_reverse_field_name()}_id"
        through.objects.bulk_create(
            through(**{page_column: page.pk, value_column: value.pk})
            for page in pages
            for value in getattr(page, field.name).all()
        )


def _relations_in_memory(page):
    """{accessor: objects} of every child relation and parental many-to-many field of a page
    that is not in the database yet: what was set on it, or nothing."""
    names = [relation.get_accessor_name() for relation in get_all_child_relations(page)]
    names += [field.name for field in get_all_child_m2m_relations(page)]
    return {name: list(getattr(page, name).all()) for name in names}


def _insert(model, objects, fields, returning_fields=None):
    """Insert the rows of `objects` into `model`'s table, as many per statement as the database
    takes; returns the `returning_fields` of each row when asked."""
    batch_size = max(connection.ops.bulk_batch_size(fields, objects), 1)
    returned = []
    for start in range(0, len(objects), batch_size):
        rows = model._base_manager._insert(
            objects[start : start + batch_size], fields=fields, returning_fields=returning_fields
        )
        returned += rows or []
    return returned
