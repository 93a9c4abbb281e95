"""The phases of the open consultation in an edition, declared to the platform: the secretariat picks them
when it dates the edition, and a consultation is refused while its edition has no contributions phase."""

from django.utils.translation import gettext_lazy as _

from wsis_portal.editions.models import Process
from wsis_portal.editions.phases import DeclaredPhase, declare

from .models import CONTRIBUTIONS_PHASE, Consultation

# Only shown in the consultation's calendar; nothing closes with it.
FINAL_BRIEF_PHASE = "final-brief"

PHASES = declare(
    Process.CONSULTATION,
    [
        DeclaredPhase(CONTRIBUTIONS_PHASE, _("Official contributions"), required=True),
        DeclaredPhase(FINAL_BRIEF_PHASE, _("Final brief")),
    ],
    set_up=lambda edition: Consultation.objects.filter(edition=edition).exists(),
)
