"""manage.py send_reminders: run the reminder sweep once, here, for deployments without Celery beat (from
cron, say every five minutes). Each due reminder is sent once: running it twice, or while beat or another
run sweeps, sends nothing twice."""

from django.core.management.base import BaseCommand

from wsis_portal.reminders import services


class Command(BaseCommand):
    help = "Send the reminders due now, once (the sweep Celery beat runs every five minutes)."

    def handle(self, **options):
        counts = services.sweep()
        self.stdout.write(
            f"{counts['sent']} reminder(s) sent, {counts['failed']} failed, "
            f"{counts['cancelled']} no longer due."
        )
