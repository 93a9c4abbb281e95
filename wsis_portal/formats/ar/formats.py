"""Arabic: "7 يوليو 2026، 14:30", the Arabic comma between the date and the time (Django's own Arabic module
has no date-and-time format, so the admin wrote "يوليو 7, 2026، 2:30 م"). Numbers in 0-9 digits take the
point for decimals and the comma for thousands."""

from wsis_portal.formats.geneva import *  # noqa: F403 - the shared conventions; Arabic's own below

DATETIME_FORMAT = "j F Y، H:i"
SHORT_DATETIME_FORMAT = "d/m/Y، H:i"
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
