"""One lifecycle with the WSIS Stocktaking: a project already in the stocktaking is submitted for a prize
from its entry (the draft form filled in from it, nothing saved until its author saves), the entry shows
its prize history, and a project submitted for a prize is published to the stocktaking, where the
secretariat reviews it as every entry.

The stocktaking knows nothing of the prizes: its entry pages show what ``templatetags.prize_history``
renders from here, and the entry is written through the stocktaking's own services.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stocktaking import services as stocktaking
from stocktaking.models import Entry
from wsis_portal.lifecycle.audit import record
from wsis_portal.lifecycle.models import AuditEntry
from wsis_portal.stakeholders import behalf

from . import results, services
from .eligibility import word_count
from .models import ENTERED_STATES, PrizeCategory, State, Submission

# The status of the work a stocktaking entry says, from the status of a prize project.
WORK_STATUS = {
    Submission.ProjectStatus.COMPLETED: Entry.WorkStatus.COMPLETED,
    Submission.ProjectStatus.MAJOR_PHASE: Entry.WorkStatus.ONGOING,
    Submission.ProjectStatus.ONGOING: Entry.WorkStatus.ONGOING,
}
NOT_PUBLISHABLE = _("Only a project your organization has submitted can be published to the stocktaking.")


# Submitting from an entry


def category_for(entry):
    """The prize category of the entry's main action line (C7's e-applications are categories, C7 itself
    is not), or None."""
    line = entry.main_action_line
    if line is None:
        return None
    return PrizeCategory.objects.filter(action_line=line).first()


def entry_to_submit(pk, user):
    """The stocktaking entry ``user`` submits from: 404 when there is none or they may not link it to a
    project (not theirs, or a revision), the same answer for both."""
    if not str(pk).isdecimal():
        raise Http404
    entry = Entry.objects.filter(pk=pk).prefetch_related("action_line_links__action_line").first()
    if entry is None:
        raise Http404
    if not services.linkable_entries(user).filter(pk=entry.pk).exists():
        raise Http404
    return entry


def draft_initial(entry, cycle, user):
    """The draft form's first values taken from ``entry``: its content, tags, organisation (when ``user``
    acts for it), language (when the cycle accepts it), category (from its main action line), the status
    of a completed work, and the link to the entry. The short description is taken only when its length is
    within the cycle's range."""
    initial = {
        "stocktaking_entry": entry.pk,
        "title": entry.title,
        "description": entry.description,
        "website": entry.website,
        "contact_name": entry.contact_name,
        "contact_email": entry.contact_email,
        "sdgs": list(entry.sdgs.values_list("pk", flat=True)),
        "gdc_objectives": list(entry.gdc_objectives.values_list("pk", flat=True)),
    }
    words = word_count(entry.description)
    if cycle.short_description_min_words <= words <= cycle.short_description_max_words:
        initial["short_description"] = entry.description
    if entry.language in cycle.content_languages:
        initial["language"] = entry.language
    if entry.organisation_id and behalf.may_act_for(user, entry.organisation, personal=False):
        initial["organisation"] = entry.organisation_id
    category = category_for(entry)
    if category is not None:
        initial["category"] = category.pk
    if entry.work_status == Entry.WorkStatus.COMPLETED:
        initial["project_status"] = Submission.ProjectStatus.COMPLETED
    return initial


# The entry's prize history


def public_stage(submission, at=None):
    """The stage of a counted project the public may know: nominee, champion or winner once the cycle has
    published that list (``results.shown_stage``), else just submitted."""
    published = results.published_stages(submission.cycle, at)
    return results.shown_stage(submission.state, published) or State.SUBMITTED


@dataclass(frozen=True)
class HistoryRow:
    """One cycle an entry's project took part in."""

    submission: Submission
    stage: State

    @property
    def year(self):
        return self.submission.cycle.edition.year

    @property
    def category(self):
        return self.submission.category


def history(entry_id):
    """The prize cycles the project of the entry ``entry_id`` took part in, newest first, each with its
    public stage; one query."""
    counted = (
        Submission.objects.counted()
        .filter(stocktaking_entry_id=entry_id)
        .select_related("cycle__edition", "category__action_line")
        .order_by("-cycle__edition__year", "category__position")
    )
    now = timezone.now()
    return [HistoryRow(submission, public_stage(submission, now)) for submission in counted]


@dataclass(frozen=True)
class EntryPrizes:
    """What an entry's page shows of the prizes: its history, and what ``user`` can do now (continue
    their draft, or submit the project)."""

    entry_id: int
    rows: list
    cycle: object = None
    draft: Submission | None = None
    may_submit: bool = False


