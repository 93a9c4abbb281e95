from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumEventsConfig(AppConfig):
    name = "forum_events"
    verbose_name = _("Forum agenda")

    def ready(self):
        from .participation import register

        register()
