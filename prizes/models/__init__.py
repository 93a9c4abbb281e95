"""The WSIS Prizes' nouns, one module each: the cycle, its categories and its projects (``submission``),
the expert group (``review``), the public vote (``voting``) and the certificates (``results``)."""

from .results import Certificate
from .review import HIGHEST_SCORE, ConflictOfInterest, ExpertAssignment, ReviewStage, Score
from .submission import (
    CEREMONY_PHASE,
    COUNTED,
    ENTERED_STATES,
    NOMINATION_PHASE,
    RELATIONS,
    SELECTION_PHASE,
    SUBMISSION_PHASE,
    VOTING_PHASE,
    Criterion,
    PrizeCategory,
    PrizeCycle,
    State,
    Submission,
    SubmissionQuerySet,
    default_criteria_weights,
    un_language_choices,
)
from .voting import PolicyReason, Vote

__all__ = [
    "CEREMONY_PHASE",
    "COUNTED",
    "ENTERED_STATES",
    "HIGHEST_SCORE",
    "NOMINATION_PHASE",
    "RELATIONS",
    "SELECTION_PHASE",
    "SUBMISSION_PHASE",
    "VOTING_PHASE",
    "Certificate",
    "ConflictOfInterest",
    "Criterion",
    "ExpertAssignment",
    "PolicyReason",
    "PrizeCategory",
    "PrizeCycle",
    "ReviewStage",
    "Score",
    "State",
    "Submission",
    "SubmissionQuerySet",
    "Vote",
    "default_criteria_weights",
    "un_language_choices",
]
