"""manage.py reindex_stocktaking: recompute the search terms of every entry, after the text analysis
(wsis_portal/textsearch/analysis.py) changed. Safe to run at any time; entries stay searchable meanwhile."""

from django.core.management.base import BaseCommand

from stocktaking import search, services
from stocktaking.models import Entry


class Command(BaseCommand):
    help = "Recompute the search terms of every stocktaking entry."

    def handle(self, **options):
        count = 0
        entries = (
            Entry.objects.select_related("organisation").prefetch_related("country_links").order_by("pk")
        )
        for entry in entries.iterator(chunk_size=500):
            services.refresh_search_document(entry)
            count += 1
        search.published_changed()
        self.stdout.write(self.style.SUCCESS(f"{count} entries reindexed."))
