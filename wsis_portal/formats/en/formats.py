"""English as the portal writes it: "7 July 2026, 14:30" (Django's own English module writes
"July 7, 2026, 2:30 p.m." and reads 01/07/2026 as 7 January)."""

from wsis_portal.formats.geneva import *  # noqa: F403 - the shared conventions; English's own below

DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
