"""On PostgreSQL, keep the long columns (description, search terms and vector) out of the entry rows, in
TOAST, so that a search visits small rows: the GIN index answers text and facets exactly, so those columns
are not read to find the matching entries. Applies to rows written from now on (VACUUM FULL rewrites the
others)."""

from django.db import migrations


def narrow(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE stocktaking_entry SET (toast_tuple_target = 128)")


def widen(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE stocktaking_entry RESET (toast_tuple_target)")


class Migration(migrations.Migration):
    dependencies = [("stocktaking", "0004_search_tags")]
    operations = [migrations.RunPython(narrow, widen)]
