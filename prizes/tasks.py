"""Celery tasks of the WSIS Prizes: small, idempotent, calling ``prizes.results``."""

from celery import shared_task

from . import results


@shared_task(name="prizes.tasks.render_certificate")
def render_certificate(certificate_id: int) -> bool:
    """Render a certificate's PDFs in every portal language, once."""
    return results.render(certificate_id)


@shared_task(name="prizes.tasks.requeue_stale_certificates")
def requeue_stale_certificates() -> int:
    """Issue the certificates published cycles still call for, and queue again every rendering whose task
    was lost, whose worker died or which failed (a few times at most); returns how many were queued."""
    results.issue_due_certificates()
    found = results.stale_certificates()
    for certificate_id in found:
        render_certificate.delay(certificate_id)
    return len(found)
