from django.db import migrations

from wsis_portal.editions.reference import ACTION_LINES, GDC_OBJECTIVES, SDGS


def load(apps, schema_editor):
    ActionLine = apps.get_model("editions", "ActionLine")
    Goal = apps.get_model("editions", "SustainableDevelopmentGoal")
    Objective = apps.get_model("editions", "GDCObjective")
    parents = {}
    for position, (code, english, arabic) in enumerate(ACTION_LINES, start=1):
        parent = parents.get(code.split(".")[0]) if "." in code else None
        line, _ = ActionLine.objects.update_or_create(
            code=code,
            defaults={"name": english, "name_en": english, "name_ar": arabic, "position": position, "parent": parent},
        )
        parents[code] = line
    for number, english, arabic in SDGS:
        Goal.objects.update_or_create(number=number, defaults={"name": english, "name_en": english, "name_ar": arabic})
    for number, english, arabic in GDC_OBJECTIVES:
        Objective.objects.update_or_create(
            number=number, defaults={"name": english, "name_en": english, "name_ar": arabic}
        )


class Migration(migrations.Migration):
    dependencies = [("editions", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
