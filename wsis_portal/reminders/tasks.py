"""Celery tasks of the reminders: the sweep that beat runs every five minutes, and the batches it claims,
sent by whichever workers are free."""

from celery import shared_task

from . import services


@shared_task(name="wsis_portal.reminders.tasks.sweep_reminders")
def sweep_reminders() -> int:
    """Record and claim what is due; returns the number of batches handed to the workers."""
    return services.sweep(dispatch=lambda rule_key, token: send_reminder_batch.delay(rule_key, token))[
        "batches"
    ]


@shared_task(name="wsis_portal.reminders.tasks.send_reminder_batch")
def send_reminder_batch(rule_key: str, token: str) -> int:
    """Send one claimed batch; a lost or repeated task is harmless (stale claims are reset and re-sent)."""
    return services.send_batch(rule_key, token)["sent"]
