"""The protocol office's way to its high-level track invitation in "my participation"."""

from wsis_portal.dashboard import registry
from wsis_portal.editions.models import Process


def my_items(user):
    """The Member State whose protocol office ``user`` is, or None; no query for the others."""
    if user.member_state_id is None:
        return None
    return user.member_state


def register():
    registry.register(
        Process.FORUM,
        page="forum_events:agenda",
        section=registry.Section(Process.FORUM, "forum_events/participation.html", my_items),
    )
