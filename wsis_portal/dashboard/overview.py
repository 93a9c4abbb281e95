"""The four processes of an edition at a glance: what is open now and the next deadline of each."""

from dataclasses import dataclass

from wsis_portal.editions import schedule
from wsis_portal.editions.models import Edition, Process

from . import registry


@dataclass(frozen=True)
class ProcessOverview:
    process: Process
    state: schedule.ProcessState
    phases: list

    @property
    def label(self):
        return self.process.label

    @property
    def page(self):
        """The URL name of the process's public page, once its app is installed."""
        return registry.PAGES.get(self.process)


def edition_overview(edition: Edition | None, at=None) -> list[ProcessOverview]:
    """One entry per process, in the order of ``Process``, from a single query of the edition's phases."""
    if edition is None:
        return []
    by_process = {process: [] for process in Process}
    for phase in edition.phases.all():
        by_process[Process(phase.process)].append(phase)
    return [
        ProcessOverview(process, schedule.process_state(phases, at), sorted(phases, key=lambda p: p.opens_at))
        for process, phases in by_process.items()
    ]
