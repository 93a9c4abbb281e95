"""The home page of the current edition, and each user's "my participation" dashboard."""

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from wsis_portal.editions import cache as editions_cache
from wsis_portal.editions import schedule

from . import registry
from .overview import edition_overview


@require_GET
def home(request):
    version = editions_cache.version()
    edition = editions_cache.current_edition(version)
    # The rendered overview is cached per edition version, reader's zone and minute: "time left" and
    # the open/closed states change on minute boundaries, where deadlines fall.
    fragment_key = (version, timezone.get_current_timezone_name(), schedule.now().strftime("%Y%m%d%H%M"))
    context = {
        "edition": edition,
        # A callable, so that the template computes it only when the cached fragment is missing.
        "processes": lambda: edition_overview(edition),
        "fragment_key": fragment_key,
    }
    return render(request, "dashboard/home.html", context)


@login_required
@require_GET
def participation(request):
    edition = editions_cache.current_edition()
    sections = [(section.template, section.items(request.user)) for section in registry.SECTIONS]
    return render(
        request,
        "dashboard/participation.html",
        {
            "edition": edition,
            "processes": edition_overview(edition),
            "focal_points": request.user.focal_points.select_related("organisation"),
            "sections": sections,
        },
    )


@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; the icon is a static file."""
    return redirect(static("favicon.svg"), permanent=True)


@never_cache
@require_GET
def healthz(request):
    """For the load balancer and docker-compose: 200 when the database answers."""
    connection.ensure_connection()
    return JsonResponse({"status": "ok"})
