"""How the processes show up on the home page and the dashboard without the platform knowing them: each
process app registers its public page and its "my participation" section when it starts."""

from collections.abc import Callable
from dataclasses import dataclass

from wsis_portal.editions.models import Process


@dataclass(frozen=True)
class Section:
    """A process's part of "my participation": a template given ``items`` (what ``items(user)`` returns)."""

    process: Process
    template: str
    items: Callable


PAGES: dict = {}
SECTIONS: list = []


def register(process: Process, *, page: str | None = None, section: Section | None = None):
    """Called from a process app's ``ready()``: ``page`` is the URL name of its public page."""
    if page:
        PAGES[process] = page
    if section and section not in SECTIONS:
        SECTIONS.append(section)
