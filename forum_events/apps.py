from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumEventsConfig(AppConfig):
    name = "forum_events"
    verbose_name = _("Forum agenda")

    def ready(self):
        from . import (
            letters,  # noqa: F401 - registers the ministers as an audience of letters
            phases,  # noqa: F401 - declares the Forum's phases
            reminders,  # noqa: F401 - registers the high-level track's reminder rules
        )
        from .participation import register

        register()
