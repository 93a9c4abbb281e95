"""The reminder sweep: find what is due, record it once, claim it, send it through the outbox, once.

Exactly once, step by step:

- due reminders are inserted with ``INSERT … ON CONFLICT DO NOTHING`` against the unique key (rule,
  object, recipient, offset): two beats or two concurrent sweeps insert each reminder once;
- pending rows are claimed by conditional UPDATEs (``FOR UPDATE SKIP LOCKED`` on PostgreSQL) that stamp
  each batch with its claim token, a few batches per transaction: two sweeps never claim the same row, and
  a batch is handed to a worker only once its claim is committed;
- the mails of a claimed batch are put in the outbox and the rows marked sent in ONE transaction that holds
  the rows' locks: a crash leaves them claimed and unsent, and the stale-claim reset (which waits for those
  locks) puts them back to pending, so they are sent again later and never twice. The outbox rows of a
  batch are inserted together and delivered by a few tasks of many mails each; delivery claims each mail
  alone, so a repeated task sends none twice.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection, transaction
from django.db.models import F, Q
from django.template.loader import get_template
from django.urls import reverse
from django.utils import dateformat, timezone, translation
from django.utils.translation import pgettext

from wsis_portal.editions.schedule import GENEVA
from wsis_portal.editions.templatetags.deadlines import zone_label
from wsis_portal.links import absolute_url, portal_url
from wsis_portal.timezones import zone_or_none

from . import registry
from .models import ReminderDelivery, ReminderOptOut, ReminderRule
from .stencils import Stencils

Status = ReminderDelivery.Status
# A claim older than this belongs to a worker that died mid-send.
STALE_CLAIM_AFTER = timedelta(minutes=15)
BATCH_SIZE = 500
# Batches a sweep that hands them to the workers claims in one transaction.
CLAIMED_AT_ONCE = 20
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
    return ReminderDelivery.objects.filter(_stale(now)).update(status=Status.PENDING, claim_token="")


def _stale(now):
    return Q(status=Status.CLAIMED, claimed_at__lt=now - STALE_CLAIM_AFTER)


def resend(deliveries) -> int:
    """Send sent or failed reminders once more: the rows go back to pending (a conditional UPDATE, so
    repeating the action before the sweep ran changes nothing) and the next sweep sends each once, if it
    still applies (otherwise it is marked "no longer due"). Returns how many were put back."""
    return deliveries.filter(status__in=(Status.SENT, Status.FAILED)).update(
        status=Status.PENDING, claim_token="", error=""
    )


def _wanted(rule, now, pks=None):
    """``(key, candidate)`` of each candidate of ``rule`` at ``now`` (among the objects ``pks`` when
    given) that may be reminded: it has an address and did not opt out. The key is (content type id,
    object id, e-mail in lower case)."""
    opted_out = set()
    if rule.optional:
        opted_out = set(ReminderOptOut.objects.filter(rule=rule.key).values_list("email", flat=True))
    content_types = {}
    for candidate in rule.candidates(now, pks):
        email = (candidate.email or "").strip().lower()
        if not email or email in opted_out:
            continue
        model = type(candidate.obj)
        if model not in content_types:
            content_types[model] = ContentType.objects.get_for_model(model).pk
        yield (content_types[model], candidate.obj.pk, email), candidate


def _due(rule, now, pks=None, wanted=None):
    """``{(content type id, object id, e-mail): (candidate, offset)}`` of what ``rule`` has due now (among
    the objects ``pks`` when given, or among ``wanted``, pairs given by ``_wanted``)."""
    due, offsets = {}, {}
    for key, candidate in _wanted(rule, now, pks) if wanted is None else wanted:
        if candidate.anchor not in offsets:  # most candidates share a deadline: compute it once
            offsets[candidate.anchor] = rule.due_offset(candidate.anchor, now)
        offset = offsets[candidate.anchor]
        if offset is not None:
            due[key] = (candidate, offset)
    return due


def _language(candidate):
    return candidate.language or settings.LANGUAGE_CODE


def _unrecorded(rule, due):
    """The ``(key, candidate, offset)`` of ``due`` that have no delivery row yet."""
    if not due:
        return []
    offsets = {offset for _candidate, offset in due.values()}
    recorded = set(
        ReminderDelivery.objects.filter(rule=rule.key, offset__in=offsets).values_list(
            "content_type_id", "object_id", "recipient", "offset"
        )
    )
    return [
        (key, candidate, offset) for key, (candidate, offset) in due.items() if (*key, offset) not in recorded
    ]


# The columns a sweep fills in; every other column of a new delivery row takes its default.
RECORDED = ("rule", "content_type", "object_id", "recipient", "language", "offset", "anchor", "due_at")


def _record(rule, due, now):
    """Insert the due reminders not recorded yet; a concurrent sweep's rows are skipped by the unique key."""
    instant = ReminderDelivery._meta.get_field("due_at")
    instants = {}  # most rows share a deadline: compute and adapt its instants once
    rows = []
    for (content_type_id, object_id, email), candidate, offset in _unrecorded(rule, due):
        if (candidate.anchor, offset) not in instants:
            instants[candidate.anchor, offset] = (
                instant.get_db_prep_save(candidate.anchor, connection),
                instant.get_db_prep_save(rule.send_at(candidate.anchor, offset), connection),
            )
        rows.append(
            (
                rule.key,
                content_type_id,
                object_id,
                email,
                _language(candidate),
                offset,
                *instants[candidate.anchor, offset],
            )
        )
    _insert_new(rows, now)


