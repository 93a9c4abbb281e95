from celery import shared_task

from . import retention


@shared_task
def purge_personal_data():
    """Daily: remove the personal data of editions past the retention period (idempotent); what was removed,
    by edition year (as text, the way the result travels)."""
    return {str(year): removed for year, removed in retention.purge().items()}
