"""Absolute links to the portal, for everything that leaves it: mails (account mails included), letters, iCal
files, exports, API answers and certificates.

They have one answer, built from one setting, ``PORTAL_URL``: never the host of the request that caused them,
which a Celery task does not have and a client chooses (its ``Host`` header). In production the deployment
check refuses a ``PORTAL_URL`` that a recipient could not open (a loopback address, or not HTTPS).
"""

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks


def portal_url() -> str:
    """The portal's public address (``PORTAL_URL``), without a trailing slash."""
    return settings.PORTAL_URL.rstrip("/")


def absolute_url(path: str) -> str:
    """``path``, a path from the portal's root as ``reverse()`` or ``get_absolute_url()`` gives it, on the
    portal's public address."""
    if not path.startswith("/"):
        raise ValueError(f"Not a path from the portal's root: {path!r}")
    return portal_url() + path


def portal_host() -> str:
    """The host name of the portal's public address."""
    return urlsplit(settings.PORTAL_URL).hostname or "localhost"


def is_loopback(host: str) -> bool:
    """True for a host name only this machine reaches: ``localhost`` (and its subdomains), a loopback or
    unspecified IP address."""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def check_portal_url(app_configs=None, **kwargs):
    """Deployment check: in production, ``PORTAL_URL`` is an HTTPS address of a host others can reach, or
    every link the portal sends out would lead nowhere."""
    if not settings.PRODUCTION:
        return []
    parts = urlsplit(settings.PORTAL_URL)
    errors = []
    if not parts.hostname or is_loopback(parts.hostname):
        errors.append(
            checks.Error(
                f"PORTAL_URL is {settings.PORTAL_URL!r}: links in mails, letters, iCal files, exports, the "
                "API and certificates would point to this machine, not to the portal.",
                hint="Set PORTAL_URL to the portal's public address, e.g. https://wsis.example.org.",
                id="wsis_portal.E001",
            )
        )
    if parts.scheme != "https":
        errors.append(
            checks.Error(
                f"PORTAL_URL is {settings.PORTAL_URL!r}: in production the portal answers on HTTPS only, so "
                "links written with another scheme are redirected or refused.",
                hint="Write PORTAL_URL with https://.",
                id="wsis_portal.E002",
            )
        )
    return errors
