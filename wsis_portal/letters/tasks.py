"""Celery tasks of the letters: small, idempotent, calling the services."""

from celery import shared_task

from . import batches, services


@shared_task(name="wsis_portal.letters.tasks.render_letter_pdf")
def render_letter_pdf(letter_id: int, language: str) -> bool:
    return services.render_pdf(letter_id, language)


@shared_task(name="wsis_portal.letters.tasks.prepare_letter_batch")
def prepare_letter_batch(batch_id: int) -> int:
    """List a batch's recipients, then spread its copies over the workers in chunks."""
    chunks = batches.prepare(batch_id)
    for chunk in chunks:
        render_letter_chunk.delay(chunk)
    return len(chunks)


@shared_task(name="wsis_portal.letters.tasks.render_letter_chunk")
def render_letter_chunk(copy_ids: list[int]) -> int:
    return batches.render_chunk(copy_ids)


@shared_task(name="wsis_portal.letters.tasks.requeue_stale_pdfs")
def requeue_stale_pdfs() -> int:
    """Queue again every piece of letter work whose task was lost or whose worker died; returns how many."""
    found = services.stale_pdfs()
    for letter_id, language in found:
        render_letter_pdf.delay(letter_id, language)
    lost = batches.lost_work()
    for batch_id in lost["batches"]:
        prepare_letter_batch.delay(batch_id)
    for chunk in lost["chunks"]:
        render_letter_chunk.delay(chunk)
    for batch_id in lost["archives"]:
        batches.build_archive(batch_id)
    return len(found) + len(lost["batches"]) + len(lost["chunks"]) + len(lost["archives"])
