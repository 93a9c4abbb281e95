"""The portal's answer to an unhandled error. A database that does not answer (stopped, restarting, the
connection cut) is not the portal's bug but a moment to wait: the reader gets a 503 "temporarily
unavailable" page with ``Retry-After``, in the page's language. Anything else gets Django's 500 page.
Both templates render without a request context, so neither needs the database."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token
from django.views.defaults import server_error as django_server_error

# Seconds a client (or the proxy in front of the portal) should wait before trying again.
RETRY_AFTER = 30


def database_unavailable(exception) -> bool:
    """Whether ``exception`` says the database cannot be reached now, rather than a query being wrong."""
    return isinstance(exception, OperationalError | InterfaceError)


@requires_csrf_token
def server_error(request):
    """``handler500``: Django calls it while the exception is being handled, so it is in ``sys.exc_info``."""
    if database_unavailable(sys.exc_info()[1]):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(RETRY_AFTER)
        return response
    return django_server_error(request)
