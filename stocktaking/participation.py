"""The stocktaking on the home page and in "my participation"."""

from wsis_portal.dashboard import registry
from wsis_portal.editions.models import Process


def my_entries(user):
    from .models import Entry

    return Entry.objects.of(user)


def register():
    registry.register(
        Process.STOCKTAKING,
        page="stocktaking:search",
        section=registry.Section(Process.STOCKTAKING, "stocktaking/participation.html", my_entries),
    )
