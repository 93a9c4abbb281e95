"""manage.py filed_without_focal_point: list the items stored for an organisation by someone who was not its
confirmed focal point when they were filed (before the portal enforced it). It changes nothing: the
secretariat finds the same items in each process's admin list, filter "filed without a confirmed focal
point", and decides."""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db.models.functions import Coalesce
from django.urls import reverse

from wsis_portal.lifecycle.models import Submission


def submission_models():
    """Every process's model that inherits the shared lifecycle, in a stable order."""
    found = [model for model in apps.get_models() if issubclass(model, Submission)]
    return sorted(found, key=lambda model: model._meta.label)


class Command(BaseCommand):
    help = "List the items filed for an organisation without its confirmed focal point (changes nothing)."

    def handle(self, **options):
        total = 0
        for model in submission_models():
            items = (
                model.objects.filed_without_focal_point()
                .select_related("organisation", "owner")
                .annotate(filed_at=Coalesce("submitted_at", "created_at"))
                .order_by("filed_at", "pk")
            )
            count = items.count()
            total += count
            url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
            self.stdout.write(f"{model._meta.verbose_name_plural}: {count}  ({url}?without_focal_point=yes)")
            for item in items.iterator(chunk_size=500):
                self.stdout.write(
                    f"  {item.reference or f'#{item.pk}'}  {item.state}  {item.filed_at:%Y-%m-%d %H:%M} UTC"
                    f"  for {item.organisation}  by {item.owner.email}"
                )
        self.stdout.write(f"{total} item(s) filed without a confirmed focal point.")
