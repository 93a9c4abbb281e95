from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StocktakingConfig(AppConfig):
    name = "stocktaking"
    verbose_name = _("WSIS Stocktaking")

    def ready(self):
        # Imported for their side effects: phases and reminder rules register themselves; signals keep
        # the search cache version in step with publications.
        from . import phases, reminders, signals  # noqa: F401
        from .participation import register

        register()
