"""Loaded by the test suite's Celery workers only (``CELERY_IMPORTS`` in tests.settings).

A transactional test (the browser journeys) empties every table and its set-up creates the content types
again, with new ids. A worker lives through many tests: before each task it forgets the content types it
cached, or what it writes to the audit log would point at ids that no longer exist."""

from celery.signals import task_prerun


@task_prerun.connect
def _forget_content_types(**kwargs):
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
