from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StocktakingConfig(AppConfig):
    name = "stocktaking"
    verbose_name = _("WSIS Stocktaking")

    def ready(self):
        from . import signals  # noqa: F401 - keeps the search cache version in step with publications
        from .participation import register

        register()
