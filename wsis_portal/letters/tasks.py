"""Celery tasks of the letters: small, idempotent, calling the services."""

from celery import shared_task

from . import services


@shared_task(name="wsis_portal.letters.tasks.render_letter_pdf")
def render_letter_pdf(letter_id: int, language: str) -> bool:
    return services.render_pdf(letter_id, language)


@shared_task(name="wsis_portal.letters.tasks.requeue_stale_pdfs")
def requeue_stale_pdfs() -> int:
    found = services.stale_pdfs()
    for letter_id, language in found:
        render_letter_pdf.delay(letter_id, language)
    return len(found)
