from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "wsis_portal.dashboard"
    verbose_name = _("Home and dashboard")
