"""Reminders of the high-level track: invited Member States that have not answered, before the deadline
of the confirmation phase (14, 7 and 1 days before), mailed to the protocol office in the invitation's
language. Official correspondence: it cannot be stopped from the mail."""

from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from wsis_portal.editions.models import Edition
from wsis_portal.reminders.registry import Candidate, Rule, register
from wsis_portal.stakeholders.models import User

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
            .select_related("member_state", "edition")
        )
        if pks is not None:
            pending = pending.filter(pk__in=pks)
        pending = list(pending)
        zones = office_time_zones(invitation.member_state.protocol_office_email for invitation in pending)
        for invitation in pending:
            email = invitation.member_state.protocol_office_email
            yield Candidate(
                invitation,
                email,
                invitation.language,
                phase.closes_at,
                {"edition": edition},
                zones.get(email.lower(), ""),
            )


def office_time_zones(emails):
    """``{address: time zone}`` of the accounts whose address is one of ``emails`` (in lower case): a
    protocol office that signs in with its own mailbox gets the deadline in its zone as well."""
    addresses = {email.lower() for email in emails}
    if not addresses:
        return {}
    accounts = (
        User.objects.annotate(address=Lower("email")).filter(address__in=addresses).exclude(time_zone="")
    )
    return dict(accounts.values_list("address", "time_zone"))


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
