from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class MailConfig(AppConfig):
    name = "wsis_portal.mail"
    verbose_name = _("Mail outbox")

    def ready(self):
        from wsis_portal.links import check_portal_url

        # Every mail carries links built from PORTAL_URL: the outbox is where a wrong one would go out.
        checks.register(check_portal_url, checks.Tags.security, deploy=True)
