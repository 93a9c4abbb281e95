"""A short deadline surge, the bench's own code (bench/surge.py) at CI size: 30 signed-in stakeholders save
and submit contributions for 10 s against gunicorn in production mode, with a real Celery worker on a
redis-server of the test's own. No answer is a 5xx, every acknowledged submission is in the database with
the reference the stakeholder was shown, and every receipt is delivered exactly once. Timing is the
bench's business, not asserted here."""

import pytest
from django.conf import settings

from bench.surge import check, make_stakeholders, open_consultation, portal, surge

from .stack import database_url, needs_postgresql_and_redis

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow, needs_postgresql_and_redis]


def test_thirty_stakeholders_submitting_for_ten_seconds_get_no_5xx_and_lose_nothing(tmp_path):
    open_consultation()
    stakeholders = make_stakeholders(30, secret_key=settings.SECRET_KEY)
    with portal(
        database_url(),
        tmp_path,
        workers=2,
        threads=4,
        secret_key=settings.SECRET_KEY,
        settings_module="tests.load.web_settings",
        collect_static=False,
    ) as stack:
        tally = surge(stack.port, stakeholders, seconds=10, think=(0.3, 1.0))
        outcome = check(tally, stack.mail_dir, drain_seconds=60)

    assert (tally.server_errors, tally.other_errors) == (0, 0), dict(tally.errors)
    assert outcome.acknowledged > 0
    assert outcome.found == outcome.acknowledged == outcome.submitted_in_database
    assert outcome.half_written == 0
    assert outcome.mails_queued == outcome.mails_sent == outcome.mails_delivered == outcome.acknowledged
    assert (outcome.mails_delivered_twice, outcome.mails_retried) == (0, 0)
