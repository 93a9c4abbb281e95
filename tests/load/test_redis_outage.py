"""Redis stopped while stakeholders submit, then started again, on PostgreSQL with gunicorn and a real
worker (the test's own redis-server, worker and web process). Every submission made while Redis is down
is acknowledged and kept, without a 5xx or a hang; once Redis is back, the outbox requeue that beat runs
has the worker deliver every receipt exactly once, even when two ticks overlap."""

import re
import threading
import time
from datetime import timedelta

import pytest
from celery import Celery
from django.conf import settings
from django.utils import timezone

from bench.surge import (
    DOMAIN,
    Browser,
    RedisServer,
    Tally,
    contribution_fields,
    delivered_messages,
    make_stakeholders,
    one_submission,
    open_consultation,
    portal,
    wait_until,
)
from consultations.models import Contribution
from wsis_portal.lifecycle.models import SubmissionState
from wsis_portal.mail.models import OutboundMail

from .stack import database_url, needs_postgresql_and_redis

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow, needs_postgresql_and_redis]
STAKEHOLDERS = 6
REQUEUE = settings.CELERY_BEAT_SCHEDULE["outbox-requeue-stale"]["task"]
DELIVER = "wsis_portal.mail.tasks.deliver_mails"


def task_outcomes(log, name, task_id=r"[\w-]+"):
    """What the worker's tasks of this name returned, in order, as its log tells."""
    return re.findall(rf"{re.escape(name)}\[{task_id}\] succeeded in [\d.]+s: (\w+)", log.read_text())


@pytest.fixture
def redis(tmp_path):
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


def submit_at_once(port, stakeholders):
    """Each stakeholder saves and submits one contribution, all at the same time, without thinking."""
    tally = Tally()
    threads = [
        threading.Thread(
            target=one_submission,
            args=(
                Browser(port, session),
                language,
                tally,
                lambda: True,
                contribution_fields(language, i),
            ),
        )
        for i, (session, language) in enumerate(stakeholders)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tally


def test_submissions_made_while_redis_is_stopped_are_kept_and_their_receipts_delivered_once(redis, tmp_path):
    open_consultation()
    stakeholders = make_stakeholders(STAKEHOLDERS, secret_key=settings.SECRET_KEY)
    with portal(
        database_url(),
        tmp_path,
        workers=1,
        threads=4,
        secret_key=settings.SECRET_KEY,
        redis=redis,
        settings_module="tests.load.web_settings",
        collect_static=False,
    ) as stack:
        redis.stop()
        started = time.monotonic()
        tally = submit_at_once(stack.port, stakeholders)
        seconds = time.monotonic() - started

        assert (tally.server_errors, tally.other_errors) == (0, 0), dict(tally.errors)
        assert len(tally.acknowledged) == STAKEHOLDERS
        assert seconds < 30  # a publish to the stopped broker fails within seconds; nothing hangs
        submitted = Contribution.objects.filter(state=SubmissionState.SUBMITTED)
        assert dict(submitted.values_list("pk", "reference")) == tally.acknowledged
        mails = OutboundMail.objects.filter(to__icontains=f"@{DOMAIN}")
        assert sorted(mails.values_list("status", flat=True)) == ["queued"] * STAKEHOLDERS

        redis.start()
        # The worker's clock is real: age the receipts past the minute after which a queued one is requeued.
        mails.update(created_at=timezone.now() - timedelta(minutes=2))
        beat = Celery("beat", broker=redis.url, set_as_current=False)
        try:
            # Two beats tick at once (or a tick is retried): each queues every receipt, the claims keep one.
            ticks = [beat.send_task(REQUEUE, queue=stack.queue).id for _tick in range(2)]
        finally:
            beat.close()
        log = stack.worker_log
        assert wait_until(lambda: len(task_outcomes(log, DELIVER)) == 2, 60), log.read_text()

    assert [task_outcomes(log, REQUEUE, tick) for tick in ticks] == [[str(STAKEHOLDERS)]] * 2
    assert sorted(task_outcomes(log, DELIVER)) == ["0", str(STAKEHOLDERS)]  # each receipt sent once

    owners = sorted(submitted.values_list("owner__email", flat=True))
    delivered = delivered_messages(stack.mail_dir)
    assert sorted(delivered.elements()) == owners  # one receipt each, none twice
    assert sorted(mails.values_list("to", "status", "attempts")) == [([owner], "sent", 1) for owner in owners]
