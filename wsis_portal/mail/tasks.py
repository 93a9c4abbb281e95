"""Celery tasks of the outbox: small, idempotent, calling the services."""

from celery import shared_task

from . import services


@shared_task(name="wsis_portal.mail.tasks.deliver_mail")
def deliver_mail(mail_id: int) -> bool:
    return services.deliver(mail_id)


@shared_task(name="wsis_portal.mail.tasks.requeue_stale_mail")
def requeue_stale_mail() -> int:
    ids = services.requeue_stale()
    for mail_id in ids:
        deliver_mail.delay(mail_id)
    return len(ids)
