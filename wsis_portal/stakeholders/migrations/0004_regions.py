from django.db import migrations

from wsis_portal.stakeholders.regions import REGIONS


def load(apps, schema_editor):
    Region = apps.get_model("stakeholders", "Region")
    for position, (code, english, arabic) in enumerate(REGIONS, start=1):
        Region.objects.update_or_create(
            code=code, defaults={"name": english, "name_en": english, "name_ar": arabic, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("stakeholders", "0003_region")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
