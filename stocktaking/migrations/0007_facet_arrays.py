"""On PostgreSQL, the values of each linked facet (action lines, SDGs, GDC objectives, regions, countries)
also stand in an array on the entry row, copied by a trigger from its facet tokens (search_tags): the facet
counts then read the rows the GIN index found, in one pass, without joining five link tables.

The arrays are stored PLAIN (never compressed nor moved to TOAST, see 0005): they are read for every
candidate of a count."""

from django.db import migrations

# (column, facet number in the tokens, element type); the token scheme of stocktaking.search.Facet.tag.
ARRAYS = (
    ("facet_action_lines", 1, "integer"),
    ("facet_sdgs", 2, "integer"),
    ("facet_gdc_objectives", 3, "integer"),
    ("facet_regions", 4, "integer"),
    ("facet_countries", 5, "text"),
)


def _value(number, kind):
    values = f"stocktaking_tag_values(NEW.search_tags, 'f{number}x')"
    # Country tokens are lower case ("f5xke"); the countries are stored as their upper-case codes.
    return f"{values}::integer[]" if kind == "integer" else f"ARRAY(SELECT upper(v) FROM unnest({values}) v)"


CREATE = f"""
    CREATE OR REPLACE FUNCTION stocktaking_tag_values(tags text, prefix text) RETURNS text[] AS $$
        SELECT coalesce(array_agg(substr(token, length(prefix) + 1)), '{{}}')
        FROM unnest(string_to_array(btrim(coalesce(tags, '')), ' ')) token
        WHERE starts_with(token, prefix)
    $$ LANGUAGE sql IMMUTABLE;
    ALTER TABLE stocktaking_entry
        {", ".join(f"ADD COLUMN {column} {kind}[] NOT NULL DEFAULT '{{}}'" for column, _, kind in ARRAYS)};
    ALTER TABLE stocktaking_entry
        {", ".join(f"ALTER COLUMN {column} SET STORAGE PLAIN" for column, _, _ in ARRAYS)};
    CREATE OR REPLACE FUNCTION stocktaking_entry_facets() RETURNS trigger AS $$
    BEGIN
        {" ".join(f"NEW.{column} := {_value(number, kind)};" for column, number, kind in ARRAYS)}
        RETURN NEW;
    END $$ LANGUAGE plpgsql;
    CREATE TRIGGER stocktaking_entry_facets BEFORE INSERT OR UPDATE OF search_tags ON stocktaking_entry
        FOR EACH ROW EXECUTE FUNCTION stocktaking_entry_facets();
    UPDATE stocktaking_entry SET
        {", ".join(f"{column} = {_value(number, kind).replace('NEW.', '')}" for column, number, kind in ARRAYS)};
"""
DROP = f"""
    DROP TRIGGER IF EXISTS stocktaking_entry_facets ON stocktaking_entry;
    DROP FUNCTION IF EXISTS stocktaking_entry_facets();
    ALTER TABLE stocktaking_entry {", ".join(f"DROP COLUMN IF EXISTS {column}" for column, _, _ in ARRAYS)};
    DROP FUNCTION IF EXISTS stocktaking_tag_values(text, text);
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("stocktaking", "0006_alter_entry_state")]
    operations = [migrations.RunPython(create, drop)]
