"""The rules a project must meet to enter a prize cycle, checked on the server whenever it is submitted,
nominated or confirmed. ``problems`` lists every rule it breaks, by the form field to show it on
(``NON_FIELD_ERRORS`` for the project as a whole), in the active language."""

import re

from django.core.exceptions import NON_FIELD_ERRORS
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wsis_portal.direction import isolated_list_text

from .models import RELATIONS, State, Submission

# Boxes that must be filled before a project is submitted, with the field that holds each one.
REQUIRED_TEXT = (
    "title",
    "short_description",
    "description",
    "impact_qualitative",
    "impact_quantitative",
    "partnerships",
    "challenges",
    "future_plans",
    "project_status",
    "language",
)
ELIGIBLE_STATUSES = (Submission.ProjectStatus.COMPLETED, Submission.ProjectStatus.MAJOR_PHASE)
WORD = re.compile(r"\S+")


def word_count(text: str) -> int:
    """Words as a reader counts them: runs of characters between spaces, in any script."""
    return len(WORD.findall(text or ""))


def same_project(submission):
    """Other projects that are the same as ``submission``: the same stocktaking entry, or the same title
    (whatever its case) from the same organisation."""
    same = Q(organisation=submission.organisation, title__iexact=submission.title)
    if submission.stocktaking_entry_id:
        same |= Q(stocktaking_entry=submission.stocktaking_entry_id)
    return Submission.objects.filter(same).exclude(pk=submission.pk)


def won_before(submission) -> bool:
    """Whether the same project won a WSIS Prize in an earlier cycle."""
    return (
        same_project(submission)
        .filter(state=State.WINNER, cycle__edition__year__lt=submission.cycle.edition.year)
        .exists()
    )


def counting_problems(submission) -> dict:
    """What would stop ``submission`` from counting in its cycle next to the projects that already count
    there: one project per entity and category, and no project entered twice."""
    found = {}
    counted = Submission.objects.counted().filter(cycle=submission.cycle).exclude(pk=submission.pk)
    if counted.filter(category=submission.category, organisation=submission.organisation).exists():
        found.setdefault("category", []).append(
            _("%(organisation)s already has a project in the category “%(category)s” of this cycle.")
            % {"organisation": submission.organisation, "category": submission.category}
        )
    if same_project(submission).filter(pk__in=counted.values("pk")).exists():
        found.setdefault(NON_FIELD_ERRORS, []).append(
            _(
                "This project has already been entered in this cycle (same title and organization, or same "
                "stocktaking entry): a project can be entered only once."
            )
        )
    return found


def problems(submission, by) -> dict:
    """Every rule ``submission`` breaks, by field; empty when it may enter its cycle (``by`` submits it)."""
    found = {}

    def refuse(field, message):
        found.setdefault(field, []).append(message)

    for name in REQUIRED_TEXT:
        if not str(getattr(submission, name) or "").strip():
            refuse(name, _("Fill in this box before submitting."))
    for name in RELATIONS:
        if not getattr(submission, name).exists():
            refuse(name, _("Choose at least one before submitting."))
    if submission.is_nomination:
        if not submission.contact_name.strip():
            refuse("contact_name", _("Fill in this box before submitting."))
        if not submission.contact_email:
            refuse("contact_email", _("Fill in this box before submitting."))
        elif submission.contact_email.lower() == by.email.lower():
            refuse(
                "contact_email",
                _("The project contact confirms the nomination: give someone else's address."),
            )
    cycle = submission.cycle
    words = word_count(submission.short_description)
    low, high = cycle.short_description_min_words, cycle.short_description_max_words
    if submission.short_description.strip() and not low <= words <= high:
        refuse(
            "short_description",
            ngettext(
                "The short description has %(count)d word; write from %(min)d to %(max)d words.",
                "The short description has %(count)d words; write from %(min)d to %(max)d words.",
                words,
            )
            % {"count": words, "min": low, "max": high},
        )
    if submission.language and submission.language not in cycle.content_languages:
        refuse(
            "language",
            _("Projects for this cycle must be written in: %(languages)s.")
            % {"languages": isolated_list_text(cycle.language_names)},
        )
    if submission.project_status.strip() and submission.project_status not in ELIGIBLE_STATUSES:
        refuse(
            "project_status",
            _("Only a project that is completed or at the end of a major phase can be submitted."),
        )
    if won_before(submission):
        refuse(
            NON_FIELD_ERRORS,
            _("This project has already won a WSIS Prize: previous winners cannot enter again."),
        )
    for field, messages in counting_problems(submission).items():
        for message in messages:
            refuse(field, message)
    return found
