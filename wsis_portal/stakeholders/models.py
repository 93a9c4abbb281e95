"""Who takes part: stakeholders (users), their organisations and focal points, and the Member States."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from wsis_portal.languages import portal_languages

from .countries import PortalCountries


class StakeholderType(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    PRIVATE_SECTOR = "private_sector", _("Private sector")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    ACADEMIA = "academia", _("Academia / technical community")
    INTERNATIONAL_ORGANIZATION = "international_organization", _("International organization")


def validate_time_zone(value):
    from wsis_portal.timezones import zone_or_none

    if zone_or_none(value) is None:
        raise ValidationError(
            _("“%(value)s” is not a time zone we know."), params={"value": value}, code="invalid_time_zone"
        )


def preferred_language_choices():
    return portal_languages()


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person using the portal, signed in by e-mail; the profile lives on the account itself."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    job_title = models.CharField(_("title or position"), max_length=200, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=10, choices=preferred_language_choices, default="en"
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text=_("Deadlines are shown in this zone as well as in Geneva time."),
    )
    stakeholder_type = models.CharField(
        _("stakeholder type"), max_length=30, choices=StakeholderType.choices, blank=True
    )
    organisation = models.ForeignKey(
        "Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("organization"),
    )
    country = CountryField(_("country"), blank=True, countries=PortalCountries)
    member_state = models.ForeignKey(
        "MemberState",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="protocol_officers",
        verbose_name=_("protocol office of"),
        help_text=_(
            "Set by the secretariat: this account answers the high-level track invitations "
            "of that Member State."
        ),
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        ordering = ["email"]
        verbose_name = _("stakeholder account")
        verbose_name_plural = _("stakeholder accounts")

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return self.full_name or self.email

    @property
    def is_secretariat(self) -> bool:
        from .roles import Role

        return self.is_superuser or Role.SECRETARIAT.held_by(self)

    @property
    def profile_is_complete(self) -> bool:
        return bool(self.full_name and self.stakeholder_type and self.country)


class OrganisationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Verified organisations, and those the user proposed and the secretariat has not decided yet."""
        if user.is_authenticated:
            return self.filter(Q(is_verified=True) | Q(proposed_by=user))
        return self.filter(is_verified=True)


class Organisation(models.Model):
    """A government body, company, NGO, university or international organisation taking part in WSIS."""

    name = models.CharField(_("name"), max_length=250)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    stakeholder_type = models.CharField(_("stakeholder type"), max_length=30, choices=StakeholderType.choices)
    country = CountryField(
        _("country"),
        blank=True,
        countries=PortalCountries,
        help_text=_("Leave empty for an international organization with no seat country."),
    )
    website = models.URLField(_("website"), blank=True)
    is_verified = models.BooleanField(_("verified by the secretariat"), default=False)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        constraints = [
            models.UniqueConstraint(fields=["name", "country"], name="organisation_name_unique_per_country"),
        ]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


class FocalPoint(models.Model):
    """A user's request to act for an organisation, and the secretariat's decision on it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Confirmation withdrawn")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="focal_points",
        verbose_name=_("stakeholder"),
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="focal_points", verbose_name=_("organization")
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    motivation = models.TextField(_("role in the organization"), blank=True)
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decision_note = models.TextField(_("note to the requester"), blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("withdrawn by"),
    )

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("focal point")
        verbose_name_plural = _("focal points")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="one_focal_point_request_per_organisation"
            ),
        ]

    def __str__(self):
        return _("%(user)s for %(organisation)s") % {"user": self.user, "organisation": self.organisation}


class Region(models.Model):
    """One of the six ITU regions; every country of an ITU region belongs to one (``regions.py``)."""

    code = models.SlugField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"))

    class Meta:
        ordering = ["position"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.name


class MemberState(models.Model):
    """An ITU Member State: the ministry, minister and protocol office invited to the high-level track."""

    class Gender(models.TextChoices):
        WOMAN = "woman", _("Woman")
        MAN = "man", _("Man")

    country = CountryField(_("country"), unique=True, countries=PortalCountries)
    ministry_name = models.CharField(_("ministry"), max_length=250, blank=True)
    minister_name = models.CharField(_("minister's name"), max_length=200, blank=True)
    minister_title = models.CharField(_("minister's title"), max_length=250, blank=True)
    minister_gender = models.CharField(
        _("minister's form of address"),
        max_length=8,
        choices=Gender.choices,
        blank=True,
        help_text=_("Chooses “Your Excellency” in its masculine or feminine Arabic form in letters."),
    )
    minister_email = models.EmailField(_("minister's office e-mail"), blank=True)
    protocol_office_email = models.EmailField(_("protocol office e-mail"), blank=True)
    protocol_office_phone = models.CharField(_("protocol office telephone"), max_length=40, blank=True)

    class Meta:
        ordering = ["country"]
        verbose_name = _("Member State")
        verbose_name_plural = _("Member States")

    def __str__(self):
        return str(self.country.name)

    @property
    def has_minister(self) -> bool:
        return bool(self.minister_name)
