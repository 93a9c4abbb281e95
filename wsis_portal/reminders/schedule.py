"""What the reminders have scheduled: for each rule, exactly what the sweep run now would send, then the
next reminder coming for each candidate. Computed by the sweep's own selection (``services``), so the
secretariat sees what the sweep does, never a second opinion of it."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from . import registry
from .models import ReminderDelivery
from .services import Status, _due, _language, _stale, _unrecorded, _wanted, sync_rules


@dataclass(frozen=True)
class Scheduled:
    """One reminder of a rule: ``is_due`` when the sweep run now sends it, else the next one coming for
    a candidate (sent when its instant ``due_at`` has passed, if the candidate still needs it)."""

    rule: registry.Rule
    item: object
    recipient: str
    name: str
    language: str
    offset: int
    due_at: datetime
    is_due: bool
    context: dict  # what the rule's mail is written with besides the item (``Candidate.context``)


def scheduled(now=None) -> list[tuple[registry.Rule, bool, list[Scheduled]]]:
    """Each registered rule, whether it is paused, and its reminders at ``now``: first exactly those a
    sweep run at ``now`` sends (the pending rows it claims and finds still due, with the stale claims it
    resets, then the due reminders it records), then the next reminder coming for each candidate, by
    instant. A paused rule has none: the sweep skips it. Records no reminder and sends nothing."""
    now = now or timezone.now()
    paused = sync_rules()
    found = []
    for rule in registry.rules():
        if rule.key in paused:
            found.append((rule, True, []))
            continue
        wanted = list(_wanted(rule, now))
        due = _due(rule, now, wanted=wanted)
        # The rows the sweep would claim; it cancels those no longer due, which are not listed.
        waiting = ReminderDelivery.objects.filter(Q(status=Status.PENDING) | _stale(now), rule=rule.key)
        sent_now = [
            (row.recipient, due[row.content_type_id, row.object_id, row.recipient][0], row)
            for row in (
                waiting.only("content_type", "object_id", "recipient", "language", "offset", "due_at")
                if due
                else []
            )
            if (row.content_type_id, row.object_id, row.recipient) in due
        ]
        entries = [
            (email, candidate, row.language, row.offset, row.due_at, True)
            for email, candidate, row in sorted(sent_now, key=lambda each: (each[2].due_at, each[0]))
        ]
        entries += [
            (key[2], candidate, _language(candidate), offset, rule.send_at(candidate.anchor, offset), True)
            for key, candidate, offset in sorted(
                _unrecorded(rule, due), key=lambda each: (rule.send_at(each[1].anchor, each[2]), each[0])
            )
        ]
        coming = []
        for key, candidate in wanted:
            offset = rule.next_offset(candidate.anchor, now)
            if offset is not None:
                at = rule.send_at(candidate.anchor, offset)
                coming.append((key[2], candidate, _language(candidate), offset, at, False))
        entries += sorted(coming, key=lambda each: (each[4], each[0]))
        found.append((rule, False, entries))
    names = _names({entry[0] for _rule, _paused, entries in found for entry in entries})
    return [
        (
            rule,
            is_paused,
            [
                Scheduled(
                    rule,
                    candidate.obj,
                    email,
                    names.get(email, ""),
                    language,
                    offset,
                    at,
                    is_due,
                    candidate.context,
                )
                for email, candidate, language, offset, at, is_due in entries
            ],
        )
        for rule, is_paused, entries in found
    ]


def _names(emails):
    """``{address: full name}`` of the accounts whose address (in lower case) is one of ``emails``."""
    if not emails:
        return {}
    accounts = get_user_model().objects.annotate(address=Lower("email")).filter(address__in=emails)
    return dict(accounts.exclude(full_name="").values_list("address", "full_name"))
