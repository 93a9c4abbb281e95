"""The open consultation on the home page and in "my participation"."""

from wsis_portal.dashboard import registry
from wsis_portal.editions.models import Process


def my_items(user):
    """What ``user`` sent to (or drafted for) the consultations: contributions, workshop requests and
    nominations, each list newest first."""
    from .models import Contribution, FacilitatorNomination, WorkshopRequest

    return {
        "contributions": list(Contribution.objects.of(user)),
        "workshops": list(WorkshopRequest.objects.of(user).select_related("merged_into", "session")),
        "nominations": list(FacilitatorNomination.objects.of(user)),
    }


def register():
    registry.register(
        Process.CONSULTATION,
        page="consultations:timeline",
        section=registry.Section(Process.CONSULTATION, "consultations/participation.html", my_items),
    )
