"""The 18 prize categories: C1–C6, C7's eight e-applications and C8–C11, in the order of the Plan of
Action, each named by its action line."""

from django.db import migrations

CODES = ["C1", "C2", "C3", "C4", "C5", "C6", *(f"C7.{n}" for n in range(1, 9)), "C8", "C9", "C10", "C11"]


def load(apps, schema_editor):
    ActionLine = apps.get_model("editions", "ActionLine")
    PrizeCategory = apps.get_model("prizes", "PrizeCategory")
    lines = {line.code: line for line in ActionLine.objects.filter(code__in=CODES)}
    for position, code in enumerate(CODES, start=1):
        PrizeCategory.objects.update_or_create(action_line=lines[code], defaults={"position": position})


class Migration(migrations.Migration):
    dependencies = [("prizes", "0001_initial"), ("editions", "0002_reference_data")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
