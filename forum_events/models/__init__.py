"""The nouns of the Forum agenda (``session``) and of its high-level track (``high_level``)."""

from .high_level import Invitation, ProtocolRank, SlotRequest
from .session import Agenda, Session, SessionChange, SessionSpeaker, SessionType, session_languages

__all__ = [
    "Agenda",
    "Invitation",
    "ProtocolRank",
    "Session",
    "SessionChange",
    "SessionSpeaker",
    "SessionType",
    "SlotRequest",
    "session_languages",
]
