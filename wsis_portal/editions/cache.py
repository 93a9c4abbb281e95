"""The current edition with its phases, cached: every page shows it, and it changes a few times a year.

Any save or deletion of an edition or phase changes the cache version, so staff edits show at once; the
entry also expires after a minute, because which edition is current depends on the date.
"""

from uuid import uuid4

from django.core.cache import cache
from django.db.models import prefetch_related_objects
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Edition, Phase

VERSION_KEY = "editions:version"
NO_EDITION = "none"


def version() -> str:
    """A token that changes whenever an edition or phase changes."""
    current = cache.get(VERSION_KEY)
    if current is None:
        cache.add(VERSION_KEY, uuid4().hex, None)
        current = cache.get(VERSION_KEY)
    return current


@receiver([post_save, post_delete], sender=Edition, dispatch_uid="editions.cache.edition")
@receiver([post_save, post_delete], sender=Phase, dispatch_uid="editions.cache.phase")
def invalidate(**kwargs):
    cache.set(VERSION_KEY, uuid4().hex, None)


def current_edition(known_version=None):
    """``Edition.objects.current()`` with ``phases`` prefetched, from the cache when it can be."""
    key = f"editions:current:{known_version or version()}"
    edition = cache.get(key)
    if edition is None:
        edition = Edition.objects.current()
        if edition is not None:
            prefetch_related_objects([edition], "phases")
        cache.set(key, edition or NO_EDITION, 60)
    return None if edition == NO_EDITION else edition
