from django.db import migrations

from wsis_portal.stakeholders.member_states import ITU_MEMBER_STATES


def load(apps, schema_editor):
    MemberState = apps.get_model("stakeholders", "MemberState")
    existing = set(MemberState.objects.values_list("country", flat=True))
    MemberState.objects.bulk_create(
        [MemberState(country=code) for code in ITU_MEMBER_STATES if code not in existing]
    )


class Migration(migrations.Migration):
    dependencies = [("stakeholders", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
