"""Delivery by the Celery worker: a real worker on Redis when REDIS_URL is set, eager Celery otherwise."""

import time

import pytest
from django.core import mail
from django.core.mail import send_mail

from wsis_portal.mail.models import OutboundMail
from wsis_portal.mail.tasks import deliver_mail

pytestmark = pytest.mark.worker


def wait_until_sent(pk, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        stored = OutboundMail.objects.get(pk=pk)
        if stored.status == OutboundMail.Status.SENT:
            return stored
        time.sleep(0.1)
    raise AssertionError(f"outgoing mail {pk} still {stored.status} after {seconds} s")


@pytest.fixture
def celery_worker(celery_worker):
    """The session's worker, with its delivered-mail folder emptied for this test."""
    if celery_worker is not None:
        for path in celery_worker.iterdir():
            path.unlink()
    return celery_worker


def delivered_subjects(worker_mail_dir):
    if worker_mail_dir is None:
        return [message.subject for message in mail.outbox]
    return [
        line.split(": ", 1)[1]
        for path in sorted(worker_mail_dir.iterdir())
        for line in path.read_text().splitlines()
        if line.startswith("Subject: ")
    ]


def test_committed_mail_is_delivered_by_the_worker(transactional_db, celery_worker):
    send_mail("Worker delivery", "Body", None, ["worker@example.org"])
    stored = wait_until_sent(OutboundMail.objects.get().pk)
    assert stored.attempts == 1
    assert delivered_subjects(celery_worker) == ["Worker delivery"]


def test_a_task_queued_twice_delivers_once(transactional_db, celery_worker):
    send_mail("Only once", "Body", None, ["once@example.org"])
    pk = OutboundMail.objects.get().pk
    deliver_mail.delay(pk)
    deliver_mail.delay(pk)
    stored = wait_until_sent(pk)
    # Give the duplicate tasks time to run; they must find nothing to do.
    time.sleep(1 if celery_worker else 0)
    stored.refresh_from_db()
    assert stored.attempts == 1
    assert delivered_subjects(celery_worker) == ["Only once"]
