from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = _("Open Consultation Process")

    def ready(self):
        from . import (
            phases,  # noqa: F401 - declares the consultation's phases
            reminders,  # noqa: F401 - registers the consultation's reminder rules
        )
        from .participation import register

        register()
