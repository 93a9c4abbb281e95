"""The outbox: every message stored first, delivered once after commit, failures recorded and retried."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMessage, send_mail
from django.utils import timezone

from wsis_portal.mail import services
from wsis_portal.mail.models import OutboundMail
from wsis_portal.mail.tasks import requeue_stale_mail


def queue(subject="Hello", to="someone@example.org"):
    send_mail(subject, "Body", None, [to])
    return OutboundMail.objects.latest("id")


def test_sending_stores_the_message_in_the_outbox(db):
    stored = queue()
    assert (stored.subject, stored.body, stored.to, stored.status, stored.language) == (
        "Hello",
        "Body",
        ["someone@example.org"],
        "queued",
        "en",
    )


def test_delivery_waits_for_the_commit(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        queue()
    assert len(callbacks) == 1
    assert mail.outbox == []


def test_delivery_after_commit_sends_once(db, django_capture_on_commit_callbacks, eager_celery):
    with django_capture_on_commit_callbacks(execute=True):
        stored = queue()
    stored.refresh_from_db()
    assert stored.status == "sent"
    assert [m.subject for m in mail.outbox] == ["Hello"]


def test_deliver_twice_sends_once(db):
    stored = queue()
    assert services.deliver(stored.pk) is True
    assert services.deliver(stored.pk) is False
    assert len(mail.outbox) == 1
    stored.refresh_from_db()
    assert (stored.status, stored.attempts) == ("sent", 1)


def test_claim_is_exclusive(db):
    stored = queue()
    assert [services.claim(stored.pk), services.claim(stored.pk)] == [True, False]


def test_deliver_of_a_missing_message_does_nothing(db):
    assert services.deliver(987654) is False


def test_failed_delivery_is_recorded_and_requeued(db, settings):
    settings.OUTBOX_DELIVERY_BACKEND = "tests.mail.failing_backend.FailingBackend"
    stored = queue()
    assert services.deliver(stored.pk) is False
    stored.refresh_from_db()
    assert (stored.status, stored.attempts, stored.last_error) == ("queued", 1, "SMTP server unavailable")


def test_message_fails_for_good_after_the_last_attempt(db, settings):
    settings.OUTBOX_DELIVERY_BACKEND = "tests.mail.failing_backend.FailingBackend"
    settings.OUTBOX_MAX_ATTEMPTS = 2
    stored = queue()
    services.deliver(stored.pk)
    services.deliver(stored.pk)
    stored.refresh_from_db()
    assert (stored.status, stored.attempts) == ("failed", 2)
    assert services.deliver(stored.pk) is False


def test_stale_claim_is_put_back_and_old_queued_mail_is_dispatched_again(db):
    stale = queue("stale")
    OutboundMail.objects.filter(pk=stale.pk).update(
        status="sending",
        claimed_at=timezone.now() - timedelta(minutes=11),
        created_at=timezone.now() - timedelta(minutes=12),
    )
    fresh = queue("fresh")
    assert services.requeue_stale() == [stale.pk]
    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert (stale.status, fresh.status) == ("queued", "queued")


def test_periodic_task_delivers_what_was_left_behind(db, eager_celery):
    left = queue("left behind")
    OutboundMail.objects.filter(pk=left.pk).update(created_at=timezone.now() - timedelta(minutes=5))
    assert requeue_stale_mail.apply().get() == 1
    left.refresh_from_db()
    assert left.status == "sent"


def test_attachments_are_refused_rather_than_dropped(db):
    message = EmailMessage("With file", "Body", None, ["a@example.org"])
    message.attach("letter.pdf", b"%PDF-1.7", "application/pdf")
    with pytest.raises(ValueError):
        message.send()
    assert not OutboundMail.objects.exists()


def test_templated_mail_is_rendered_in_the_recipients_language(db):
    from tests.factories import FocalPointFactory

    focal_point = FocalPointFactory(status="declined", organisation__name="Sahel Mobile Networks")
    services.send_templated_mail(
        "stakeholders/email/focal_point_decided",
        "ar@example.org",
        {"user": focal_point.user, "focal_point": focal_point},
        "ar",
    )
    stored = OutboundMail.objects.get()
    assert (stored.language, stored.subject) == ("ar", "طلبك تمثيل Sahel Mobile Networks")
