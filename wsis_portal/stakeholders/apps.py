from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class StakeholdersConfig(AppConfig):
    name = "wsis_portal.stakeholders"
    verbose_name = _("Stakeholders")

    def ready(self):
        from .roles import sync_roles

        post_migrate.connect(sync_roles, dispatch_uid="wsis_portal.stakeholders.sync_roles")
