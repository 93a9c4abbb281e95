"""The secretariat's switches for reminder rules, the log of every reminder sent, and opt-outs."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ReminderRule(models.Model):
    """One row per rule registered in code (created by the sweep), so the secretariat can pause it."""

    key = models.CharField(_("rule"), max_length=80, unique=True)
    paused = models.BooleanField(_("paused"), default=False)

    class Meta:
        ordering = ["key"]
        verbose_name = _("reminder rule")
        verbose_name_plural = _("reminder rules")

    def __str__(self):
        return self.key


class ReminderDelivery(models.Model):
    """One reminder to one recipient about one object at one offset: the unique key makes it happen once."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        CLAIMED = "claimed", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Not sent: no longer due")

    rule = models.CharField(_("rule"), max_length=80)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("kind of object"))
    object_id = models.PositiveBigIntegerField(_("object"))
    recipient = models.EmailField(_("recipient"))
    language = models.CharField(_("language"), max_length=10)
    offset = models.PositiveSmallIntegerField(_("offset (days)"))
    anchor = models.DateTimeField(_("deadline or event"))
    due_at = models.DateTimeField(_("due at"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    claim_token = models.CharField(max_length=32, blank=True, editable=False)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)

    class Meta:
        ordering = ["-due_at", "-id"]
        verbose_name = _("reminder delivery")
        verbose_name_plural = _("reminder deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "content_type", "object_id", "recipient", "offset"],
                name="one_reminder_per_rule_object_recipient_offset",
            )
        ]
        # Every change of status writes to each index: the sweep's own look-ups are partial indexes, which
        # hold only the rows waiting (pending ones by rule, claimed ones by their claim).
        indexes = [
            models.Index(fields=["status"], name="reminder_status"),
            models.Index(fields=["rule", "id"], condition=Q(status="pending"), name="reminder_pending"),
            models.Index(fields=["claim_token"], condition=Q(status="claimed"), name="reminder_claimed"),
        ]

    def __str__(self):
        return f"{self.rule} · {self.recipient} · {self.offset}"


class ReminderOptOut(models.Model):
    """A recipient who asked to stop one optional rule's reminders (from the link in the mail)."""

    email = models.EmailField(_("e-mail address"))
    rule = models.CharField(_("rule"), max_length=80)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("reminder opt-out")
        verbose_name_plural = _("reminder opt-outs")
        constraints = [models.UniqueConstraint(fields=["email", "rule"], name="one_opt_out_per_rule")]

    def __str__(self):
        return f"{self.email} · {self.rule}"
