"""The reminder sweep: find what is due, record it once, claim it, send it through the outbox, once.

Exactly once, step by step:

- due reminders are inserted with ``bulk_create(ignore_conflicts=True)`` against the unique key (rule,
  object, recipient, offset): two beats or two concurrent sweeps insert each reminder once;
- pending rows are claimed by a conditional UPDATE (``FOR UPDATE SKIP LOCKED`` on PostgreSQL) that stamps
  them with a claim token: two sweeps never claim the same row;
- the mails of a claimed batch are put in the outbox and the rows marked sent in ONE transaction that holds
  the rows' locks: a crash leaves them claimed and unsent, and the stale-claim reset (which waits for those
  locks) puts them back to pending, so they are sent again later and never twice.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from wsis_portal.editions.schedule import GENEVA

from . import registry
from .models import ReminderDelivery, ReminderOptOut, ReminderRule

Status = ReminderDelivery.Status
# A claim older than this belongs to a worker that died mid-send.
STALE_CLAIM_AFTER = timedelta(minutes=15)
BATCH_SIZE = 500
OPT_OUT_SALT = "wsis_portal.reminders.opt_out"


def opt_out_token(email: str, rule_key: str) -> str:
    return signing.dumps({"e": email.lower(), "r": rule_key}, salt=OPT_OUT_SALT, compress=True)


def read_opt_out_token(token: str):
    """``(email, rule)`` named by a signed opt-out link, or None for a forged link or an unknown rule."""
    try:
        data = signing.loads(token, salt=OPT_OUT_SALT)
    except signing.BadSignature:
        return None
    rule = registry.get(data.get("r", ""))
    if rule is None or not rule.optional or not data.get("e"):
        return None
    return data["e"], rule


def opt_out(email: str, rule_key: str) -> None:
    """Stop ``rule_key``'s reminders to ``email``; pending ones are cancelled by the next sweep."""
    ReminderOptOut.objects.get_or_create(email=email.lower(), rule=rule_key)


def sync_rules() -> set[str]:
    """Give each registered rule its switch row; return the keys of the paused ones."""
    ReminderRule.objects.bulk_create(
        [ReminderRule(key=rule.key) for rule in registry.rules()], ignore_conflicts=True
    )
    return set(ReminderRule.objects.filter(paused=True).values_list("key", flat=True))


def reset_stale_claims(now=None) -> int:
    """Put back to pending the rows claimed longer than ``STALE_CLAIM_AFTER`` ago and never marked sent.

    On PostgreSQL the UPDATE waits for a batch still being sent (it holds the rows' locks) and then finds
    them sent, so a slow sender is never doubled by a reset.
    """
    now = now or timezone.now()
    return ReminderDelivery.objects.filter(
        status=Status.CLAIMED, claimed_at__lt=now - STALE_CLAIM_AFTER
    ).update(status=Status.PENDING, claim_token="")


def resend(deliveries) -> int:
    """Send sent or failed reminders once more: the rows go back to pending (a conditional UPDATE, so
    repeating the action before the sweep ran changes nothing) and the next sweep sends each once, if it
    still applies (otherwise it is marked "no longer due"). Returns how many were put back."""
    return deliveries.filter(status__in=(Status.SENT, Status.FAILED)).update(
        status=Status.PENDING, claim_token="", error=""
    )


def _due(rule, now, pks=None):
    """``{(content type id, object id, e-mail): (candidate, offset)}`` of what ``rule`` has due now (among
    the objects ``pks`` when given)."""
    opted_out = set()
    if rule.optional:
        opted_out = set(ReminderOptOut.objects.filter(rule=rule.key).values_list("email", flat=True))
    due, offsets = {}, {}
    for candidate in rule.candidates(now, pks):
        email = (candidate.email or "").strip().lower()
        if not email or email in opted_out:
            continue
        if candidate.anchor not in offsets:  # most candidates share a deadline: compute it once
            offsets[candidate.anchor] = rule.due_offset(candidate.anchor, now)
        offset = offsets[candidate.anchor]
        if offset is not None:
            content_type = ContentType.objects.get_for_model(candidate.obj)
            due[(content_type.pk, candidate.obj.pk, email)] = (candidate, offset)
    return due


def _record(rule, due):
    """Insert the due reminders not recorded yet; a concurrent sweep's rows are skipped by the unique key."""
    recorded = set(
        ReminderDelivery.objects.filter(rule=rule.key).values_list(
            "content_type_id", "object_id", "recipient", "offset"
        )
    )
    send_at = {}
    rows = []
    for (content_type_id, object_id, email), (candidate, offset) in due.items():
        if (content_type_id, object_id, email, offset) in recorded:
            continue
        if (candidate.anchor, offset) not in send_at:
            send_at[candidate.anchor, offset] = rule.send_at(candidate.anchor, offset)
        rows.append(
            ReminderDelivery(
                rule=rule.key,
                content_type_id=content_type_id,
                object_id=object_id,
                recipient=email,
                language=candidate.language or settings.LANGUAGE_CODE,
                offset=offset,
                anchor=candidate.anchor,
                due_at=send_at[candidate.anchor, offset],
            )
        )
    ReminderDelivery.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)


