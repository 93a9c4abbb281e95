"""Reminders of the open consultation: draft contributions before the deadline of the "contributions"
phase (14, 7 and 1 days before), and workshop requests returned for changes (7 and 14 days after they
were returned, for as long as they stay returned; a returned request has no deadline of its own)."""

from django.utils.translation import gettext_lazy as _

from wsis_portal.lifecycle.models import SubmissionState
from wsis_portal.reminders.registry import Rule, owner_candidate, register, with_owner

from .models import Consultation, Contribution, WorkshopRequest

FIELDS = ("pk", "title", "language", "consultation")


def draft_contributions(now, pks=None):
    """Owners of draft contributions to each consultation whose contributions deadline is still ahead."""
    for consultation in Consultation.objects.select_related("edition").prefetch_related("edition__phases"):
        phase = consultation.deadline_phase()
        if phase is None or phase.closes_at is None or phase.closes_at <= now:
            continue
        drafts = Contribution.objects.filter(
            consultation=consultation, state=SubmissionState.DRAFT, owner__isnull=False
        )
        if pks is not None:
            drafts = drafts.filter(pk__in=pks)
        for item in with_owner(drafts, *FIELDS):
            yield owner_candidate(item, phase.closes_at)


def returned_workshop_requests(now, pks=None):
    """Owners of workshop requests returned for changes and not sent again; counted from the return."""
    returned = WorkshopRequest.objects.filter(
        state=SubmissionState.RETURNED, owner__isnull=False, decided_at__isnull=False
    )
    if pks is not None:
        returned = returned.filter(pk__in=pks)
    for item in with_owner(returned, *FIELDS, "decided_at"):
        yield owner_candidate(item, item.decided_at)


register(
    Rule(
        key="consultations.draft_contribution",
        kind=_("Consultation contributions not yet sent"),
        offsets=(14, 7, 1),
        candidates=draft_contributions,
        template="reminders/email/contribution_draft",
    )
)
register(
    Rule(
        key="consultations.returned_workshop",
        kind=_("Workshop requests returned for changes"),
        offsets=(7, 14),
        candidates=returned_workshop_requests,
        template="reminders/email/workshop_returned",
        after=True,
    )
)
