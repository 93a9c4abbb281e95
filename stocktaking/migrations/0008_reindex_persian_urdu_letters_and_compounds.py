"""The search terms of every entry computed again: the text analysis now reads the letters of Persian and
Urdu keyboards as the Arabic ones and hyphenated compounds as one word too (wsis_portal/textsearch), and
stored terms must be spelled as queries now are. On PostgreSQL the trigger rebuilds ``search_vector`` of
each row changed. Cached search figures follow within ``stocktaking.search.CACHE_SECONDS``."""

from django.db import migrations


def reindex(apps, schema_editor):
    from stocktaking.services import search_documents

    Entry = apps.get_model("stocktaking", "Entry")
    entries = (
        Entry.objects.select_related("organisation")
        .prefetch_related("country_links")
        .only(
            "title",
            "description",
            "search_title",
            "search_body",
            "organisation__name",
            "organisation__acronym",
        )
        .order_by("pk")
    )
    for entry in entries.iterator(chunk_size=500):
        title, body = search_documents(entry)
        if (title, body) != (entry.search_title, entry.search_body):
            Entry.objects.filter(pk=entry.pk).update(search_title=title, search_body=body)


class Migration(migrations.Migration):
    dependencies = [("stocktaking", "0007_facet_arrays")]

    operations = [migrations.RunPython(reindex, migrations.RunPython.noop, elidable=True)]
