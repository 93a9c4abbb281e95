"""The phases of a prize cycle in an edition, declared to the platform: the secretariat picks them when it
dates the edition, and a cycle is refused while its edition lacks one the cycle needs."""

from django.utils.translation import gettext_lazy as _

from wsis_portal.editions.models import Process
from wsis_portal.editions.phases import DeclaredPhase, declare

from .models import (
    CEREMONY_PHASE,
    NOMINATION_PHASE,
    SELECTION_PHASE,
    SUBMISSION_PHASE,
    VOTING_PHASE,
    PrizeCycle,
)

PHASES = declare(
    Process.PRIZES,
    [
        DeclaredPhase(SUBMISSION_PHASE, _("Submission and nomination of projects"), required=True),
        DeclaredPhase(NOMINATION_PHASE, _("Expert review and choice of the nominees"), required=True),
        DeclaredPhase(VOTING_PHASE, _("Public voting"), required=True),
        DeclaredPhase(SELECTION_PHASE, _("Choice of the winners"), required=True),
        DeclaredPhase(CEREMONY_PHASE, _("Prize ceremony")),
    ],
    set_up=lambda edition: PrizeCycle.objects.filter(edition=edition).exists(),
)