def for_entry(entry, user):
    """The prize history of ``entry`` (a revision stands for the entry it revises) and, while the current
    cycle accepts projects, whether ``user`` can submit it: they may edit it, act for its organisation, and
    it is not entered in the cycle yet. A fixed number of queries."""
    entry_id = entry.revision_of_id or entry.pk
    rows = history(entry_id)
    if not user.is_authenticated:
        return EntryPrizes(entry_id, rows)
    cycle = services.current_cycle()
    if cycle is None or not cycle.is_accepting():
        return EntryPrizes(entry_id, rows)
    if any(row.submission.cycle_id == cycle.pk for row in rows):
        return EntryPrizes(entry_id, rows, cycle)
    if not services.linkable_entries(user).filter(pk=entry_id).exists():
        return EntryPrizes(entry_id, rows, cycle)
    draft = (
        Submission.objects.of(user)
        .filter(cycle=cycle, stocktaking_entry_id=entry_id, state=State.DRAFT)
        .first()
    )
    acts = entry.organisation_id is not None and behalf.may_act_for(user, entry.organisation, personal=False)
    return EntryPrizes(entry_id, rows, cycle, draft, acts and draft is None)


# Publishing a prize project to the stocktaking


def may_publish(submission, user) -> bool:
    """Whether ``user`` can publish ``submission`` to the stocktaking now: an entity's own project, sent,
    not linked to an entry yet, and theirs or their organisation's."""
    return (
        not submission.is_nomination
        and submission.state in ENTERED_STATES
        and submission.stocktaking_entry_id is None
        and services.may_edit(submission, user)
    )


def entry_content(submission, coverage):
    """What ``stocktaking.services.save_content`` takes to write ``submission`` as a project; ``coverage``
    says where and when the work takes place (``is_global``, ``regions``, ``countries``, ``start_date``,
    ``end_date``), which a prize project does not."""
    line = submission.category.action_line
    return {
        "kind": Entry.Kind.PROJECT,
        "title": submission.title,
        "description": submission.description or submission.short_description,
        "language": submission.language,
        "organisation": submission.organisation,
        "is_global": bool(coverage.get("is_global")),
        "regions": list(coverage.get("regions") or ()),
        "countries": list(coverage.get("countries") or ()),
        "action_lines": [line],
        "main_action_line": line,
        "sdgs": list(submission.sdgs.all()),
        "gdc_objectives": list(submission.gdc_objectives.all()),
        "start_date": coverage.get("start_date"),
        "end_date": coverage.get("end_date"),
        "work_status": WORK_STATUS.get(submission.project_status, Entry.WorkStatus.ONGOING),
        "website": submission.website,
        "contact_name": submission.contact_name,
        "contact_email": submission.contact_email,
        "attachment": "",
    }


class _AlreadyLinked(Exception):
    """Someone linked the submission to an entry in the meantime: undo the entry written for it."""


def publish_to_stocktaking(submission, by, coverage):
    """Write ``submission`` as a stocktaking project of its organisation and send it to the stocktaking's
    review queue through the stocktaking's services (it is published only once the secretariat approves it,
    as every entry), link the submission to it and record that in the audit log. Returns ``(entry,
    created)``.

    Guarantees: only its owner or a confirmed focal point of its organisation, only an entity's own
    project that has been sent; all or nothing (refused by the stocktaking, e.g. after its deadline, leaves
    no entry); once only: when the submission already has an entry, that one is returned, even when two
    requests arrive at once.
    """
    if not services.may_edit(submission, by):
        raise PermissionDenied
    if submission.is_nomination or submission.state not in ENTERED_STATES:
        raise ValidationError(NOT_PUBLISHABLE, code="not_publishable")
    try:
        with transaction.atomic():
            locked = Submission.objects.select_for_update().get(pk=submission.pk)
            if locked.stocktaking_entry_id is not None:
                raise _AlreadyLinked
            entry = stocktaking.save_content(Entry(), entry_content(submission, coverage), by)
            stocktaking.submit(entry, by)
            claimed = Submission.objects.filter(pk=submission.pk, stocktaking_entry__isnull=True).update(
                stocktaking_entry=entry
            )
            if not claimed:
                raise _AlreadyLinked
            submission.stocktaking_entry = entry
            record(
                by,
                AuditEntry.Action.CHANGED,
                submission,
                {"stocktaking_entry": (None, entry.reference)},
                note="published to the WSIS Stocktaking",
            )
    except _AlreadyLinked:
        submission.refresh_from_db(fields=["stocktaking_entry"])
        return submission.stocktaking_entry, False
    return entry, True
