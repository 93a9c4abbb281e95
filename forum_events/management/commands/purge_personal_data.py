"""manage.py purge_personal_data: remove the personal data of editions past the retention period
(``forum_events.retention``). Safe to run at any time and again."""

from django.conf import settings
from django.core.management.base import BaseCommand

from forum_events import retention


class Command(BaseCommand):
    help = "Remove ministers' statements, photos and biographies, speakers' addresses, personalised letters "
    "and invitation links of editions whose Forum ended more than PERSONAL_DATA_RETENTION_DAYS days ago."

    def handle(self, **options):
        purged = retention.purge()
        days = settings.PERSONAL_DATA_RETENTION_DAYS
        if not purged:
            self.stdout.write(f"No edition ended more than {days} days ago with personal data left.")
        for year, removed in purged.items():
            counts = ", ".join(f"{name.replace('_', ' ')}: {count}" for name, count in removed.items())
            self.stdout.write(self.style.SUCCESS(f"WSIS Forum {year}: {counts}."))
