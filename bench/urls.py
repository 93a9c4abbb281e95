from django.http import HttpResponse
from django.urls import path

from wsis_portal.urls import handler404, handler500  # noqa: F401 - the portal's error pages here too
from wsis_portal.urls import urlpatterns as portal_urlpatterns


def constant(request):
    """The floor: what Django and gunicorn cost before the portal does anything."""
    return HttpResponse(b"WSIS", content_type="text/plain")


urlpatterns = [path("bench/constant/", constant), *portal_urlpatterns]
