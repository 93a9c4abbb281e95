"""The phases of the Forum in an edition, declared to the platform: the secretariat picks them when it
dates the edition, and Member States are invited only once the edition has its confirmations phase."""

from django.utils.translation import gettext_lazy as _

from wsis_portal.editions.models import Process
from wsis_portal.editions.phases import DeclaredPhase, declare

from .high_level import CONFIRMATIONS_PHASE
from .models import Invitation

# The Forum week itself, shown in the edition's calendar; nothing closes with it.
FORUM_WEEK_PHASE = "forum-week"

PHASES = declare(
    Process.FORUM,
    [
        DeclaredPhase(
            CONFIRMATIONS_PHASE, _("Confirmation of participation in the high-level track"), required=True
        ),
        DeclaredPhase(FORUM_WEEK_PHASE, _("Forum week")),
    ],
    set_up=lambda edition: Invitation.objects.filter(edition=edition).exists(),
)
