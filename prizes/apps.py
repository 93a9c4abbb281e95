from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrizesConfig(AppConfig):
    name = "prizes"
    verbose_name = _("WSIS Prizes")

    def ready(self):
        from . import (
            phases,  # noqa: F401 - declares the cycle's phases
            reminders,  # noqa: F401 - registers the reminder rules
        )
        from .participation import register

        register()
