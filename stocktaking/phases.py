"""The phase of the stocktaking in an edition, declared to the platform. It is optional: without it,
entries can be submitted all year."""

from django.utils.translation import gettext_lazy as _

from wsis_portal.editions.models import Process
from wsis_portal.editions.phases import DeclaredPhase, declare

from .services import SUBMISSION_PHASE

PHASES = declare(Process.STOCKTAKING, [DeclaredPhase(SUBMISSION_PHASE, _("Submission of entries"))])
