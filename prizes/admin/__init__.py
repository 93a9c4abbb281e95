"""The secretariat's screens of the WSIS Prizes, one module per noun: cycles, categories and submissions
(``submissions``)."""

from . import (  # noqa: F401 - each module registers its model admins
    results,
    review,
    submissions,
    voting,
)
