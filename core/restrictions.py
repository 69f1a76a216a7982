"""Which collections visitors may not see into: a view restriction applies to a collection and
everything below it."""

from django.db.models import Q

from wagtail.models import Collection, CollectionViewRestriction


def restricted_collection_ids() -> set[int]:
    """Ids of the collections under a view restriction (on themselves or an ancestor): one query
    when there are no restrictions, two when there are."""
    paths = set(CollectionViewRestriction.objects.values_list("collection__path", flat=True))
    if not paths:
        return set()
    below = Q()
    for path in paths:
        below |= Q(path__startswith=path)
    return set(Collection.objects.filter(below).values_list("pk", flat=True))
