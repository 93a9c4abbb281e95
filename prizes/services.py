"""Every state change of a prize submission. Views and the admin call these; nothing else sets a
submission's ``state`` or ``confirmation``.

A draft may be saved, changed and sent until the deadline of its cycle's submission phase, on the server
in Geneva time (``editions.schedule``); after it the draft is read-only and kept. A project is sent either
by the entity that runs it (``submit``: by a confirmed focal point of that organisation) or by someone else
(``nominate``): a nomination counts only once the project's contact has confirmed it through the link
mailed to them (``confirm_nomination``), before the deadline.
"""

import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from stocktaking.models import Entry
from wsis_portal.editions.cache import current_edition
from wsis_portal.lifecycle import transitions
from wsis_portal.lifecycle.audit import record
from wsis_portal.lifecycle.models import AuditEntry
from wsis_portal.links import absolute_url
from wsis_portal.mail.services import send_templated_mail
from wsis_portal.stakeholders import behalf
from wsis_portal.stakeholders.models import User

from . import eligibility
from .models import RELATIONS, PrizeCategory, PrizeCycle, State, Submission

# What a draft says, in the order the form asks for it: the fields ``save_draft`` takes from its ``data``,
# among them the many-to-many tags (``RELATIONS``).
CONTENT_FIELDS = (
    "category",
    "organisation",
    "title",
    "language",
    "short_description",
    "description",
    "sdgs",
    "gdc_objectives",
    "impact_qualitative",
    "impact_quantitative",
    "partnerships",
    "challenges",
    "future_plans",
    "project_status",
    "website",
    "stocktaking_entry",
    "contact_name",
    "contact_email",
)
CHANGED = _("This was changed in the meantime: reload the page.")
CLOSED = _(
    "The submission deadline of this cycle has passed: your draft is kept but can no longer be changed "
    "or sent."
)
Confirmation = Submission.Confirmation


def current_cycle():
    """The prize cycle of the current edition, or else the latest one before it; None when there is none."""
    edition = current_edition()
    if edition is None:
        return None
    return (
        PrizeCycle.objects.filter(edition__year__lte=edition.year)
        .select_related("edition")
        .prefetch_related("edition__phases")
        .order_by("-edition__year")
        .first()
    )


def category_of(code):
    """The prize category of the action line ``code`` (as in a URL), or None; None too for text no code
    has, a NUL, which PostgreSQL refuses in a query."""
    if "\x00" in code:
        return None
    return PrizeCategory.objects.select_related("action_line").filter(action_line__code=code).first()


def linkable_entries(user):
    """The stocktaking entries ``user`` may link a project to: those they may edit (no revisions)."""
    return Entry.objects.editable_by(user).filter(revision_of__isnull=True)


def may_edit(submission, user) -> bool:
    """Its owner; for a project submitted by its entity, also a confirmed focal point of that entity.
    A nomination stays its nominator's alone."""
    if not user.is_authenticated:
        return False
    return Submission.objects.of(user).filter(pk=submission.pk).exists()


def can_change(submission) -> bool:
    """Whether its content may be changed now: a draft, until the submission deadline."""
    return submission.state == State.DRAFT and submission.cycle.is_accepting()


def _check_open(submission):
    if not submission.cycle.is_accepting():
        raise ValidationError(CLOSED, code="closed")


def _check_entity(submission, by):
    """An entity's own project is sent only by someone who may act for the entity."""
    if submission.kind != Submission.Kind.SUBMISSION:
        return
    if not behalf.may_act_for(by, submission.organisation, personal=False):
        raise ValidationError(
            {
                "organisation": _(
                    "You can submit a project only for an organization you are a confirmed focal point "
                    "of; nominate it otherwise."
                )
            },
            code="not_focal_point",
        )


def save_draft(submission, data, by):
    """Create or update a draft from ``data`` (the ``CONTENT_FIELDS``, by name).

    Guarantees: only someone who may edit it changes it; only a draft, only until the submission deadline;
    an entity's own project only for an organisation ``by`` acts for; a stocktaking entry only one ``by``
    may edit; all of it or nothing is saved, and the audit log records it.
    """
    creating = submission.pk is None
    if creating:
        behalf.require_verified_email(by)
        submission.owner = by
        submission.state = State.DRAFT
        if submission.kind == Submission.Kind.NOMINATION:
            submission.confirmation = Confirmation.PENDING
    elif not may_edit(submission, by):
        raise PermissionDenied
    if submission.state != State.DRAFT:
        raise ValidationError(_("This has been sent and can no longer be changed."), code="read_only")
    _check_open(submission)
    for name in CONTENT_FIELDS:
        if name in data and name not in RELATIONS:
            setattr(submission, name, data[name])
    submission.title = " ".join(submission.title.split())
    _check_entity(submission, by)
    entry = submission.stocktaking_entry
    if entry is not None and not linkable_entries(by).filter(pk=entry.pk).exists():
        raise ValidationError(
            {"stocktaking_entry": _("Choose one of your own stocktaking entries.")}, code="entry"
        )
    with transaction.atomic():
        submission.save()
        for name in RELATIONS:
            if name in data:
                getattr(submission, name).set(data[name])
        record(by, AuditEntry.Action.CREATED if creating else AuditEntry.Action.CHANGED, submission)
    return submission


