"""On PostgreSQL with a real Celery worker on Redis: a worker killed (SIGKILL) while sending reminder
batches loses nothing and doubles nothing. Its open batch is rolled back with its connection; the next
sweep after the stale-claim delay claims what is left and a new worker sends each reminder exactly once."""

import os
import signal
from datetime import timedelta

import pytest
from django.utils import timezone

from consultations.models import CONTRIBUTIONS_PHASE, Contribution
from tests.consultations.factories import ConsultationFactory
from tests.factories import PhaseFactory
from tests.workers import needs_real_worker, start_worker, stop, wait_for, worker_env
from wsis_portal.editions.models import Process
from wsis_portal.mail.models import OutboundMail
from wsis_portal.reminders import services
from wsis_portal.reminders.models import ReminderDelivery
from wsis_portal.reminders.tasks import send_reminder_batch
from wsis_portal.stakeholders.models import User

pytestmark = [pytest.mark.django_db(transaction=True), needs_real_worker]
ITEMS = 1_500
QUEUE = f"wsis-reminders-kill-{os.getpid()}"


def start_mail_worker(tmp_path, name):
    """A worker on this test's queue whose mail backend writes the messages into ``tmp_path``."""
    return start_worker(name, QUEUE, worker_env(EMAIL_URL=f"filemail:///{tmp_path}"))


def sent():
    return ReminderDelivery.objects.filter(status="sent").count()


def dispatch(rule_key, token):
    send_reminder_batch.apply_async((rule_key, token), queue=QUEUE)


def drafts_due_now():
    """ITEMS drafts whose 7-day reminder is due on the real clock (the worker's clock is not frozen)."""
    now = timezone.now()
    consultation = ConsultationFactory(phase=False)
    PhaseFactory(
        edition=consultation.edition,
        process=Process.CONSULTATION,
        key=CONTRIBUTIONS_PHASE,
        opens_at=now - timedelta(days=30),
        closes_at=now + timedelta(days=5),
    )
    owners = User.objects.bulk_create(User(email=f"owner{number}@example.org") for number in range(ITEMS))
    Contribution.objects.bulk_create(
        Contribution(consultation=consultation, owner=owner, kind="priorities", title="Draft", language="en")
        for owner in owners
    )


def test_a_worker_killed_mid_batch_and_restarted_sends_the_rest_exactly_once(tmp_path):
    drafts_due_now()
    worker = start_mail_worker(tmp_path, "doomed")
    try:
        assert services.sweep(dispatch=dispatch)["batches"] == 3
        assert wait_for(lambda: sent() >= 500, 60)
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        worker.kill()
    killed_with = sent()
    assert killed_with in (500, 1000)  # whole batches only: killed while one was open or queued
    assert OutboundMail.objects.count() == killed_with  # the open batch left no mail behind
    services.sweep(dispatch=dispatch)  # too early: the claims are not stale yet
    assert ReminderDelivery.objects.filter(status="pending").count() == 0
    later = timezone.now() + services.STALE_CLAIM_AFTER + timedelta(minutes=1)
    replacement = start_mail_worker(tmp_path, "replacement")
    try:
        services.sweep(now=later, dispatch=dispatch)
        assert wait_for(lambda: sent() == ITEMS, 60)
    finally:
        stop(replacement)
    assert OutboundMail.objects.count() == ITEMS
    assert sorted(address for mail in OutboundMail.objects.all() for address in mail.to) == sorted(
        f"owner{number}@example.org" for number in range(ITEMS)
    )
