"""Sending mail: rendered in the recipient's language, stored in the outbox, delivered exactly once."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import OutboundMail

log = logging.getLogger(__name__)


def send_templated_mail(template_prefix, recipient, context, language):
    """Render ``<prefix>_subject.txt`` and ``_message.txt`` in ``language`` and put them in the outbox."""
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template_prefix}_subject.txt", context).split())
        body = render_to_string(f"{template_prefix}_message.txt", context)
        EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient]).send()


def claim(mail_id) -> bool:
    """Take a queued message for delivery; exactly one caller can succeed for a given message."""
    return bool(
        OutboundMail.objects.filter(pk=mail_id, status=OutboundMail.Status.QUEUED).update(
            status=OutboundMail.Status.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1
        )
    )


def deliver(mail_id, connection=None) -> bool:
    """Deliver one claimed-or-queued message through the real backend. Returns True when it was sent now.

    A message already sent, being sent by someone else, or gone is left alone, so calling this twice is
    harmless. A failure puts the message back in the queue until ``OUTBOX_MAX_ATTEMPTS``, then marks it
    failed. ``connection`` is an open delivery backend to reuse (``deliver_many``); by default each
    message opens its own.
    """
    if not claim(mail_id):
        return False
    mail = OutboundMail.objects.get(pk=mail_id)
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.body,
        from_email=mail.from_email,
        to=mail.to,
        cc=mail.cc,
        bcc=mail.bcc,
        reply_to=mail.reply_to,
        headers=mail.headers,
        connection=connection or get_connection(settings.OUTBOX_DELIVERY_BACKEND, fail_silently=False),
    )
    if mail.html_body:
        message.attach_alternative(mail.html_body, "text/html")
    try:
        message.send()
    except Exception as error:  # any transport error: record it, retry later
        log.warning("Delivery of outgoing mail %s failed: %s", mail_id, error)
        status = (
            OutboundMail.Status.FAILED
            if mail.attempts >= settings.OUTBOX_MAX_ATTEMPTS
            else OutboundMail.Status.QUEUED
        )
        OutboundMail.objects.filter(pk=mail_id).update(status=status, last_error=str(error)[:2000])
        if connection is not None:
            connection.close()  # the next message opens a fresh one rather than reuse a broken one
        return False
    OutboundMail.objects.filter(pk=mail_id).update(
        status=OutboundMail.Status.SENT, sent_at=timezone.now(), last_error=""
    )
    return True


def deliver_many(mail_ids) -> int:
    """``deliver`` each of ``mail_ids`` over one connection to the mail server; each message is claimed
    on its own, so a repeated or overlapping call sends none twice. Returns how many were sent now."""
    connection = get_connection(settings.OUTBOX_DELIVERY_BACKEND, fail_silently=False)
    try:
        connection.open()
    except Exception as error:  # each message then tries on its own and records why it failed
        log.warning("Could not connect to deliver outgoing mail: %s", error)
    try:
        return sum(deliver(mail_id, connection) for mail_id in mail_ids)
    finally:
        connection.close()


def requeue_stale(now=None):
    """Put back in the queue messages whose sender vanished, and list the queued ones to (re)dispatch.

    Returns the ids of messages that are queued and older than a minute (their task may have been lost,
    for example while the broker was down); dispatching them again is safe because delivery claims first.
    """
    now = now or timezone.now()
    OutboundMail.objects.filter(
        status=OutboundMail.Status.SENDING, claimed_at__lt=now - settings.OUTBOX_STALE_AFTER
    ).update(status=OutboundMail.Status.QUEUED)
    return list(
        OutboundMail.objects.filter(
            status=OutboundMail.Status.QUEUED, created_at__lt=now - timedelta(minutes=1)
        ).values_list("pk", flat=True)
    )
