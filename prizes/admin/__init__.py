"""The secretariat's screens of the WSIS Prizes, one module per noun: cycles, categories and submissions
(``submissions``)."""

from . import submissions  # noqa: F401 - registers the model admins
