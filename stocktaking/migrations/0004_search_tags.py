"""Facet tokens in search_tags, and on PostgreSQL in search_vector, so that text and facets are found in one
exact GIN lookup."""

from django.db import migrations, models

from wsis_portal.textsearch.query import trigger_sql

CREATE, _DROP = trigger_sql("stocktaking_entry", tags=True)
PREVIOUS, _ = trigger_sql("stocktaking_entry")

# (facet number, link or entry column); the token scheme of stocktaking.search.Facet.tag at this point.
LINKS = {
    1: ("action_line_links", "action_line_id"),
    4: ("regions", "id"),
    2: ("sdgs", "id"),
    3: ("gdc_objectives", "id"),
    5: ("country_links", "country"),
}
COLUMNS = {6: "stakeholder_type", 7: "kind", 8: "year"}


def fill(apps, schema_editor):
    Entry = apps.get_model("stocktaking", "Entry")
    for entry in Entry.objects.iterator(chunk_size=500):
        tokens = []
        for number, (relation, column) in sorted(LINKS.items()):
            values = getattr(entry, relation).values_list(column, flat=True)
            tokens += [f"f{number}x{str(value).lower().replace('_', '')}" for value in values]
        for number, column in COLUMNS.items():
            value = getattr(entry, column)
            if value not in (None, ""):
                tokens.append(f"f{number}x{str(value).lower().replace('_', '')}")
        Entry.objects.filter(pk=entry.pk).update(search_tags=f" {' '.join(tokens)} " if tokens else "")


def trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def previous_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PREVIOUS)


class Migration(migrations.Migration):
    dependencies = [("stocktaking", "0003_facet_link_indexes")]

    operations = [
        migrations.AddField(model_name="entry", name="search_tags", field=models.TextField(default="", editable=False)),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(trigger, previous_trigger),
    ]
