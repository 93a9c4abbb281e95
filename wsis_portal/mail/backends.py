"""An e-mail backend that puts messages in the outbox; delivery happens after the transaction commits."""

from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils.translation import get_language

from .models import OutboundMail


class OutboxBackend(BaseEmailBackend):
    """Stores each message as an ``OutboundMail`` and queues its delivery once the row is committed.

    Messages with attachments are refused rather than silently stripped: the outbox stores text only.
    """

    def send_messages(self, email_messages):
        from .tasks import deliver_mail

        count = 0
        for message in email_messages:
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
            mail = OutboundMail.objects.create(
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
            # robust: a broker outage must not fail the request; requeue_stale_mail dispatches it later.
            transaction.on_commit(lambda pk=mail.pk: deliver_mail.delay(pk), robust=True)
            count += 1
        return count
