"""The editors' synonym groups, cached until one changes."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import SynonymGroup

CACHE_KEY = "search:synonym-groups"


def synonym_groups():
    groups = cache.get(CACHE_KEY)
    if groups is None:
        groups = [group.term_list for group in SynonymGroup.objects.all()]
        cache.set(CACHE_KEY, groups, timeout=None)
    return groups


@receiver([post_save, post_delete], sender=SynonymGroup)
def forget_synonyms(**kwargs):
    cache.delete(CACHE_KEY)
