"""What the four processes share: the submission lifecycle (draft → submitted → returned → accepted or
rejected), reference numbers, and the audit log that every staff change and transition writes."""

from datetime import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from wsis_portal.editions.schedule import GENEVA
from wsis_portal.stakeholders import behalf
from wsis_portal.stakeholders.models import FocalPoint


class SubmissionState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted, awaiting review")
    RETURNED = "returned", _("Returned for changes")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Not accepted")
    MERGED = "merged", _("Merged into another")


# States in which the owner may still change the content.
EDITABLE_STATES = (SubmissionState.DRAFT, SubmissionState.RETURNED)
# States of work in progress: not decided yet.
OPEN_STATES = (SubmissionState.DRAFT, SubmissionState.SUBMITTED, SubmissionState.RETURNED)


class SubmissionQuerySet(models.QuerySet):
    def editable_by(self, user):
        """What ``user`` may see and continue. An item filed in a personal capacity is its owner's; an item
        filed for an organisation belongs to the organisation: every confirmed focal point of it, and only
        they (a focal point who is withdrawn loses it at once, the owner too)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            Q(organisation__isnull=True, owner=user) | Q(organisation__in=behalf.organisations_of(user))
        )

    def filed_without_focal_point(self):
        """Items filed for an organisation by someone who was not its confirmed focal point at the time
        (when it was sent, or created if never sent): kept as they are, for the secretariat to decide.
        Items with no owner (imported from the old database) are not counted."""
        filed_at = Coalesce(OuterRef("submitted_at"), OuterRef("created_at"))
        confirmed_then = FocalPoint.objects.filter(
            user=OuterRef("owner"),
            organisation=OuterRef("organisation"),
            status__in=[FocalPoint.Status.CONFIRMED, FocalPoint.Status.WITHDRAWN],
        ).filter(
            Q(decided_at__lte=filed_at) | Q(decided_at__isnull=True, requested_at__lte=filed_at),
            Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gt=filed_at),
        )
        return self.filter(organisation__isnull=False, owner__isnull=False).exclude(Exists(confirmed_then))


class Submission(models.Model):
    """What a stakeholder submits to a process: owned, reviewed, referenced once submitted.

    A process model inherits it and adds its content; ``lifecycle.transitions`` changes its state.
    """

    REFERENCE_PREFIX = "WSIS"

    reference = models.CharField(_("reference"), max_length=30, unique=True, null=True, blank=True)
    state = models.CharField(
        _("state"),
        max_length=12,
        choices=SubmissionState.choices,
        default=SubmissionState.DRAFT,
        db_index=True,
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="%(app_label)s_%(class)s_set",
        verbose_name=_("submitted by"),
    )
    organisation = models.ForeignKey(
        "stakeholders.Organisation",
        on_delete=models.PROTECT,
        null=True,
        related_name="%(app_label)s_%(class)s_set",
        verbose_name=_("organization"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    review_comment = models.TextField(_("comment from the secretariat"), blank=True)

    class Meta:
        abstract = True

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES

    def takes_reference(self) -> bool:
        """Whether submitting gives it a reference number of its own (a revision keeps its original's)."""
        return True

    def reference_year(self, at: datetime) -> int:
        """The year its reference is numbered in, when it is sent at ``at``: the calendar year in Geneva of
        that instant. A process whose items belong to an edition returns the edition's year instead, so
        that an item sent in December to next year's edition is numbered with next year."""
        return at.astimezone(GENEVA).year


class ReferenceSequence(models.Model):
    """The last number given for a prefix in a year; numbers are never reused."""

    prefix = models.CharField(_("prefix"), max_length=20)
    year = models.PositiveSmallIntegerField(_("year"))
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("reference sequence")
        verbose_name_plural = _("reference sequences")
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="one_sequence_per_prefix_year")
        ]

    def __str__(self):
        return f"{self.prefix}-{self.year}: {self.last}"


class AuditEntry(models.Model):
    """One change made by a person (or by the portal itself), with the values before and after."""

    class Action(models.TextChoices):
        CREATED = "created", _("Created")
        CHANGED = "changed", _("Changed")
        DELETED = "deleted", _("Deleted")
        FOCAL_POINT_REQUESTED = "focal_point.requested", _("Focal point requested")
        FOCAL_POINT_CONFIRMED = "focal_point.confirmed", _("Focal point confirmed")
        FOCAL_POINT_DECLINED = "focal_point.declined", _("Focal point declined")
        FOCAL_POINT_WITHDRAWN = "focal_point.withdrawn", _("Focal point withdrawn")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned for changes")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Not accepted")
        MERGED = "merged", _("Merged into another")
        REVISION_APPLIED = "revision_applied", _("Revision applied")
        CONSENT_GIVEN = "consent.given", _("Consent given")
        CONSENT_REFUSED = "consent.refused", _("Consent refused")
        IMPORTED = "imported", _("Imported")

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    action = models.CharField(_("action"), max_length=40, choices=Action.choices, db_index=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, verbose_name=_("kind of object"))
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=300)
    changes = models.JSONField(
        _("changes"), default=dict, blank=True, help_text=_("Field name → [value before, value after].")
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        indexes = [models.Index(fields=["content_type", "object_id"], name="audit_target")]

    def __str__(self):
        return f"{self.get_action_display()}: {self.object_repr}"
