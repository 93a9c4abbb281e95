"""The stocktaking database: projects, initiatives, events and publications, tagged by WSIS Action Lines,
SDGs and GDC objectives, covering countries and regions, submitted by stakeholders and reviewed."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from wsis_portal.editions.models import ActionLine, GDCObjective, SustainableDevelopmentGoal
from wsis_portal.languages import content_languages
from wsis_portal.lifecycle.models import OPEN_STATES, Submission, SubmissionQuerySet, SubmissionState
from wsis_portal.stakeholders.countries import PortalCountries
from wsis_portal.stakeholders.models import Region, StakeholderType
from wsis_portal.uploads import FileCheck


class EntryQuerySet(SubmissionQuerySet):
    def published(self):
        """Entries the public may see: accepted and not a pending revision of another entry."""
        return self.filter(state=SubmissionState.ACCEPTED, revision_of__isnull=True)

    def of(self, user):
        """What ``user`` works on, newest first: the entries they may edit, each with its open revision
        (``open_revisions``), revisions themselves left out."""
        open_revisions = Entry.objects.filter(state__in=OPEN_STATES)
        return (
            self.editable_by(user)
            .filter(revision_of__isnull=True)
            .select_related("organisation")
            .prefetch_related(models.Prefetch("revisions", queryset=open_revisions, to_attr="open_revisions"))
            .order_by("-updated_at")
        )


class Entry(Submission):
    """A project, initiative, event or publication in the stocktaking database. Entries belong to no
    edition: an entry's reference is numbered in the calendar year, in Geneva time, of the instant it is
    first sent (``Submission.reference_year``)."""

    REFERENCE_PREFIX = "WSIS-ST"

    class Kind(models.TextChoices):
        PROJECT = "project", _("Project")
        INITIATIVE = "initiative", _("Initiative or programme")
        EVENT = "event", _("Event")
        PUBLICATION = "publication", _("Publication or toolkit")

    class WorkStatus(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ONGOING = "ongoing", _("Ongoing")
        COMPLETED = "completed", _("Completed")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"))
    language = models.CharField(_("language of the text"), max_length=10, choices=content_languages)
    stakeholder_type = models.CharField(
        _("stakeholder type"),
        max_length=30,
        choices=StakeholderType.choices,
        blank=True,
        help_text=_("Taken from the organization."),
    )
    is_global = models.BooleanField(_("global coverage"), default=False)
    regions = models.ManyToManyField(Region, blank=True, related_name="+", verbose_name=_("regions"))
    action_lines = models.ManyToManyField(
        ActionLine, through="EntryActionLine", related_name="+", verbose_name=_("action lines")
    )
    sdgs = models.ManyToManyField(
        SustainableDevelopmentGoal,
        blank=True,
        related_name="+",
        verbose_name=_("Sustainable Development Goals"),
    )
    gdc_objectives = models.ManyToManyField(
        GDCObjective, blank=True, related_name="+", verbose_name=_("Global Digital Compact objectives")
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    work_status = models.CharField(_("status of the work"), max_length=10, choices=WorkStatus.choices)
    website = models.URLField(_("website"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    attachment = models.FileField(
        _("image or document"),
        upload_to="stocktaking/%Y/",
        blank=True,
        validators=[FileCheck(("pdf", "png", "jpg", "jpeg", "docx"))],
        help_text=_("Optional: a PDF, DOCX, PNG or JPEG file of at most 5 MB."),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(
        _("year"), null=True, blank=True, help_text=_("The year the entry was first published.")
    )
    revision_of = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="revisions",
        verbose_name=_("revision of"),
    )
    external_id = models.CharField(
        _("identifier in the legacy database"), max_length=64, unique=True, null=True, blank=True
    )
    # Search terms (wsis_portal.textsearch); on PostgreSQL a trigger builds search_vector from them.
    search_title = models.TextField(default="", editable=False)
    search_body = models.TextField(default="", editable=False)
    # One token per facet value ("f2x5": SDG with id 5), so that PostgreSQL finds an entry by its text and
    # facets in one exact GIN lookup (stocktaking.search); text terms can never look like these tokens.
    # On PostgreSQL a trigger also copies them into arrays of values, which the facet counts read (0007).
    search_tags = models.TextField(default="", editable=False)
    search_vector = SearchVectorField(null=True, editable=False)

    objects = EntryQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("stocktaking entry")
        verbose_name_plural = _("stocktaking entries")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="entry_ends_after_it_starts",
            ),
            models.UniqueConstraint(
                fields=["revision_of"], condition=Q(state__in=OPEN_STATES), name="one_open_revision_per_entry"
            ),
        ]
        indexes = [
            models.Index(fields=["state", "published_at"], name="entry_state_published"),
            models.Index(fields=["state", "year"], name="entry_state_year"),
            models.Index(fields=["state", "kind"], name="entry_state_kind"),
            models.Index(fields=["state", "stakeholder_type"], name="entry_state_type"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("stocktaking:entry", args=[self.revision_of_id or self.pk])

    @property
    def is_revision(self) -> bool:
        return self.revision_of_id is not None

    @property
    def public_reference(self):
        """The reference the public knows: a revision goes by the reference of the entry it revises."""
        return self.revision_of.reference if self.revision_of_id else self.reference

    def takes_reference(self) -> bool:
        return self.revision_of_id is None

    @property
    def main_action_line(self):
        return next((link.action_line for link in self.action_line_links.all() if link.is_main), None)


class EntryActionLine(models.Model):
    """An action line an entry is tagged with; exactly one of an entry's action lines is its main one."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="action_line_links")
    action_line = models.ForeignKey(ActionLine, on_delete=models.PROTECT, related_name="+")
    is_main = models.BooleanField(_("main action line"), default=False)

    class Meta:
        verbose_name = _("action line of an entry")
        verbose_name_plural = _("action lines of entries")
        constraints = [
            models.UniqueConstraint(fields=["entry", "action_line"], name="entry_action_line_once"),
            models.UniqueConstraint(
                fields=["entry"], condition=Q(is_main=True), name="entry_one_main_action_line"
            ),
        ]
        indexes = [models.Index(fields=["action_line", "entry"], name="entry_action_line_by_line")]

    def __str__(self):
        return f"{self.entry_id}: {self.action_line_id}"


class EntryCountry(models.Model):
    """A country an entry covers."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="country_links")
    country = CountryField(_("country"), countries=PortalCountries)

    class Meta:
        verbose_name = _("country of an entry")
        verbose_name_plural = _("countries of entries")
        constraints = [models.UniqueConstraint(fields=["entry", "country"], name="entry_country_once")]
        indexes = [models.Index(fields=["country", "entry"], name="entry_country_by_country")]

    def __str__(self):
        return f"{self.entry_id}: {self.country}"
