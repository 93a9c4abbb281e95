"""On PostgreSQL, a trigger keeps search_vector in step with the search terms, and a GIN index serves it."""

from django.db import migrations

from wsis_portal.textsearch.query import trigger_sql

CREATE, DROP = trigger_sql("stocktaking_entry")


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("stocktaking", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
