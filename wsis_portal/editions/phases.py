"""The phases each process declares: the key it finds a phase by, its name, and whether it needs it.

A process app declares its phases from its ``phases.py`` (imported in ``AppConfig.ready``); the platform
never imports a process app. The secretariat then picks a phase of an edition from what its process
declares instead of typing a key, and a process set up for an edition that lacks a phase it needs is
refused with a message naming that phase.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import Process


@dataclass(frozen=True)
class DeclaredPhase:
    """A phase a process knows by ``key`` (``editions.Phase.key``); ``required`` when the process cannot
    work without it in an edition."""

    key: str
    label: str
    required: bool = False


_declared: dict[str, tuple[DeclaredPhase, ...]] = {}
# process → whether it is set up for an edition (edition → bool): its required phases are then in use.
_set_up: dict[str, object] = {}


def declare(process: Process, phases, set_up=None) -> tuple[DeclaredPhase, ...]:
    """Set the phases of ``process``, in the order they happen; declaring again replaces them. ``set_up``
    answers whether the process is set up for an edition (a consultation, a prize cycle, invitations
    sent): from then on a phase it requires cannot be removed from that edition."""
    _declared[str(process)] = tuple(phases)
    if set_up is not None:
        _set_up[str(process)] = set_up
    return _declared[str(process)]


def declared(process) -> tuple[DeclaredPhase, ...]:
    return _declared.get(str(process), ())


def get(process, key) -> DeclaredPhase | None:
    """The phase of ``process`` declared as ``key``, or None."""
    return next((phase for phase in declared(process) if phase.key == key), None)


def missing(edition, process) -> list[DeclaredPhase]:
    """The required phases of ``process`` that ``edition`` does not have (from its prefetched phases if
    any), in the order they happen."""
    keys = {phase.key for phase in edition.phases.all() if phase.process == str(process)}
    return [phase for phase in declared(process) if phase.required and phase.key not in keys]


def missing_message(process, phase: DeclaredPhase) -> str:
    return _("The edition has no “%(phase)s” phase for the %(process)s: add it to the edition first.") % {
        "phase": phase.label,
        "process": Process(str(process)).label,
    }


def check_required(edition, process):
    """Raise a ``ValidationError`` naming each phase ``process`` needs and ``edition`` lacks."""
    errors = [
        ValidationError(missing_message(process, phase), code="missing_phase")
        for phase in missing(edition, process)
    ]
    if errors:
        raise ValidationError(errors)


def removal_error(phase) -> str | None:
    """Why ``phase`` (as stored) cannot be removed or turned into another phase, or None: a phase its
    process requires, once the process is set up for the edition, would leave the process unable to open."""
    declared_phase = get(phase.process, phase.key)
    set_up = _set_up.get(phase.process)
    if declared_phase is None or not declared_phase.required or set_up is None or not set_up(phase.edition):
        return None
    return _(
        "The “%(phase)s” phase of the %(process)s cannot be removed from the %(edition)s: the process is "
        "already set up for this edition and needs it. Change its dates instead."
    ) % {"phase": declared_phase.label, "process": Process(phase.process).label, "edition": phase.edition}
