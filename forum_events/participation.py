"""The high-level track in "my participation": for a protocol office, its Member State's invitations and
speaking-slot requests, each invitation with the deadline to confirm."""

from dataclasses import dataclass

from django.db.models import Prefetch

from wsis_portal.dashboard import registry
from wsis_portal.editions.models import Process

from .high_level import confirmation_phase
from .models import Invitation, SlotRequest


@dataclass(frozen=True)
class InvitationSummary:
    invitation: Invitation
    # The deadline to confirm and to request or change speaking slots, or None when none is set.
    deadline: object
    requests: list


@dataclass(frozen=True)
class HighLevelTrack:
    member_state: object
    invitations: list


def my_items(user) -> HighLevelTrack | None:
    """The invitations of the Member State whose protocol office ``user`` is, newest edition first, with
    their requests in order of choice; None, without a query, for anyone else. Four queries whatever the
    number of invitations and requests."""
    if user.member_state_id is None:
        return None
    invitations = (
        Invitation.objects.filter(member_state_id=user.member_state_id)
        .select_related("edition")
        .prefetch_related(
            "edition__phases",
            Prefetch(
                "requests",
                queryset=SlotRequest.objects.select_related("session").order_by("preference", "requested_at"),
            ),
        )
        .order_by("-edition__year")
    )
    summaries = []
    for invitation in invitations:
        phase = confirmation_phase(invitation.edition)
        summaries.append(
            InvitationSummary(invitation, phase.closes_at if phase else None, list(invitation.requests.all()))
        )
    return HighLevelTrack(user.member_state, summaries)


def register():
    registry.register(
        Process.FORUM,
        page="forum_events:agenda",
        section=registry.Section(Process.FORUM, "forum_events/participation.html", my_items),
    )
