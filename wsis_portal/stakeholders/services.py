"""State changes of stakeholders: focal-point requests and the secretariat's decisions on them."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wsis_portal.lifecycle.audit import record
from wsis_portal.lifecycle.models import AuditEntry
from wsis_portal.mail.services import send_templated_mail

from . import behalf
from .models import FocalPoint, Organisation


def request_focal_point(user, *, organisation=None, new_organisation=None, motivation=""):
    """Ask to act for an existing organisation, or for a new one the user proposes.

    Guarantees one request per user and organisation; a proposed organisation stays unverified until the
    secretariat confirms the request. Returns the pending ``FocalPoint``.
    """
    if not user.is_authenticated:
        raise PermissionDenied
    behalf.require_verified_email(user)
    if (organisation is None) == (new_organisation is None):
        raise ValueError("Give either an existing organisation or a new one.")
    with transaction.atomic():
        if new_organisation is not None:
            organisation = Organisation.objects.create(
                proposed_by=user, is_verified=False, **new_organisation
            )
            record(user, AuditEntry.Action.CREATED, organisation)
        if FocalPoint.objects.filter(user=user, organisation=organisation).exists():
            raise ValidationError(_("You have already asked to act for this organization."), code="duplicate")
        focal_point = FocalPoint.objects.create(user=user, organisation=organisation, motivation=motivation)
        record(user, AuditEntry.Action.FOCAL_POINT_REQUESTED, focal_point)
    return focal_point


def _decide(focal_point, by, status, action, note):
    if not by.is_secretariat:
        raise PermissionDenied
    with transaction.atomic():
        # Only a pending request can be decided; a second click (or a second clerk) changes nothing.
        changed = FocalPoint.objects.filter(pk=focal_point.pk, status=FocalPoint.Status.PENDING).update(
            status=status, decided_at=timezone.now(), decided_by=by, decision_note=note
        )
        if not changed:
            return False
        focal_point.refresh_from_db()
        if status == FocalPoint.Status.CONFIRMED:
            organisation = focal_point.organisation
            if not organisation.is_verified:
                Organisation.objects.filter(pk=organisation.pk).update(is_verified=True)
                record(by, AuditEntry.Action.CHANGED, organisation, {"is_verified": (False, True)})
            user = focal_point.user
            if user.organisation_id is None:
                user.organisation = organisation
                user.save(update_fields=["organisation"])
        record(by, action, focal_point, {"status": (FocalPoint.Status.PENDING, status)}, note=note)
        _tell(focal_point)
    return True


def _tell(focal_point):
    """Mail the user the secretariat's decision on their focal point, in their language."""
    user = focal_point.user
    send_templated_mail(
        "stakeholders/email/focal_point_decided",
        user.email,
        {"user": user, "focal_point": focal_point},
        user.preferred_language,
    )


def confirm_focal_point(focal_point, by, note=""):
    """The secretariat confirms that the user acts for the organisation (which becomes verified).

    Returns False, changing nothing, when the request was already decided. Mails the user in their language.
    """
    return _decide(
        focal_point, by, FocalPoint.Status.CONFIRMED, AuditEntry.Action.FOCAL_POINT_CONFIRMED, note
    )


def decline_focal_point(focal_point, by, note=""):
    """The secretariat declines the request, with a note the user reads. Returns False if already decided."""
    return _decide(focal_point, by, FocalPoint.Status.DECLINED, AuditEntry.Action.FOCAL_POINT_DECLINED, note)


def withdraw_focal_point(focal_point, by, note=""):
    """The secretariat withdraws a confirmation: from now on the user no longer acts for the organisation,
    and what was filed for it (drafts too) stays with its other focal points. Returns False, changing
    nothing, unless the focal point was confirmed. Mails the user in their language."""
    if not by.is_secretariat:
        raise PermissionDenied
    with transaction.atomic():
        changed = FocalPoint.objects.filter(pk=focal_point.pk, status=FocalPoint.Status.CONFIRMED).update(
            status=FocalPoint.Status.WITHDRAWN,
            withdrawn_at=timezone.now(),
            withdrawn_by=by,
            decision_note=note,
        )
        if not changed:
            return False
        focal_point.refresh_from_db()
        user = focal_point.user
        if user.organisation_id == focal_point.organisation_id:
            # The profile's organisation is the one its forms start from: another one they act for, or none.
            user.organisation = behalf.organisations_of(user).order_by("name").first()
            user.save(update_fields=["organisation"])
        record(
            by,
            AuditEntry.Action.FOCAL_POINT_WITHDRAWN,
            focal_point,
            {"status": (FocalPoint.Status.CONFIRMED, FocalPoint.Status.WITHDRAWN)},
            note=note,
        )
        _tell(focal_point)
    return True
