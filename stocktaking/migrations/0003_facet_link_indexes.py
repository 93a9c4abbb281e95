"""Indexes on (value, entry) for the SDG, GDC and region tags, as the action-line and country tags have: a
search finds the entries carrying a chosen value from the index alone, without reading the table."""

from django.db import migrations

INDEXES = [
    ("entry_sdg_by_sdg", "stocktaking_entry_sdgs", "sustainabledevelopmentgoal_id"),
    ("entry_gdc_by_objective", "stocktaking_entry_gdc_objectives", "gdcobjective_id"),
    ("entry_region_by_region", "stocktaking_entry_regions", "region_id"),
]


class Migration(migrations.Migration):
    dependencies = [("stocktaking", "0002_search_vector_trigger")]
    operations = [
        migrations.RunSQL(
            f"CREATE INDEX {name} ON {table} ({column}, entry_id)", f"DROP INDEX {name}"
        )
        for name, table, column in INDEXES
    ]