def _claim(rule_key, now):
    """Claim up to ``BATCH_SIZE`` pending rows of a rule; returns the claim token, or None if none is left."""
    token = uuid.uuid4().hex
    with transaction.atomic():
        # No ORDER BY: the index on (rule, status) then stops at the first BATCH_SIZE rows.
        pending = ReminderDelivery.objects.filter(rule=rule_key, status=Status.PENDING).order_by()
        if connection.features.has_select_for_update_skip_locked:
            pending = pending.select_for_update(skip_locked=True)
        ids = list(pending.values_list("pk", flat=True)[:BATCH_SIZE])
        if not ids:
            return None
        ReminderDelivery.objects.filter(pk__in=ids, status=Status.PENDING).update(
            status=Status.CLAIMED, claim_token=token, claimed_at=now, attempts=F("attempts") + 1
        )
    return token


def _message(rule, candidate, row):
    """The reminder mail in the recipient's language: plain text plus HTML with ``lang`` and ``dir``."""
    context = {
        "item": candidate.obj,
        "anchor": candidate.anchor,
        "offset": row.offset,
        "portal_url": settings.PORTAL_URL,
        **candidate.context,
    }
    with translation.override(row.language), timezone.override(GENEVA):
        if rule.optional:
            path = reverse("reminders:opt_out", args=[opt_out_token(row.recipient, rule.key)])
            context["opt_out_url"] = f"{settings.PORTAL_URL}{path}"
        context["language"] = translation.get_language()
        context["direction"] = "rtl" if translation.get_language_bidi() else "ltr"
        subject = " ".join(render_to_string(f"{rule.template}_subject.txt", context).split())
        text = render_to_string(f"{rule.template}_message.txt", context)
        html = render_to_string(f"{rule.template}_message.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [row.recipient])
    message.attach_alternative(html, "text/html")
    return message


def send_batch(rule_key, token, now=None) -> dict:
    """Send the reminders claimed under ``token`` that still apply at ``now``, once: the outbox rows and
    the "sent" marks are written in one transaction holding the rows' locks. Returns the counts."""
    now = now or timezone.now()
    counts = {"sent": 0, "failed": 0, "cancelled": 0}
    rule = registry.get(rule_key)
    outbox = get_connection()
    with transaction.atomic():
        rows = list(
            ReminderDelivery.objects.select_for_update().filter(claim_token=token, status=Status.CLAIMED)
        )
        if not rows:
            return counts
        due = _due(rule, now, [row.object_id for row in rows]) if rule else {}
        sent, cancelled = [], []
        for row in rows:
            found = due.get((row.content_type_id, row.object_id, row.recipient))
            if found is None:
                cancelled.append(row.pk)
                continue
            try:
                message = _message(rule, found[0], row)
            except Exception as error:  # a broken template fails this reminder, not the batch
                ReminderDelivery.objects.filter(pk=row.pk).update(
                    status=Status.FAILED, error=str(error)[:2000]
                )
                counts["failed"] += 1
                continue
            with translation.override(row.language):
                outbox.send_messages([message])
            sent.append(row.pk)
        ReminderDelivery.objects.filter(pk__in=sent).update(status=Status.SENT, sent_at=now, error="")
        ReminderDelivery.objects.filter(pk__in=cancelled).update(status=Status.CANCELLED)
    counts["sent"] += len(sent)
    counts["cancelled"] += len(cancelled)
    return counts


def sweep(now=None, dispatch=None) -> dict:
    """Send every reminder due at ``now`` exactly once; safe to run twice or concurrently.

    For each rule not paused: compute what is due, record it, then claim pending rows in batches. Each
    batch is sent here, or handed to ``dispatch(rule_key, token)`` (the Celery task spreads batches over
    the workers). A pending row whose reminder no longer applies (the draft was submitted, the recipient
    opted out, the deadline passed) is marked cancelled. Returns the counts of sent, failed and cancelled
    reminders and of the batches claimed.
    """
    now = now or timezone.now()
    paused = sync_rules()
    reset_stale_claims(now)
    counts = {"sent": 0, "failed": 0, "cancelled": 0, "batches": 0}
    for rule in registry.rules():
        if rule.key in paused:
            continue
        _record(rule, _due(rule, now))
        while token := _claim(rule.key, now):
            counts["batches"] += 1
            if dispatch is not None:
                dispatch(rule.key, token)
                continue
            for name, value in send_batch(rule.key, token, now).items():
                counts[name] += value
    return counts
