"""The nouns of the Forum agenda (``session``) and of its high-level track (``high_level``)."""

from .high_level import Invitation, InvitationLink, ProtocolRank, SlotRequest
from .session import Agenda, Session, SessionChange, SessionSpeaker, SessionType, session_languages

__all__ = [
    "Agenda",
    "Invitation",
    "InvitationLink",
    "ProtocolRank",
    "Session",
    "SessionChange",
    "SessionSpeaker",
    "SessionType",
    "SlotRequest",
    "session_languages",
]
