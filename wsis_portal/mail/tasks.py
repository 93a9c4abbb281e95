"""Celery tasks of the outbox: small, idempotent, calling the services."""

from celery import shared_task

from . import services
from .backends import DELIVERY_CHUNK


@shared_task(name="wsis_portal.mail.tasks.deliver_mail")
def deliver_mail(mail_id: int) -> bool:
    return services.deliver(mail_id)


@shared_task(name="wsis_portal.mail.tasks.deliver_mails")
def deliver_mails(mail_ids: list[int]) -> int:
    """Deliver a chunk of messages over one connection; each is claimed alone, so a repeat is harmless."""
    return services.deliver_many(mail_ids)


@shared_task(name="wsis_portal.mail.tasks.requeue_stale_mail")
def requeue_stale_mail() -> int:
    ids = services.requeue_stale()
    for start in range(0, len(ids), DELIVERY_CHUNK):
        deliver_mails.delay(ids[start : start + DELIVERY_CHUNK])
    return len(ids)
