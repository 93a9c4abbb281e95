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


def declare(process: Process, phases) -> tuple[DeclaredPhase, ...]:
    """Set the phases of ``process``, in the order they happen; declaring again replaces them."""
    _declared[str(process)] = tuple(phases)
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
