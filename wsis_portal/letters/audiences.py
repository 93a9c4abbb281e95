"""Audiences of personalised letters, registered by the process that knows the recipients.

The platform turns an issued letter into one copy per recipient; who the recipients are and what each copy
says about them belongs to a process (the ministers of the invited Member States belong to the Forum's
high-level track). A process registers an ``Audience`` from its ``AppConfig.ready``.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


class PersonalisationError(Exception):
    """What a recipient's copy lacks (a minister's name, say): shown to the secretariat as the failure's
    reason, to be mended before the copy is retried."""


@dataclass(frozen=True)
class Recipient:
    """One copy to make: ``key`` is unique in the batch (a country code), ``label`` names it for the
    secretariat, ``language`` is the copy's, and ``kept`` what must stay the same if the copy is made again
    (a secret link issued once, when the batch started)."""

    key: str
    label: str
    language: str
    kept: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Audience:
    """``recipients(letter, by)`` runs once, when a batch starts, inside its transaction: it may do the
    process's work (issue invitation links) and returns the ``Recipient`` list. ``personalise(key, kept,
    language)`` runs each time a copy is rendered and returns the letter template's ``personal`` context
    (``address``: lines of the addressee block, ``salutation``, ``closing``, ``link`` and ``link_intro``),
    or raises ``PersonalisationError``."""

    key: str
    label: str
    recipients: Callable
    personalise: Callable


_audiences: dict[str, Audience] = {}


def register(audience: Audience) -> Audience:
    _audiences[audience.key] = audience
    return audience


def audiences() -> list[Audience]:
    return [_audiences[key] for key in sorted(_audiences)]


def get(key: str) -> Audience | None:
    return _audiences.get(key)
