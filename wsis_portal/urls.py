"""URLs: every page lives under a language prefix (/ar/, /en/); the switcher and health check do not."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from wsis_portal.dashboard import views as dashboard_views
from wsis_portal.languages import set_language


def admin_login(request, extra_context=None):
    """The admin signs in through allauth, so its rate limits and e-mail verification cover staff too."""
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = ""
    next_url = next_url or reverse("admin:index")
    if request.user.is_authenticated:
        if request.user.is_active and request.user.is_staff:
            return redirect(next_url)
        raise PermissionDenied
    return redirect_to_login(next_url, reverse("account_login"))


admin.site.site_header = _("WSIS Forum Portal — Secretariat")
admin.site.site_title = _("WSIS Forum Portal")
admin.site.index_title = _("Secretariat")
admin.site.login = admin_login

handler404 = "wsis_portal.api.not_found"
handler500 = "wsis_portal.errors.server_error"

urlpatterns = [
    path("favicon.ico", dashboard_views.favicon),
    path("i18n/setlang/", set_language, name="set_language"),
    path("healthz/", dashboard_views.healthz, name="healthz"),
    path("api/v1/", include("wsis_portal.api")),
]
urlpatterns += i18n_patterns(
    path("", dashboard_views.home, name="home"),
    path("", include("wsis_portal.dashboard.urls")),
    path("me/", include("wsis_portal.stakeholders.urls")),
    path("stocktaking/", include("stocktaking.urls")),
    path("consultations/", include("consultations.urls")),
    path("forum/", include("forum_events.urls")),
    path("prizes/", include("prizes.urls")),
    path("reminders/", include("wsis_portal.reminders.urls")),
    path("letters/", include("wsis_portal.letters.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
