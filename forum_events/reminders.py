"""Reminders of the high-level track: invited Member States that have not answered, before the deadline
of the confirmation phase (14, 7 and 1 days before), mailed to the protocol office in the invitation's
language. Official correspondence: it cannot be stopped from the mail."""

from django.utils.translation import gettext_lazy as _

from wsis_portal.editions.models import Edition
from wsis_portal.reminders.registry import Candidate, Rule, register

from .high_level import confirmation_phase
from .models import Invitation


def unanswered_invitations(now, pks=None):
    for edition in Edition.objects.prefetch_related("phases").filter(invitations__isnull=False).distinct():
        phase = confirmation_phase(edition)
        if phase is None or phase.closes_at is None or phase.closes_at <= now:
            continue
        pending = (
            Invitation.objects.filter(edition=edition, answer=Invitation.Answer.PENDING)
            .exclude(member_state__protocol_office_email="")
            .select_related("member_state")
        )
        if pks is not None:
            pending = pending.filter(pk__in=pks)
        for invitation in pending:
            yield Candidate(
                invitation,
                invitation.member_state.protocol_office_email,
                invitation.language,
                phase.closes_at,
                {"edition": edition},
            )


register(
    Rule(
        key="forum_events.unanswered_invitation",
        kind=_("Invitations to the high-level track not yet answered"),
        offsets=(14, 7, 1),
        candidates=unanswered_invitations,
        template="reminders/email/invitation_unanswered",
        optional=False,
    )
)
