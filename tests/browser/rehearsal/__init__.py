"""The rehearsal of a whole edition (2028), run by the secretariat from the admin alone: one browser journey
from a database holding only what the migrations load and one secretariat account. Each module is one stage,
``run(rehearsal)``; ``tests/browser/test_rehearsal_journey.py`` runs them in order."""
