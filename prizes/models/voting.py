"""The public online vote: one vote per voter and category of a cycle, stored with what makes it judgeable
(when, the account's age, the address's domain, the network it came from) so that the published validity
policy (``prizes.voting``) decides which votes count, and the secretariat can exclude one with a reason."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .submission import PrizeCategory, PrizeCycle, Submission


class PolicyReason(models.TextChoices):
    """Why the published policy does not count a vote; empty when it counts."""

    VALID = "", _("Valid")
    DISPOSABLE_DOMAIN = "disposable_domain", _("Disposable e-mail domain")
    ACCOUNT_BURST = "account_burst", _("Account created in a burst from one network")
    NETWORK_LIMIT = "network_limit", _("Too many votes from one network in the category")


class DisposableEmailDomain(models.Model):
    """A domain of throw-away mailboxes: votes from addresses at it are not counted (published policy)."""

    domain = models.CharField(_("domain"), max_length=255, unique=True)
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        ordering = ["domain"]
        verbose_name = _("disposable e-mail domain")
        verbose_name_plural = _("disposable e-mail domains")

    def __str__(self):
        return self.domain

    def save(self, *args, **kwargs):
        self.domain = self.domain.strip().lower()
        super().save(*args, **kwargs)


class Vote(models.Model):
    """One voter's choice in one category of a cycle (changeable until the voting deadline)."""

    cycle = models.ForeignKey(
        PrizeCycle, on_delete=models.PROTECT, related_name="votes", verbose_name=_("prize cycle")
    )
    category = models.ForeignKey(
        PrizeCategory, on_delete=models.PROTECT, related_name="votes", verbose_name=_("category")
    )
    submission = models.ForeignKey(
        Submission, on_delete=models.PROTECT, related_name="votes", verbose_name=_("project")
    )
    # The account is kept while it exists; ``voter_key`` outlives it, so that an account deleted and
    # created again with the same address never votes twice.
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="prize_votes",
        verbose_name=_("voter"),
    )
    voter_key = models.CharField(_("voter key"), max_length=64, editable=False)
    cast_at = models.DateTimeField(_("cast at"), db_index=True)
    account_created_at = models.DateTimeField(_("account created at"))
    email_domain = models.CharField(_("e-mail domain"), max_length=255)
    ip_network = models.CharField(_("network"), max_length=64, blank=True)
    policy_reason = models.CharField(
        _("policy"), max_length=20, choices=PolicyReason.choices, blank=True, default=PolicyReason.VALID
    )
    excluded_reason = models.TextField(_("excluded by the secretariat because"), blank=True)
    excluded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("excluded by"),
    )
    excluded_at = models.DateTimeField(_("excluded at"), null=True, blank=True)

    class Meta:
        ordering = ["-cast_at", "-pk"]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            # At most one vote per voter and category, even when two requests race.
            models.UniqueConstraint(fields=["cycle", "category", "voter_key"], name="prize_one_vote_per_key"),
            models.UniqueConstraint(
                fields=["cycle", "category", "voter"],
                condition=Q(voter__isnull=False),
                name="prize_one_vote_per_account",
            ),
        ]
        indexes = [
            models.Index(fields=["cycle", "category", "submission"], name="prize_vote_tally"),
            models.Index(fields=["cycle", "category", "ip_network"], name="prize_vote_network"),
        ]

    def __str__(self):
        return f"{self.submission} ({self.cast_at:%Y-%m-%d %H:%M})"

    @property
    def is_valid(self) -> bool:
        return not self.policy_reason and not self.excluded_at