def _insert_new(rows, now):
    """``INSERT … ON CONFLICT DO NOTHING`` of ``rows`` (tuples of the ``RECORDED`` columns, adapted for
    the database), the other columns at their defaults and ``created_at`` at ``now``.

    Written in SQL because ``bulk_create`` spends longer preparing 100,000 rows in Python than the
    database takes to insert them. The rows go in key order, so two sweeps inserting the same keys wait
    for each other instead of deadlocking; each statement commits on its own.
    """
    if not rows:
        return
    meta = ReminderDelivery._meta
    others = [field for field in meta.concrete_fields if not field.primary_key and field.name not in RECORDED]
    defaults = tuple(
        field.get_db_prep_save(
            now if getattr(field, "auto_now_add", False) else field.get_default(), connection
        )
        for field in others
    )
    quote = connection.ops.quote_name
    columns = [meta.get_field(name).column for name in RECORDED] + [field.column for field in others]
    placeholders = "(" + ", ".join(["%s"] * len(columns)) + ")"
    per_statement = min(1000, (connection.features.max_query_params or 65535) // len(columns))
    rows.sort(key=lambda row: (row[1], row[2], row[3], row[5]))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            cursor.execute(
                # Only names from the model's metadata are written into the statement; values are parameters.
                f"INSERT INTO {quote(meta.db_table)} ({', '.join(map(quote, columns))}) "  # noqa: S608
                f"VALUES {', '.join([placeholders] * len(chunk))} ON CONFLICT DO NOTHING",
                [value for row in chunk for value in (*row, *defaults)],
            )


def _claim(rule_key, now, batches=1):
    """Claim up to ``batches`` batches of ``BATCH_SIZE`` pending rows of a rule in one transaction (one
    commit for them all); returns their claim tokens, none when nothing is left."""
    tokens = []
    with transaction.atomic():
        # No ORDER BY: the partial index of pending rows then stops at the first rows it needs.
        pending = ReminderDelivery.objects.filter(rule=rule_key, status=Status.PENDING).order_by()
        if connection.features.has_select_for_update_skip_locked:
            pending = pending.select_for_update(skip_locked=True)
        ids = list(pending.values_list("pk", flat=True)[: BATCH_SIZE * batches])
        for start in range(0, len(ids), BATCH_SIZE):
            token = uuid.uuid4().hex
            ReminderDelivery.objects.filter(
                pk__in=ids[start : start + BATCH_SIZE], status=Status.PENDING
            ).update(status=Status.CLAIMED, claim_token=token, claimed_at=now, attempts=F("attempts") + 1)
            tokens.append(token)
    return tokens


def shown_deadline(anchor, time_zone=""):
    """``anchor`` as a reminder writes it, in the active language: ``geneva`` in Geneva time with the
    zone's abbreviation (“20 March 2026, 23:59 CET”) and, when ``time_zone`` names another known zone,
    ``local`` in that zone with its abbreviation and ``zone`` its name (“New York”); both empty else."""
    written = pgettext("date and time of a deadline", "j F Y, H:i")
    geneva = anchor.astimezone(GENEVA)
    shown = {
        "geneva": f"{dateformat.format(geneva, written)} {geneva.strftime('%Z')}",
        "local": "",
        "zone": "",
    }
    zone = zone_or_none(time_zone)
    if zone is not None and zone.key != GENEVA.key:
        local = anchor.astimezone(zone)
        shown["local"] = f"{dateformat.format(local, written)} {local.strftime('%Z')}"
        shown["zone"] = zone_label(zone)
    return shown


def subject_of(rule, item, language, context) -> str:
    """The subject of ``rule``'s mail about ``item`` as its recipient reads it, in ``language``."""
    with translation.override(language), timezone.override(GENEVA):
        subject = get_template(f"{rule.template}_subject.txt").render({"item": item, **context})
    return " ".join(subject.split())


class ReminderMails:
    """Writes the reminder mails of one rule for one batch, in the active language: the three templates are
    rendered through stencils (``stencils``: what the mails share is rendered once per language and
    shape, and the result is exactly the plain render), and the opt-out path and each deadline as written
    in a zone are computed once per language."""

    SUFFIXES = ("_subject.txt", "_message.txt", "_message.html")

    def __init__(self, rule):
        self.rule = rule
        self.templates = None
        self.shared = {}

    def render(self, context):
        """The subject, text and HTML of a mail: exactly what rendering each template would give."""
        if self.templates is None:
            self.templates = Stencils(
                get_template(f"{self.rule.template}{suffix}") for suffix in self.SUFFIXES
            )
        return self.templates.render(context)

    def once(self, key, compute):
        key = (translation.get_language(), *key)
        if key not in self.shared:
            self.shared[key] = compute()
        return self.shared[key]

    def opt_out_url(self, email):
        # reverse() costs more than rendering the subject; the paths differ only by their token.
        head, _zero, tail = self.once(
            ("opt-out",), lambda: reverse("reminders:opt_out", args=["0"]).rpartition("0")
        )
        return absolute_url(f"{head}{opt_out_token(email, self.rule.key)}{tail}")

    def context(self, candidate, row):
        """What the templates get, in the active language: ``item`` (the object), ``anchor`` (the deadline
        or event), ``deadline`` (the anchor as ``shown_deadline`` writes it in the recipient's zone),
        ``offset``, ``portal_url``, ``language``, ``direction``, ``opt_out_url`` for optional rules, and
        the candidate's context."""
        context = {
            "item": candidate.obj,
            "anchor": candidate.anchor,
            "deadline": self.once(
                ("deadline", candidate.anchor, candidate.time_zone),
                lambda: shown_deadline(candidate.anchor, candidate.time_zone),
            ),
            "offset": row.offset,
            "portal_url": portal_url(),
            "language": translation.get_language(),
            "direction": "rtl" if translation.get_language_bidi() else "ltr",
            **candidate.context,
        }
        if self.rule.optional:
            context["opt_out_url"] = self.opt_out_url(row.recipient)
        return context

    def message(self, candidate, row):
        """The mail of ``row`` in the active language: plain text plus HTML with ``lang`` and ``dir``."""
        subject, text, html = self.render(self.context(candidate, row))
        message = EmailMultiAlternatives(
            " ".join(subject.split()), text, settings.DEFAULT_FROM_EMAIL, [row.recipient]
        )
        message.attach_alternative(html, "text/html")
        return message


def send_batch(rule_key, token, now=None) -> dict:
    """Send the reminders claimed under ``token`` that still apply at ``now``, once: the outbox rows and
    the "sent" marks are written in one transaction holding the rows' locks. Returns the counts.

    The mails are written language by language and put in the outbox together (one INSERT per few
    hundred mails, one delivery task per ``DELIVERY_CHUNK``); a mail whose template fails to render
    fails that reminder alone."""
    now = now or timezone.now()
    counts = {"sent": 0, "failed": 0, "cancelled": 0}
    rule = registry.get(rule_key)
    with transaction.atomic():
        rows = list(
            ReminderDelivery.objects.select_for_update()
            .filter(claim_token=token, status=Status.CLAIMED)
            .only("pk", "content_type", "object_id", "recipient", "language", "offset")
        )
        if not rows:
            return counts
        due = _due(rule, now, [row.object_id for row in rows]) if rule else {}
        by_language, cancelled = {}, []
        for row in rows:
            found = due.get((row.content_type_id, row.object_id, row.recipient))
            if found is None:
                cancelled.append(row.pk)
            else:
                by_language.setdefault(row.language, []).append((row, found[0]))
        sent, failed = _put_in_outbox(rule, by_language)
        for pk, error in failed.items():
            ReminderDelivery.objects.filter(pk=pk).update(status=Status.FAILED, error=error)
        ReminderDelivery.objects.filter(pk__in=sent).update(status=Status.SENT, sent_at=now, error="")
        ReminderDelivery.objects.filter(pk__in=cancelled).update(status=Status.CANCELLED)
    return {"sent": len(sent), "failed": len(failed), "cancelled": len(cancelled)}


def _put_in_outbox(rule, by_language):
    """Write the mails of ``by_language`` (``{language: [(row, candidate)]}``) and put each language's in
    the outbox at once. Returns the ids of the rows sent and ``{id: error}`` of those that failed."""
    outbox = get_connection()
    mails = ReminderMails(rule)
    sent, failed = [], {}
    for language, group in by_language.items():
        messages = []
        with translation.override(language), timezone.override(GENEVA):
            for row, candidate in group:
                try:
                    messages.append(mails.message(candidate, row))
                except Exception as error:  # a broken template fails this reminder, not the batch
                    failed[row.pk] = str(error)[:2000]
                else:
                    sent.append(row.pk)
            outbox.send_messages(messages)
    return sent, failed


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
        _record(rule, _due(rule, now), now)
        # Claimed batches are handed over only once their claim is committed, and sent here one by one.
        while tokens := _claim(rule.key, now, CLAIMED_AT_ONCE if dispatch is not None else 1):
            for token in tokens:
                counts["batches"] += 1
                if dispatch is not None:
                    dispatch(rule.key, token)
                    continue
                for name, value in send_batch(rule.key, token, now).items():
                    counts[name] += value
    return counts
