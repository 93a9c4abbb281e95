"""State changes of a ``Submission``: one guarded UPDATE each, so that a double click or two clerks at once
change a submission exactly once, with its audit entry. Process services call these and add their own
checks (phase open, permissions) and mails."""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wsis_portal.editions.schedule import GENEVA

from .audit import record
from .models import AuditEntry, ReferenceSequence, SubmissionState

S = SubmissionState

# name: (states it may start from, state it leads to, audit action)
TRANSITIONS = {
    "submit": ((S.DRAFT, S.RETURNED), S.SUBMITTED, AuditEntry.Action.SUBMITTED),
    "return": ((S.SUBMITTED,), S.RETURNED, AuditEntry.Action.RETURNED),
    "accept": ((S.SUBMITTED,), S.ACCEPTED, AuditEntry.Action.ACCEPTED),
    "reject": ((S.SUBMITTED,), S.REJECTED, AuditEntry.Action.REJECTED),
    "merge": ((S.SUBMITTED,), S.MERGED, AuditEntry.Action.MERGED),
}


class TransitionRefused(ValidationError):
    """The submission is no longer in a state where this change applies (someone else acted first)."""


DEFAULT_TEMPLATE = "{prefix}-{year}-{number:05d}"


def next_reference(prefix: str, at: datetime | None = None, *, template: str = DEFAULT_TEMPLATE) -> str:
    """The next reference of ``prefix`` for the Geneva year of ``at`` (default: now), written with
    ``template`` as ``reference_in_year`` does. For what is not a ``Submission`` (a circular letter); a
    submission is numbered by ``reference_for``."""
    return reference_in_year(prefix, (at or timezone.now()).astimezone(GENEVA).year, template=template)


def reference_for(submission, at: datetime) -> str:
    """The next reference for ``submission`` sent at ``at``: its process's prefix, numbered in the year it
    belongs to (``Submission.reference_year``: its edition's, for a process that has editions)."""
    return reference_in_year(submission.REFERENCE_PREFIX, submission.reference_year(at))


def reference_in_year(prefix: str, year: int, *, template: str = DEFAULT_TEMPLATE) -> str:
    """The next number of ``prefix`` in ``year``, written with ``template`` (fields ``prefix``, ``year``,
    ``yy``, ``number``): ``PREFIX-YYYY-NNNNN`` by default.

    Safe under concurrent calls: the sequence row is locked while it is incremented, and numbers are
    never given twice or reused.
    """
    number = _increment(prefix, year)
    if number is None:  # the year's first number
        try:
            with transaction.atomic():
                ReferenceSequence.objects.create(prefix=prefix, year=year)
        except IntegrityError:  # created by a concurrent call in between: use it
            pass
        number = _increment(prefix, year)
    return template.format(prefix=prefix, year=year, yy=year % 100, number=number)


def _increment(prefix, year):
    """The year's number after one more, in one statement (the row stays locked until the transaction
    ends); None when the year has no sequence yet."""
    table, last, prefix_column, year_column = map(
        connection.ops.quote_name, (ReferenceSequence._meta.db_table, "last", "prefix", "year")
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {last} = {last} + 1 "  # noqa: S608 (names from the model, values bound)
            f"WHERE {prefix_column} = %s AND {year_column} = %s RETURNING {last}",
            [prefix, year],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def _needs_reference(submission) -> bool:
    """Sending ``submission`` gives it a number: it has none yet (a returned one keeps its own)."""
    return not submission.reference and submission.takes_reference()


@dataclass(frozen=True)
class Reservation:
    """A reference number taken for a submission before it is sent, and the instant it was taken."""

    reference: str
    at: datetime


def reserve_reference(submission) -> Reservation | None:
    """Take the reference ``submit`` will give ``submission``, before the caller's transaction begins.

    Taken in a transaction of its own, the year's sequence row stays locked for one UPDATE; taken inside
    the submission's transaction, it stayed locked until the audit entry and the receipt were written
    too, and every submission of the portal queued behind it at a deadline. A submission refused after
    this (a double click, the deadline passing) leaves a gap in the numbers, never a number given twice.
    None when the submission keeps the reference it has, takes none, or cannot be submitted from its
    state (``apply`` then refuses it or takes the number itself).
    """
    if not _needs_reference(submission) or submission.state not in TRANSITIONS["submit"][0]:
        return None
    at = timezone.now()
    return Reservation(reference_for(submission, at), at)


def apply(
    submission,
    name: str,
    by,
    *,
    comment: str = "",
    updates: dict | None = None,
    reservation: Reservation | None = None,
):
    """Move ``submission`` along transition ``name``; returns it refreshed.

    Raises ``TransitionRefused`` when its state does not allow the transition any more. Sets the dates,
    the deciding clerk and the comment, writes the audit entry; the caller runs it inside its transaction.
    A submission takes the reference of ``reservation`` (``reserve_reference``) when given, else the next
    number now.
    """
    from_states, to_state, action = TRANSITIONS[name]
    now = reservation.at if reservation is not None else timezone.now()
    fields = {"state": to_state, **(updates or {})}
    if name == "submit":
        fields.update(submitted_at=now, review_comment="")
        if _needs_reference(submission):
            fields["reference"] = (
                reservation.reference if reservation is not None else reference_for(submission, now)
            )
    else:
        fields.update(decided_at=now, decided_by=by, review_comment=comment)
    before = submission.state
    changed = type(submission).objects.filter(pk=submission.pk, state__in=from_states).update(**fields)
    if not changed:
        current = type(submission).objects.filter(pk=submission.pk).values_list("state", flat=True).first()
        if current is None:
            raise TransitionRefused(_("This was removed in the meantime: reload the page."), code="gone")
        raise TransitionRefused(
            _("This was changed in the meantime (it is now “%(state)s”): reload the page."),
            code="stale_state",
            params={"state": SubmissionState(current).label},
        )
    submission.refresh_from_db()
    record(by, action, submission, {"state": (before, to_state)}, note=comment)
    return submission
