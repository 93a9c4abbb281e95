"""On PostgreSQL, two sweeps started at the same instant (two beats, a retried task) send one mail per
due reminder: inserts meet the unique key, claims skip each other's locked rows."""

import threading
import time

import pytest
from django.db import connection

from tests.consultations.factories import ContributionFactory
from tests.factories import UserFactory
from wsis_portal.mail.models import OutboundMail
from wsis_portal.reminders import services
from wsis_portal.reminders.models import ReminderDelivery

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's row locks"),
]


def test_two_sweeps_at_once_send_one_mail_per_due_reminder(clock, monkeypatch, celery_worker):
    monkeypatch.setattr(services, "BATCH_SIZE", 7)
    for number in range(60):
        ContributionFactory(owner=UserFactory(email=f"owner{number}@example.org"))
    start, results, errors = threading.Barrier(2), [], []

    def sweep():
        try:
            start.wait()
            results.append(services.sweep())
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sum(result["sent"] for result in results) == 60
    assert ReminderDelivery.objects.filter(status="sent").count() == 60
    assert OutboundMail.objects.count() == 60
    assert sorted(address for mail in OutboundMail.objects.all() for address in mail.to) == sorted(
        f"owner{number}@example.org" for number in range(60)
    )
    if celery_worker is not None:  # the real worker delivers each of them once
        deadline = time.monotonic() + 60
        while OutboundMail.objects.filter(status="sent").count() < 60 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert OutboundMail.objects.filter(status="sent").count() == 60
