from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumEventsConfig(AppConfig):
    name = "forum_events"
    verbose_name = _("Forum agenda")

    def ready(self):
        from wsis_portal.dashboard import registry
        from wsis_portal.editions.models import Process

        registry.register(Process.FORUM, page="forum_events:agenda")
