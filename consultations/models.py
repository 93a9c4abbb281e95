"""The Open Consultation Process of a Forum edition: its meetings, and what stakeholders send to it —
contributions, binding workshop requests and nominations of high-level track facilitators."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from wsis_portal.editions.models import ActionLine, Edition, Format, SustainableDevelopmentGoal
from wsis_portal.languages import content_languages, language_name
from wsis_portal.lifecycle.models import Submission, SubmissionQuerySet
from wsis_portal.stakeholders.countries import PortalCountries
from wsis_portal.stakeholders.models import Region, StakeholderType

# The phase (``editions.Phase.key`` of process "consultations") whose deadline closes contributions,
# workshop requests and nominations.
CONTRIBUTIONS_PHASE = "contributions"


class Consultation(models.Model):
    """The open consultation of one edition, with the limits the secretariat sets for it."""

    edition = models.OneToOneField(
        Edition, on_delete=models.CASCADE, related_name="consultation", verbose_name=_("edition")
    )
    introduction = models.TextField(_("introduction"), blank=True)
    max_speakers = models.PositiveSmallIntegerField(_("speakers per workshop request, at most"), default=6)
    max_workshop_requests = models.PositiveSmallIntegerField(
        _("workshop requests per organization, at most"), default=3
    )

    class Meta:
        ordering = ["-edition__year"]
        verbose_name = _("open consultation")
        verbose_name_plural = _("open consultations")

    def __str__(self):
        return _("Open consultation for the %(edition)s") % {"edition": self.edition}

    def deadline_phase(self):
        """The phase whose deadline closes submissions (from the edition's prefetched phases if any)."""
        return next(
            (
                p
                for p in self.edition.phases.all()
                if p.process == "consultations" and p.key == CONTRIBUTIONS_PHASE
            ),
            None,
        )


class Meeting(models.Model):
    """A consultation meeting: in person, virtual or hybrid, with the link to join or follow it."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("consultation")
    )
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    format = models.CharField(_("format"), max_length=12, choices=Format.choices)
    venue = models.CharField(_("venue"), max_length=250, blank=True)
    link = models.URLField(_("link to join or follow"), blank=True)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("consultation meeting")
        verbose_name_plural = _("consultation meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after_start"
            )
        ]

    def __str__(self):
        return self.title


class Topic(models.Model):
    """A theme contributions are tagged with (e.g. artificial intelligence, digital inclusion)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name


class ConsultationSubmissionQuerySet(SubmissionQuerySet):
    def of(self, user):
        return self.editable_by(user).select_related("consultation__edition").order_by("-updated_at")


class ConsultationSubmission(Submission):
    """What the three kinds of input share: the consultation, the language and where it comes from."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.PROTECT, related_name="+", verbose_name=_("consultation")
    )
    language = models.CharField(_("language of the text"), max_length=10, choices=content_languages)
    stakeholder_type = models.CharField(
        _("stakeholder type"),
        max_length=30,
        choices=StakeholderType.choices,
        blank=True,
        help_text=_("Taken from the organization, or from the profile."),
    )
    country = CountryField(_("country"), blank=True, countries=PortalCountries)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("region")
    )

    objects = ConsultationSubmissionQuerySet.as_manager()

    class Meta:
        abstract = True

    def reference_year(self, at):
        """The year of the edition its consultation prepares, whenever it is sent: a contribution to the
        2027 consultation sent in December 2026 is numbered in 2027."""
        return self.consultation.edition.year


class Contribution(ConsultationSubmission):
    """An official contribution: priorities and themes for the Forum, or a proposal on its format."""

    REFERENCE_PREFIX = "WSIS-OCP"

    class Kind(models.TextChoices):
        PRIORITIES = "priorities", _("Priorities and themes for the Forum")
        FORMAT = "format", _("Proposal on the format of the Forum")

    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("contribution"))
    action_lines = models.ManyToManyField(
        ActionLine, blank=True, related_name="+", verbose_name=_("action lines")
    )
    topics = models.ManyToManyField(Topic, related_name="contributions", verbose_name=_("topics"))

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        indexes = [models.Index(fields=["consultation", "state"], name="contribution_state")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("consultations:contribution", args=[self.pk])


class WorkshopRequest(ConsultationSubmission):
    """A binding request to hold a workshop at the Forum; once accepted it becomes a session."""

    REFERENCE_PREFIX = "WSIS-WS"

    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"))
    format = models.CharField(_("format"), max_length=12, choices=Format.choices)
    organisers = models.TextField(
        _("organizers"), help_text=_("The organizations that organize the workshop, one per line.")
    )
    action_lines = models.ManyToManyField(ActionLine, related_name="+", verbose_name=_("action lines"))
    sdgs = models.ManyToManyField(
        SustainableDevelopmentGoal,
        blank=True,
        related_name="+",
        verbose_name=_("Sustainable Development Goals"),
    )
    session_languages = models.JSONField(_("languages of the session"), default=list)
    preferred_day = models.DateField(_("preferred day"), null=True, blank=True)
    hybrid_needs = models.TextField(
        _("needs for remote participation"),
        blank=True,
        help_text=_("Remote speakers, interpretation, captioning or other needs."),
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_requests",
        verbose_name=_("merged into"),
    )
    session = models.OneToOneField(
        "forum_events.Session",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="workshop_request",
        verbose_name=_("session in the agenda"),
    )

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("workshop request")
        verbose_name_plural = _("workshop requests")
        indexes = [models.Index(fields=["consultation", "state"], name="workshop_state")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("consultations:workshop", args=[self.pk])

    @property
    def organiser_list(self):
        return [line.strip() for line in self.organisers.splitlines() if line.strip()]

    @property
    def session_language_names(self):
        return [language_name(code) for code in self.session_languages]


class Speaker(models.Model):
    """A speaker proposed for a workshop."""

    class Gender(models.TextChoices):
        WOMAN = "woman", _("Woman")
        MAN = "man", _("Man")
        OTHER = "other", _("Another gender")
        UNDISCLOSED = "undisclosed", _("Prefers not to say")

    request = models.ForeignKey(
        WorkshopRequest, on_delete=models.CASCADE, related_name="speakers", verbose_name=_("workshop request")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organization"), max_length=250)
    gender = models.CharField(_("gender"), max_length=12, choices=Gender.choices)
    stakeholder_type = models.CharField(_("stakeholder type"), max_length=30, choices=StakeholderType.choices)
    country = CountryField(_("country"), countries=PortalCountries)

    class Meta:
        ordering = ["request", "position", "pk"]
        verbose_name = _("proposed speaker")
        verbose_name_plural = _("proposed speakers")

    def __str__(self):
        return self.name


class FacilitatorNomination(ConsultationSubmission):
    """A nomination of a facilitator for the high-level track, for one stakeholder type. It counts once the
    nominee has confirmed, through a link mailed to them, that they agree to be nominated."""

    REFERENCE_PREFIX = "WSIS-HLF"

    class Consent(models.TextChoices):
        PENDING = "pending", _("Awaiting the nominee's consent")
        GIVEN = "given", _("Consent given")
        REFUSED = "refused", _("Consent refused")

    nominee_group = models.CharField(
        _("stakeholder type the nominee would represent"), max_length=30, choices=StakeholderType.choices
    )
    nominee_name = models.CharField(_("nominee's name"), max_length=200)
    nominee_email = models.EmailField(_("nominee's e-mail"))
    nominee_organisation = models.CharField(_("nominee's organization"), max_length=250)
    biography = models.TextField(_("short biography"))
    consent = models.CharField(
        _("consent of the nominee"), max_length=10, choices=Consent.choices, default=Consent.PENDING
    )
    consent_at = models.DateTimeField(_("consent answered at"), null=True, blank=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("facilitator nomination")
        verbose_name_plural = _("facilitator nominations")
        indexes = [models.Index(fields=["consultation", "state"], name="nomination_state")]

    def __str__(self):
        return self.nominee_name

    def get_absolute_url(self):
        return reverse("consultations:nomination", args=[self.pk])
