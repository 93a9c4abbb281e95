from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditionsConfig(AppConfig):
    name = "wsis_portal.editions"
    verbose_name = _("Forum editions")

    def ready(self):
        from . import cache  # noqa: F401 - connects the cache invalidation signals
