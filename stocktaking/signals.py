"""Removing a published entry changes what the public sees: the search caches start afresh."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from . import search
from .models import Entry


@receiver(post_delete, sender=Entry, dispatch_uid="stocktaking.entry_deleted")
def entry_deleted(sender, instance, **kwargs):
    if instance.state == "accepted" and not instance.revision_of_id:
        # robust: a cache outage must not turn a committed deletion into an error page.
        transaction.on_commit(search.published_changed, robust=True)
