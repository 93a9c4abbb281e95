"""Reminders of the stocktaking: open drafts before the submission deadline (14, 7 and 1 days before)."""

from django.utils.translation import gettext_lazy as _

from wsis_portal.editions.cache import current_edition
from wsis_portal.editions.models import Process
from wsis_portal.lifecycle.models import SubmissionState
from wsis_portal.reminders.registry import Rule, owner_candidate, register, with_owner

from .models import Entry
from .services import SUBMISSION_PHASE


def draft_entries(now, pks=None):
    """Owners of draft entries while the current edition's submission phase has a deadline ahead."""
    edition = current_edition()
    if edition is None:
        return
    phase = next(
        (
            p
            for p in edition.phases.all()
            if p.process == Process.STOCKTAKING and p.key == SUBMISSION_PHASE and p.closes_at
        ),
        None,
    )
    if phase is None or phase.closes_at <= now:
        return
    drafts = Entry.objects.filter(state=SubmissionState.DRAFT, owner__isnull=False)
    if pks is not None:
        drafts = drafts.filter(pk__in=pks)
    for entry in with_owner(drafts, "pk", "title", "language"):
        yield owner_candidate(entry, phase.closes_at)


register(
    Rule(
        key="stocktaking.draft_entry",
        kind=_("Stocktaking entries not yet submitted"),
        offsets=(14, 7, 1),
        candidates=draft_entries,
        template="reminders/email/stocktaking_draft",
    )
)