def _check_eligible(submission, by):
    if not may_edit(submission, by):
        raise PermissionDenied
    if submission.state != State.DRAFT:
        raise ValidationError(_("This has already been sent."), code="sent")
    _check_open(submission)
    _check_entity(submission, by)
    found = eligibility.problems(submission, by)
    if found:
        raise ValidationError(found)


def refusal(submission, by):
    """Why ``by`` cannot send ``submission`` now (the ``ValidationError`` that ``submit`` or ``nominate``
    would raise), or None when it could be sent; changes nothing."""
    try:
        _check_eligible(submission, by)
    except ValidationError as error:
        return error
    return None


def _enter(submission, by, reservation, **updates):
    """The guarded transition to "submitted"; the database refuses a second project of the entity in the
    category even when two are sent at the same instant."""
    try:
        with transaction.atomic():
            return transitions.apply(submission, "submit", by, updates=updates, reservation=reservation)
    except IntegrityError:
        submission.refresh_from_db()
        raise ValidationError(eligibility.counting_problems(submission) or CHANGED) from None


def _mail(submission, template, recipient=None, language=None, **context):
    owner = submission.owner
    if recipient is None:
        if owner is None:
            return
        recipient, language = owner.email, owner.preferred_language
    send_templated_mail(
        f"prizes/email/{template}",
        recipient,
        {"user": owner, "submission": submission, **context},
        language or settings.LANGUAGE_CODE,
    )


def submit(submission, by):
    """Send an entity's own project: every eligibility rule is checked on the server (``eligibility``), it
    gets its reference and its submitter a receipt in their language. Refused after the deadline."""
    if submission.is_nomination:
        raise ValueError("A nomination is sent with nominate().")
    _check_eligible(submission, by)
    reservation = transitions.reserve_reference(submission)
    with transaction.atomic():
        _enter(submission, by, reservation)
        _mail(submission, "submitted")
    return submission


def contact_language(submission) -> str:
    """The language to write to the project contact in: their account's, else the nominator's."""
    account = User.objects.filter(email__iexact=submission.contact_email).first()
    if account is not None:
        return account.preferred_language
    owner = submission.owner
    return owner.preferred_language if owner else settings.LANGUAGE_CODE


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def nominate(submission, by):
    """Send a nomination of someone else's project: the same rules as ``submit``, a reference, a receipt
    to the nominator, and a mail to the project contact, in their language, with the secret link to
    confirm it. It counts only once confirmed (``confirm_nomination``)."""
    if not submission.is_nomination:
        raise ValueError("A project of one's own entity is sent with submit().")
    _check_eligible(submission, by)
    token = secrets.token_urlsafe(32)
    reservation = transitions.reserve_reference(submission)
    with transaction.atomic():
        _enter(
            submission,
            by,
            reservation,
            confirmation=Confirmation.PENDING,
            confirmation_digest=_digest(token),
            confirmation_sent_at=timezone.now(),
        )
        _mail(submission, "nominated")
        language = contact_language(submission)
        with translation.override(language):
            path = reverse("prizes:confirm", args=[token])
        _mail(
            submission,
            "confirmation_request",
            recipient=submission.contact_email,
            language=language,
            link=absolute_url(path),
        )
    return submission


def nomination_for_token(token):
    """The nomination a confirmation link names, or None for a forged or replaced link."""
    if not token:
        return None
    return (
        Submission.objects.filter(confirmation_digest=_digest(token), kind=Submission.Kind.NOMINATION)
        .select_related("cycle__edition", "category__action_line", "organisation", "owner")
        .prefetch_related("cycle__edition__phases")
        .first()
    )


def _answer(nomination, value, action):
    """Record the contact's answer once: a second answer changes nothing and returns False."""
    if nomination.state != State.SUBMITTED:
        return False
    try:
        with transaction.atomic():
            changed = Submission.objects.filter(
                pk=nomination.pk, state=State.SUBMITTED, confirmation=Confirmation.PENDING
            ).update(confirmation=value, confirmed_at=timezone.now())
            if not changed:
                return False
            nomination.refresh_from_db()
            record(None, action, nomination, {"confirmation": (Confirmation.PENDING, value)})
            _mail(nomination, "confirmation_answered")
    except IntegrityError:
        nomination.refresh_from_db()
        raise ValidationError(eligibility.counting_problems(nomination) or CHANGED) from None
    return True


def confirm_nomination(nomination):
    """The project's contact confirms the nomination through their link: from then on it counts. Refused
    after the submission deadline, or when the entity already has a project counted in the category or
    the project was already entered; the nominator is told. Returns False when already answered."""
    if nomination.confirmation == Confirmation.PENDING:
        _check_open(nomination)
        found = eligibility.counting_problems(nomination)
        if found:
            raise ValidationError(found)
    return _answer(nomination, Confirmation.CONFIRMED, AuditEntry.Action.CONSENT_GIVEN)


def decline_nomination(nomination):
    """The project's contact declines the nomination: it never counts; the nominator is told. Returns
    False when already answered."""
    return _answer(nomination, Confirmation.DECLINED, AuditEntry.Action.CONSENT_REFUSED)
