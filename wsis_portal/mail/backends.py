"""An e-mail backend that puts messages in the outbox; delivery happens after the transaction commits."""

from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection, transaction
from django.utils.translation import get_language

from .models import OutboundMail

# Messages per delivery task: one task per message costs more than storing it; one per thousand would
# keep a single worker busy while the others wait.
DELIVERY_CHUNK = 100


class OutboxBackend(BaseEmailBackend):
    """Stores the messages of one call as ``OutboundMail`` rows (one INSERT per few hundred) in the active
    language, and once they are committed queues their delivery, ``DELIVERY_CHUNK`` messages per task.

    Messages with attachments are refused rather than silently stripped, before anything is stored: the
    outbox stores text only.
    """

    def send_messages(self, email_messages):
        from .tasks import deliver_mails

        mails = [self._outbound(message) for message in email_messages]
        if not mails:
            return 0
        if connection.features.can_return_rows_from_bulk_insert:
            OutboundMail.objects.bulk_create(mails, batch_size=500)
        else:  # a backend that cannot return the new ids gets them one row at a time
            for mail in mails:
                mail.save(force_insert=True)
        ids = [mail.pk for mail in mails]
        for start in range(0, len(ids), DELIVERY_CHUNK):
            chunk = ids[start : start + DELIVERY_CHUNK]
            # robust: a broker outage must not fail the request; requeue_stale_mail dispatches it later.
            transaction.on_commit(lambda chunk=chunk: deliver_mails.delay(chunk), robust=True)
        return len(mails)

    @staticmethod
    def _outbound(message):
        if message.attachments:
            raise ValueError("The outbox does not carry attachments; link to the document instead.")
        html = next(
            (
                content
                for content, mimetype in getattr(message, "alternatives", [])
                if mimetype == "text/html"
            ),
            "",
        )
        return OutboundMail(
            language=get_language() or "",
            from_email=message.from_email,
            to=list(message.to),
            cc=list(message.cc),
            bcc=list(message.bcc),
            reply_to=list(message.reply_to),
            subject=str(message.subject)[:500],
            body=message.body,
            html_body=html,
            headers={str(k): str(v) for k, v in (message.extra_headers or {}).items()},
        )
